import type { Context } from 'aws-lambda';
import { planFailure } from '../../../functions/lib/reconcile/plan-run';
import type { LambdaHandler } from '../../../functions/local/local-runner';
import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';
import { useLocalImportsBucket } from '../../support/local-imports-bucket';
import { IMPORTS, readResults } from '../../support/reconcile-apply';
import { CORP_DOMAIN, largeOrgSeed, rosterCsv, type RosterMix } from '../../support/reconcile-org';

/**
 * The two halves of reconciliation wired together, end to end through the local runtime: the real
 * ReconcilePlan and ReconcileApply ASL (and the lifecycle machines the apply nests), the route rows behind
 * the local API, the simulator over HTTP. GET /reconcile/plans/{id} shows the apply; a scheduled plan with
 * autoApply starts it; a failed plan publishes Webex Reconcile Failed.
 */
const bucket = useLocalImportsBucket(IMPORTS);
let h: Harness;
useLifecycleHarness((harness) => (h = harness));

const scope = { emailDomains: [CORP_DOMAIN] };
const KEY = 'rosters/nightly.csv';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
/** 12 corp people; 2 title changes and 1 leaver (8 %: under the 10 % threshold) make 3 actions. */
const THREE_ACTIONS: RosterMix = { joiners: 0, movers: 0, leavers: 0.09, profileChanges: 0.17 };

async function roster(mix: RosterMix) {
  const o = largeOrgSeed(12, 4);
  h.sim.reset(o.seed);
  await bucket.store().putText(IMPORTS, KEY, rosterCsv(o, mix).csv);
}

