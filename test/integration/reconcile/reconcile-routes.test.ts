import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { route as createPlanRoute } from '../../../functions/create-reconcile-plan/handler';
import { routeHandler } from '../../../functions/lib/http/route';
import { lambdaContext } from '../../../functions/lib/runtime/lambda-context';
import type { LambdaHandler } from '../../../functions/local/local-runner';
import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';
import { useLocalImportsBucket } from '../../support/local-imports-bucket';
import { CORP_DOMAIN, largeOrgSeed, rosterCsv } from '../../support/reconcile-org';

/**
 * POST /reconcile/plans and GET /reconcile/plans/{id} end to end: the real route rows behind the local
 * API, the real ReconcilePlan ASL run in-process with its Task function, the simulator over HTTP, the
 * imports bucket as a folder and the lifecycle bus recording what the machine publishes.
 */
const BUCKET = 'imports';
const bucket = useLocalImportsBucket(BUCKET);
let h: Harness;
useLifecycleHarness((harness) => (h = harness));

const PEOPLE = 60;
const org = largeOrgSeed(PEOPLE, 10);
const scope = { emailDomains: [CORP_DOMAIN] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

beforeEach(() => {
  h.sim.reset(org.seed);
});

/** The org's corp people as the roster's JSON users, the last `leavers` left out, plus one joiner. */
function rosterUsers(leavers: number, joiner = true) {
  const users = org.seed.people
    .filter((p) => p.emails[0].endsWith(`@${CORP_DOMAIN}`))
    .slice(0, PEOPLE - leavers)
    .map((p) => ({ email: p.emails[0], displayName: p.displayName, location: p.calling!.locationId }));
  if (joiner) users.push({ email: `new.joiner@${CORP_DOMAIN}`, displayName: 'New Joiner', location: 'Headquarters' });
  return users;
}

const events = (detailType: string) => h.runtime.eventBus.published.filter((e) => e.detailType === detailType);

describe('POST /reconcile/plans', () => {
  it('plans JSON users: 201 with the summary, the plan in the bucket, Webex Reconcile Planned on the bus, nothing written to Webex', async () => {
    const res = await h.call('POST', '/reconcile/plans', { users: rosterUsers(2), scope });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    expect(id).toMatch(UUID);
    expect(res.body).toMatchObject({
      status: 'planned',
      needsConfirmation: false,
      counts: { join: 1, enableCalling: 0, move: 0, updateProfile: 0, leave: 2 },
      inScope: PEOPLE,
      statusUrl: `/reconcile/plans/${id}`,
      applyUrl: `/reconcile/plans/${id}/apply`,
      plan: { bucket: BUCKET, json: `plans/${id}.json`, csv: `plans/${id}.csv` },
    });
    expect(res.body).not.toHaveProperty('actions');
    expect(res.body).not.toHaveProperty('confirmWith');
    // The machine ran under the contract's name, and the plan is stored as JSON and CSV.
    expect(h.runtime.executions.list('ReconcilePlan')).toEqual([{ executionName: `plan-${id}` }]);
    const stored = JSON.parse((await bucket.store().getText(BUCKET, `plans/${id}.json`)).text);
    expect(stored.actions.map((a: { kind: string }) => a.kind)).toEqual(['join', 'leave', 'leave']);
    const csvLines = (await bucket.store().getText(BUCKET, `plans/${id}.csv`)).text.split('\r\n');
    expect(csvLines.slice(0, 2)).toEqual([`# plan ${id} digest ${res.body.digest}`, 'status,kind,email,userId,before,after,reason,where,beforeLocationId,afterLocationId']);
    expect(res.body.digest).toBe(stored.digest);
    expect(events('Webex Reconcile Planned')).toEqual([
      expect.objectContaining({
        source: 'webex-provisioning.lifecycle',
        detail: {
          planId: id, counts: res.body.counts, inScope: PEOPLE, autoApply: false, applyStarted: false, apply: { started: false, reason: 'autoApplyOff' },
          statusPath: `/reconcile/plans/${id}`, applyPath: `/reconcile/plans/${id}/apply`, plan: res.body.plan,
        },
      }),
    ]);
    expect(events('Webex Reconcile Confirmation Required')).toEqual([]);
    expect(h.webexCalls().filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('plans a CSV from the imports bucket, and GET pages its actions', async () => {
    const { csv, expected } = rosterCsv(org, { joiners: 0.05, movers: 0.05, leavers: 0.05, profileChanges: 0.05 });
    await bucket.store().putText(BUCKET, 'rosters/nightly.csv', csv);
    const res = await h.call('POST', '/reconcile/plans', { key: 'rosters/nightly.csv', scope, allowMoves: true });
    expect(res.status).toBe(201);
    expect(res.body.counts).toEqual({ join: expected.join, enableCalling: 0, move: expected.move, updateProfile: expected.updateProfile, leave: expected.leave });
    const id = res.body.id as string;
    const total = expected.join + expected.move + expected.updateProfile + expected.leave;

    const first = await h.call('GET', `/reconcile/plans/${id}?limit=4`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id, status: 'planned', total, offset: 0, limit: 4, nextOffset: 4, counts: res.body.counts, scope, policy: { allowMoves: true } });
    expect(first.body.actions).toHaveLength(4);
    expect(first.body).not.toHaveProperty('results');
    const rest = await h.call('GET', `/reconcile/plans/${id}?offset=4&limit=1000`);
    expect(rest.body.actions).toHaveLength(total - 4);
    expect(rest.body).not.toHaveProperty('nextOffset');
    const stored = JSON.parse((await bucket.store().getText(BUCKET, `plans/${id}.json`)).text);
    expect([...first.body.actions, ...rest.body.actions]).toEqual(stored.actions);
    // The default page is 100; more than 1000 is refused.
    expect((await h.call('GET', `/reconcile/plans/${id}`)).body.limit).toBe(100);
    expect((await h.call('GET', `/reconcile/plans/${id}?limit=1001`)).body.error.fields).toEqual([{ field: 'limit', message: 'must be at most 1000' }]);
  });

  it('a bad CSV row is a 400 naming lines.<line>.<column>: no execution, no Webex request', async () => {
    await bucket.store().putText(BUCKET, 'bad.csv', `email,displayName,location\r\nok@${CORP_DOMAIN},OK,Headquarters\r\nnot-an-email,Bad,Headquarters\r\n`);
    const res = await h.call('POST', '/reconcile/plans', { key: 'bad.csv', scope });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ field: 'lines.3.email' })]);
    const dupes = await h.call('POST', '/reconcile/plans', { users: [...rosterUsers(0, false).slice(0, 1), ...rosterUsers(0, false).slice(0, 1)], scope });
    expect(dupes.status).toBe(400);
    expect(dupes.body.error.fields).toEqual([expect.objectContaining({ field: 'users.1.email' })]);
    const noScope = await h.call('POST', '/reconcile/plans', { users: rosterUsers(0) });
    expect(noScope.body.error.fields).toEqual([expect.objectContaining({ field: 'scope' })]);
    expect((await h.call('POST', '/reconcile/plans', { key: 'missing.csv', scope })).status).toBe(404);
    expect(h.runtime.executions.list('ReconcilePlan')).toEqual([]);
    expect(h.webexCalls()).toEqual([]);
  });

  it('a plan over the leaver threshold needs confirmation: confirmWith the leaver count, Webex Reconcile Confirmation Required', async () => {
    const res = await h.call('POST', '/reconcile/plans', { users: rosterUsers(12, false), scope, leaverPolicy: 'delete' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ needsConfirmation: true, confirmWith: 12, counts: { leave: 12 } });
    const id = res.body.id;
    expect(events('Webex Reconcile Confirmation Required')).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ planId: id, confirmWith: 12, counts: res.body.counts, applyPath: `/reconcile/plans/${id}/apply` }) }),
    ]);
    expect(events('Webex Reconcile Planned')).toEqual([]);
    // The deployment's thresholds are a ceiling: a request may tighten them, never lift them, and nothing starts.
    const started = h.runtime.executions.list('ReconcilePlan').length;
    const lifted = await h.call('POST', '/reconcile/plans', { users: rosterUsers(12, false), scope, thresholds: { maxLeaverPercent: 25, maxLeavers: 1000000 } });
    expect(lifted.status).toBe(400);
    expect(lifted.body.error.fields).toEqual([
      { field: 'thresholds.maxLeaverPercent', message: expect.stringMatching(/not raise it/) },
      { field: 'thresholds.maxLeavers', message: expect.stringMatching(/not raise it/) },
    ]);
    expect(h.runtime.executions.list('ReconcilePlan')).toHaveLength(started);
    const tightened = await h.call('POST', '/reconcile/plans', { users: rosterUsers(2, false), scope, thresholds: { maxLeavers: 1 } });
    expect(tightened.body).toMatchObject({ needsConfirmation: true, confirmWith: 2 });
  });

  it("the planner's own refusals come back at their status, through the execution: an unknown scope location, every in-scope user removed", async () => {
    const unknown = await h.call('POST', '/reconcile/plans', { users: rosterUsers(0), scope: { locations: ['Atlantis'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ id: expect.stringMatching(UUID), status: 'FAILED', error: { code: 'ValidationError', fields: [{ field: 'scope.locations.0' }] } });
    // GET reads the failed execution while there is no plan.
    const failed = await h.call('GET', `/reconcile/plans/${unknown.body.id}`);
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ id: unknown.body.id, status: 'FAILED', error: { code: 'ValidationError', fields: [{ field: 'scope.locations.0' }] } });

    const everyone = await h.call('POST', '/reconcile/plans', { users: [{ email: `someone@${CORP_DOMAIN}`, displayName: 'S', location: 'Headquarters' }], scope });
    expect(everyone.status).toBe(400);
    expect(everyone.body.error.fields).toEqual([{ field: 'users', message: expect.stringMatching(/every one of the 60/) }]);
    // Keeping one user does not make the file right: the refusal is about the share removed.
    const allButOne = await h.call('POST', '/reconcile/plans', { users: rosterUsers(59, false), scope, leaverPolicy: 'delete', thresholds: { maxLeaverPercent: 100, maxLeavers: 1000000 } });
    expect(allButOne.status).toBe(400);
    expect(allButOne.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['thresholds.maxLeaverPercent', 'thresholds.maxLeavers']);
    const keepOne = await h.call('POST', '/reconcile/plans', { users: rosterUsers(59, false), scope, leaverPolicy: 'delete' });
    expect(keepOne.status).toBe(400);
    expect(keepOne.body.error.fields).toEqual([{ field: 'users', message: expect.stringMatching(/remove 59 of the 60 in-scope users, more than it keeps/) }]);
    expect(events('Webex Reconcile Planned')).toEqual([]);
    expect(h.webexCalls().filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('GET: an id never planned is a 404, one that is not a uuid a 400 naming id', async () => {
    const missing = await h.call('GET', '/reconcile/plans/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    const bad = await h.call('GET', '/reconcile/plans/..%2Fsecrets');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([expect.objectContaining({ field: 'id' })]);
    expect((await h.call('GET', '/reconcile/plans/00000000-0000-4000-8000-000000000000?page=2')).body.error.fields).toEqual([{ field: 'page', message: 'unknown query parameter' }]);
  });
  // GET with the apply's results, applying and apply-failed: reconcile-wire.test.ts (a real apply).
});

describe('a scheduled run (the input reconcileSchedule gives: no planId)', () => {
  it('makes its own plan id, stores the plan under it and publishes it with autoApply as scheduled (off here: autoApply on is reconcile-wire.test.ts)', async () => {
    const { csv } = rosterCsv(org, { joiners: 0, movers: 0, leavers: 0.05 });
    await bucket.store().putText(BUCKET, 'rosters/nightly.csv', csv);
    // Step Functions names a scheduled execution itself (Scheduler gives no name).
    await h.runtime.stateMachines.starter().start('ReconcilePlan', { request: { key: 'rosters/nightly.csv', scope }, autoApply: false }, 'scheduled-0f4c1d2e');
    const outcome = await h.runtime.executions.outcome('ReconcilePlan', 'scheduled-0f4c1d2e');
    expect(outcome).toMatchObject({ status: 'SUCCEEDED', output: { planId: expect.stringMatching(UUID), autoApply: false, apply: { started: false, reason: 'autoApplyOff' } } });
    const planId = (outcome!.output as { planId: string }).planId;
    expect(events('Webex Reconcile Planned')).toEqual([expect.objectContaining({ detail: expect.objectContaining({ planId, autoApply: false, applyStarted: false, counts: expect.objectContaining({ leave: 3 }) }) })]);
    const view = await h.call('GET', `/reconcile/plans/${planId}`);
    expect(view.body).toMatchObject({ id: planId, status: 'planned', counts: { leave: 3 } });
  });
});

describe('a scheduled run retried by Scheduler (the same schedule ARN and scheduled time)', () => {
  const SCHEDULE_ARN = 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/nightly';
  it('both attempts meet one plan-<id> execution, derived from the scheduled time: one plan, one Planned event', async () => {
    const { csv } = rosterCsv(org, { joiners: 0, movers: 0, leavers: 0.05 });
    await bucket.store().putText(BUCKET, 'rosters/nightly.csv', csv);
    const input = { request: { key: 'rosters/nightly.csv', scope }, autoApply: false, scheduleArn: SCHEDULE_ARN, scheduledTime: '2026-03-07T02:00:00Z' };
    const starter = h.runtime.stateMachines.starter();
    // Step Functions names Scheduler's executions itself: two attempts are two unnamed executions.
    await starter.start('ReconcilePlan', input, 'scheduled-attempt-1');
    const first = await h.runtime.executions.outcome('ReconcilePlan', 'scheduled-attempt-1');
    expect(first).toMatchObject({ status: 'SUCCEEDED', output: { planId: expect.stringMatching(/^[0-9a-f-]{36}$/), started: true } });
    const { planId, executionName } = first!.output as { planId: string; executionName: string };
    expect(executionName).toBe(`plan-${planId}`);
    expect(executionName.length).toBeLessThanOrEqual(80);
    await h.runtime.executions.settle();
    // The retry comes after the first plan ended: Step Functions refuses the closed name, and nothing plans again.
    await starter.start('ReconcilePlan', input, 'scheduled-attempt-2');
    expect(await h.runtime.executions.outcome('ReconcilePlan', 'scheduled-attempt-2')).toMatchObject({ status: 'SUCCEEDED', output: { planId, started: false, reason: 'alreadyPlanned' } });
    await h.runtime.executions.settle();
    expect(h.runtime.executions.list('ReconcilePlan').map((e) => e.executionName).filter((n) => n.startsWith('plan-'))).toEqual([executionName]);
    expect(events('Webex Reconcile Planned').filter((e) => (e.detail as { planId: string }).planId === planId)).toHaveLength(1);
    expect((await h.call('GET', `/reconcile/plans/${planId}`)).body).toMatchObject({ id: planId, status: 'planned' });
    // Another scheduled time is another plan.
    await starter.start('ReconcilePlan', { ...input, scheduledTime: '2026-03-08T02:00:00Z' }, 'scheduled-attempt-3');
    expect((await h.runtime.executions.outcome('ReconcilePlan', 'scheduled-attempt-3'))!.output).toMatchObject({ started: true, planId: expect.not.stringMatching(planId) });
    await h.runtime.executions.settle();
  });
});

describe('POST /reconcile/plans past its deadline', () => {
  const apiEvent = (body: unknown) =>
    ({
      httpMethod: 'POST', resource: '/reconcile/plans', path: '/reconcile/plans', requestContext: { requestId: 'slow-plan' },
      pathParameters: null, queryStringParameters: null, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), isBase64Encoded: false,
    }) as unknown as APIGatewayProxyEvent;

  it('answers 202 PLANNING when planning outlasts the request; GET shows PLANNING, then the plan', async () => {
    // The Task waits for the test to let it go: no race against a real clock.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const real = h.runtime.taskHandlers.ReconcilePlanStepsFunctionArn;
    h.runtime.taskHandlers.ReconcilePlanStepsFunctionArn = (async (event: unknown, context: Context) => {
      await gate;
      return real(event, context);
    }) as LambdaHandler;
    const post = routeHandler(createPlanRoute, h.runtime.deps) as unknown as (e: APIGatewayProxyEvent, c: Context) => Promise<APIGatewayProxyResult>;
    // A Lambda with 3 s left answers after its 1 s deadline (2 s margin, 1 s at least).
    const res = await post(apiEvent({ users: rosterUsers(2), scope }), lambdaContext('CreateReconcilePlan', 'r1', 3_000));
    expect(res.statusCode).toBe(202);
    const answer = JSON.parse(res.body);
    expect(answer).toEqual({ id: expect.stringMatching(UUID), status: 'PLANNING', statusUrl: `/reconcile/plans/${answer.id}` });
    const during = await h.call('GET', answer.statusUrl);
    expect(during.body).toEqual(answer);
    release();
    await h.runtime.executions.settle();
    const after = await h.call('GET', answer.statusUrl);
    expect(after.body).toMatchObject({ id: answer.id, status: 'planned', counts: { join: 1, leave: 2 }, total: 3 });
  });
});