async function plan(): Promise<string> {
  const res = await h.call('POST', '/reconcile/plans', { key: KEY, scope });
  if (res.status !== 201) throw new Error(`plan answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

const applies = () => h.runtime.executions.list('ReconcileApply');
const events = (detailType: string) => h.runtime.eventBus.published.filter((e) => e.detailType === detailType);

/** The apply steps' function, held at `prepare` until the test lets it go (or failing there): no race against a clock. */
function interceptPrepare(behaviour: 'hold' | 'break') {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const real = h.runtime.taskHandlers.ReconcileApplyStepsFunctionArn;
  h.runtime.taskHandlers.ReconcileApplyStepsFunctionArn = (async (event: unknown, context: Context) => {
    if ((event as { step?: string }).step === 'prepare') {
      if (behaviour === 'break') throw Object.assign(new Error('the bucket is gone'), { name: 'S3Outage' });
      await gate;
    }
    return real(event, context);
  }) as LambdaHandler;
  return release;
}

/** A scheduled run: Scheduler gives no name and no planId (the machine makes one). */
async function scheduledRun(autoApply: boolean, name = 'scheduled-0f4c1d2e') {
  await h.runtime.stateMachines.starter().start('ReconcilePlan', { request: { key: KEY, scope }, autoApply }, name);
  const outcome = await h.runtime.executions.outcome('ReconcilePlan', name);
  if (outcome?.status !== 'SUCCEEDED') throw new Error(`plan ${outcome?.status}: ${outcome?.error} ${outcome?.cause}`);
  return outcome.output as { planId: string; apply: Record<string, unknown> };
}

describe('GET /reconcile/plans/{id} shows the apply', () => {
  it('planned, then applied: the results paged with the actions, the apply execution with its dates', async () => {
    await roster(THREE_ACTIONS);
    const id = await plan();
    const before = await h.call('GET', `/reconcile/plans/${id}`);
    expect(before.body).toMatchObject({ id, status: 'planned', total: 3 });
    expect(before.body).not.toHaveProperty('apply');
    expect(before.body).not.toHaveProperty('results');

    expect((await h.call('POST', `/reconcile/plans/${id}/apply`, {})).status).toBe(202);
    expect(await h.runtime.executions.outcome('ReconcileApply', `reconcile-${id}`)).toMatchObject({ status: 'SUCCEEDED' });

    const after = await h.call('GET', `/reconcile/plans/${id}?limit=2`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({
      id, status: 'applied', total: 3, nextOffset: 2,
      apply: { executionName: `reconcile-${id}`, status: 'SUCCEEDED', startDate: expect.stringMatching(ISO), stopDate: expect.stringMatching(ISO) },
      results: { planId: id, executionName: `reconcile-${id}`, counts: { total: 3, succeeded: 3, failed: 0, skipped: 0 }, resultsTotal: 3, resultsNextOffset: 2 },
    });
    expect(after.body.apply).not.toHaveProperty('error');
    const { json } = await readResults(bucket.store(), id);
    expect(after.body.results.results).toEqual(json.results.slice(0, 2));
    expect((await h.call('GET', `/reconcile/plans/${id}?offset=2`)).body.results.results).toEqual(json.results.slice(2));
  });

  it('applying while the apply runs (held by the test), with its execution name and start; applied once it ends', async () => {
    await roster(THREE_ACTIONS);
    const id = await plan();
    const release = interceptPrepare('hold');
    expect((await h.call('POST', `/reconcile/plans/${id}/apply`, {})).status).toBe(202);
    const during = await h.call('GET', `/reconcile/plans/${id}`);
    expect(during.body).toMatchObject({ id, status: 'applying', apply: { executionName: `reconcile-${id}`, status: 'RUNNING', startDate: expect.stringMatching(ISO) } });
    expect(during.body).not.toHaveProperty('results');
    expect(during.body.apply).not.toHaveProperty('stopDate');
    release();
    await h.runtime.executions.settle();
    expect((await h.call('GET', `/reconcile/plans/${id}`)).body).toMatchObject({ status: 'applied', results: { counts: { total: 3, succeeded: 3 } } });
  });

  it('apply-failed when the run broke before its report, with the error it failed with', async () => {
    await roster(THREE_ACTIONS);
    const id = await plan();
    interceptPrepare('break');
    expect((await h.call('POST', `/reconcile/plans/${id}/apply`, {})).status).toBe(202);
    expect(await h.runtime.executions.outcome('ReconcileApply', `reconcile-${id}`)).toMatchObject({ status: 'FAILED', error: 'S3Outage' });
    const view = await h.call('GET', `/reconcile/plans/${id}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      id, status: 'apply-failed', total: 3,
      apply: { executionName: `reconcile-${id}`, status: 'FAILED', stopDate: expect.stringMatching(ISO), error: { code: 'S3Outage', message: 'the bucket is gone' } },
    });
    expect(view.body).not.toHaveProperty('results');
    // The cause's stack trace (Lambda's error payload) is not passed on.
    expect(JSON.stringify(view.body)).not.toMatch(/trace|at .*\.ts:/);
  });

  it('a results file that is not a report is a 500 naming it, never a crash or half a report', async () => {
    await roster(THREE_ACTIONS);
    const id = await plan();
    const key = `applies/${id}.results.json`;
    await bucket.store().putText(IMPORTS, key, JSON.stringify({ planId: id, counts: { total: 3 } }));
    const wrongShape = await h.call('GET', `/reconcile/plans/${id}`);
    expect(wrongShape.status).toBe(500);
    expect(wrongShape.body.error).toEqual({ code: 'StoredObjectInvalidError', message: expect.stringContaining(key) });
    expect(wrongShape.body.error.message).toMatch(/not an apply report \(executionName, finishedAt, counts.succeeded\)/);
    await bucket.store().putText(IMPORTS, key, '{"planId": ');
    const notJson = await h.call('GET', `/reconcile/plans/${id}`);
    expect(notJson.status).toBe(500);
    expect(notJson.body.error.message).toBe(`${key} in the imports bucket is not JSON: the apply's report cannot be read`);
  });
});

describe('autoApply (a scheduled plan)', () => {
  it('a plan that needs no confirmation starts reconcile-<planId> with { planId, digest }; it completes and writes its results; Planned says so; a person applying it too runs nothing again', async () => {
    await roster(THREE_ACTIONS);
    const { planId, apply } = await scheduledRun(true);
    const name = `reconcile-${planId}`;
    expect(apply).toEqual({ started: true, executionName: name });
    expect(applies()).toEqual([{ executionName: name }]);
    expect(h.runtime.executions.input('ReconcileApply', name)).toEqual({ planId, digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect(events('Webex Reconcile Planned')).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ planId, autoApply: true, applyStarted: true, apply: { started: true, executionName: name } }) }),
    ]);
    expect(await h.runtime.executions.outcome('ReconcileApply', name)).toMatchObject({ status: 'SUCCEEDED', output: { stage: 'apply', status: 'COMPLETED' } });
    const { json } = await readResults(bucket.store(), planId);
    expect(json.counts).toEqual({ total: 3, succeeded: 3, failed: 0, skipped: 0 });
    expect(events('Webex Reconcile Completed')).toEqual([expect.objectContaining({ detail: expect.objectContaining({ stage: 'apply', planId, counts: json.counts }) })]);
    expect((await h.call('GET', `/reconcile/plans/${planId}`)).body).toMatchObject({ status: 'applied', apply: { executionName: name, status: 'SUCCEEDED' } });

    const again = await h.call('POST', `/reconcile/plans/${planId}/apply`, {});
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'DUPLICATE', executionName: name });
    await h.runtime.executions.settle();
    expect(applies()).toEqual([{ executionName: name }]);
  });

  it('a plan that needs confirmation publishes Confirmation Required and starts nothing, autoApply or not', async () => {
    await roster({ joiners: 0, movers: 0, leavers: 0.25 });
    const { planId, apply } = await scheduledRun(true);
    expect(apply).toEqual({ started: false, reason: 'needsConfirmation' });
    expect(events('Webex Reconcile Confirmation Required')).toEqual([expect.objectContaining({ detail: expect.objectContaining({ planId, confirmWith: 3 }) })]);
    expect(events('Webex Reconcile Planned')).toEqual([]);
    await h.runtime.executions.settle();
    expect(applies()).toEqual([]);
    expect((await h.call('GET', `/reconcile/plans/${planId}`)).body).toMatchObject({ status: 'planned', needsConfirmation: true });
    expect(h.webexCalls().filter((c) => c.method !== 'GET')).toEqual([]);
  });

  it('autoApply false starts nothing (autoApplyOff); a plan without actions neither (nothingToApply)', async () => {
    await roster(THREE_ACTIONS);
    const off = await scheduledRun(false, 'scheduled-off');
    expect(off.apply).toEqual({ started: false, reason: 'autoApplyOff' });
    expect(events('Webex Reconcile Planned')[0].detail).toMatchObject({ planId: off.planId, autoApply: false, applyStarted: false });

    await roster({ joiners: 0, movers: 0, leavers: 0 });
    const empty = await scheduledRun(true, 'scheduled-empty');
    expect(empty.apply).toEqual({ started: false, reason: 'nothingToApply' });
    await h.runtime.executions.settle();
    expect(applies()).toEqual([]);
    expect(h.webexCalls().filter((c) => c.method !== 'GET')).toEqual([]);
  });

  it('a plan whose apply already ran (reconcile-<id> closed) is not applied again: ExecutionAlreadyExists is caught as alreadyApplied', async () => {
    await roster(THREE_ACTIONS);
    const id = await plan();
    interceptPrepare('break');
    await h.call('POST', `/reconcile/plans/${id}/apply`, {});
    expect(await h.runtime.executions.outcome('ReconcileApply', `reconcile-${id}`)).toMatchObject({ status: 'FAILED' });
    // The same plan planned again with autoApply (as a redriven run would): its actions still stand.
    await h.runtime.stateMachines.starter().start('ReconcilePlan', { planId: id, request: { key: KEY, scope }, autoApply: true }, `replan-${id}`);
    const outcome = await h.runtime.executions.outcome('ReconcilePlan', `replan-${id}`);
    expect(outcome).toMatchObject({ status: 'SUCCEEDED', output: { planId: id, apply: { started: false, reason: 'alreadyApplied', executionName: `reconcile-${id}` } } });
    expect(applies()).toEqual([{ executionName: `reconcile-${id}` }]);
  });

  it('a plan whose apply a person started and is still running: a plan made again under its id (another digest) starts nothing, and the first, finding the plan changed, applies nothing', async () => {
    await roster(THREE_ACTIONS);
    const id = await plan();
    const release = interceptPrepare('hold');
    await h.call('POST', `/reconcile/plans/${id}/apply`, {});
    const reviewed = h.runtime.executions.input('ReconcileApply', `reconcile-${id}`) as { digest: string };
    await h.runtime.stateMachines.starter().start('ReconcilePlan', { planId: id, request: { key: KEY, scope }, autoApply: true }, `replan-${id}`);
    // The start names the new plan's digest: not the running execution's input, so Step Functions refuses it.
    expect(await h.runtime.executions.outcome('ReconcilePlan', `replan-${id}`)).toMatchObject({ output: { apply: { started: false, reason: 'alreadyApplied', executionName: `reconcile-${id}` } } });
    expect(reviewed.digest).toMatch(/^sha256:/);
    release();
    await h.runtime.executions.settle();
    expect(applies()).toEqual([{ executionName: `reconcile-${id}` }]);
    // The stored plan is no longer the one that run was asked for (it was planned again meanwhile): its
    // first step refuses it, and nothing is applied.
    expect(await h.runtime.executions.outcome('ReconcileApply', `reconcile-${id}`)).toMatchObject({ status: 'FAILED', error: 'PlanIntegrityError' });
    expect(events('Webex Reconcile Completed')).toHaveLength(0);
    expect(h.webexCalls().filter((c) => c.method !== 'GET')).toEqual([]);
  });
});

describe('a failed plan publishes Webex Reconcile Failed (stage plan)', () => {
  it('POST: the planner refuses an unknown location; the event has its error and fields; POST and GET still read it from the execution', async () => {
    await roster(THREE_ACTIONS);
    const res = await h.call('POST', '/reconcile/plans', { key: KEY, scope: { locations: ['Atlantis'] } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 'FAILED', error: { code: 'ValidationError', fields: [{ field: 'scope.locations.0' }] } });
    const id = res.body.id as string;
    expect(events('Webex Reconcile Failed')).toEqual([
      expect.objectContaining({
        source: 'webex-provisioning.lifecycle',
        detail: {
          stage: 'plan', planId: id, executionName: `plan-${id}`, status: 'FAILED', counts: { total: 0, succeeded: 0, failed: 0, skipped: 0 },
          error: { code: 'ValidationError', message: expect.any(String), httpStatus: 400, fields: [expect.objectContaining({ field: 'scope.locations.0' })] },
        },
      }),
    ]);
    expect((await h.call('GET', `/reconcile/plans/${id}`)).body).toMatchObject({ status: 'FAILED', error: { code: 'ValidationError', fields: [{ field: 'scope.locations.0' }] } });
    expect(events('Webex Reconcile Planned')).toEqual([]);
  });

  it('a scheduled run with a bad roster row: the event names the row, the execution fails with the planner\'s error, nothing is applied', async () => {
    await roster(THREE_ACTIONS);
    await bucket.store().putText(IMPORTS, KEY, `email,displayName,location\r\nok@${CORP_DOMAIN},OK,Headquarters\r\nnot-an-email,Bad,Headquarters\r\n`);
    await h.runtime.stateMachines.starter().start('ReconcilePlan', { request: { key: KEY, scope }, autoApply: true }, 'scheduled-bad');
    const outcome = await h.runtime.executions.outcome('ReconcilePlan', 'scheduled-bad');
    expect(outcome).toMatchObject({ status: 'FAILED', error: 'ValidationError' });
    // The Fail state keeps the planner's Error and Cause: read the way POST and GET read them.
    expect(planFailure(outcome!)).toMatchObject({ code: 'ValidationError', httpStatus: 400, fields: [expect.objectContaining({ field: 'lines.3.email' })] });
    const [event] = events('Webex Reconcile Failed');
    expect(event.detail).toMatchObject({ stage: 'plan', planId: expect.any(String), executionName: 'scheduled-bad', error: { code: 'ValidationError', fields: [{ field: 'lines.3.email' }] } });
    expect(JSON.stringify(event.detail)).not.toContain('not-an-email');
    expect(applies()).toEqual([]);
  });
});
