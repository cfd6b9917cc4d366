import { startHarness, type Harness } from '../../support/harness';
import { useLocalImportsBucket } from '../../support/local-imports-bucket';
import { CORP_DOMAIN, largeOrgSeed, rosterCsv } from '../../support/reconcile-org';
import { uploadPlanInput, type ReconcileOnUploadSettings } from '../../../functions/lib/reconcile/upload-plan';

/**
 * reconcileOnUpload on the local runtime: a roster put into the imports bucket under the prefix raises "Object
 * Created" (the local object store), the local rule starts the real ReconcilePlan ASL, and the plan follows the
 * same safeguards and events as a scheduled one. No route in front: nothing but the upload starts it.
 */
const BUCKET = 'imports';
const bucket = useLocalImportsBucket(BUCKET);
const PEOPLE = 60;
const org = largeOrgSeed(PEOPLE, 10);
const scope = { emailDomains: [CORP_DOMAIN] };

let h: Harness;
const start = async (settings: ReconcileOnUploadSettings) => {
  h = await startHarness({}, { reconcileOnUpload: settings });
  h.sim.reset(org.seed);
};
afterEach(async () => {
  await h.runtime.executions.settle();
  await h.close();
});

const events = (detailType: string) => h.runtime.eventBus.published.filter((e) => e.detailType === detailType);
/** The executions the upload rule started (Step Functions names them; the plans they start are plan-<id>). */
const ruleStarts = () => h.runtime.executions.list('ReconcilePlan').filter((e) => !e.executionName.startsWith('plan-'));
const plans = () => h.runtime.executions.list('ReconcilePlan').filter((e) => e.executionName.startsWith('plan-'));
/** Puts through the runtime's own store (what raises the event), then lets every run end. */
const upload = async (key: string, csv: string) => {
  await h.runtime.deps.objectStore().putText(BUCKET, key, csv, 'text/csv');
  await h.runtime.executions.settle();
};

describe('a roster uploaded under the prefix (autoApply off)', () => {
  it('starts one plan of that file, publishes Webex Reconcile Planned, leaves it for review; other keys start nothing', async () => {
    await start({ prefix: 'rosters/', scope });
    const { csv } = rosterCsv(org, { joiners: 0.05, movers: 0, leavers: 0.05 });
    await upload('joiners/not-a-roster.csv', csv);
    expect(h.runtime.executions.list('ReconcilePlan')).toEqual([]);

    await upload('rosters/nightly.csv', csv);
    expect(ruleStarts()).toHaveLength(1);
    expect(plans()).toHaveLength(1);
    const planned = events('Webex Reconcile Planned');
    expect(planned).toHaveLength(1);
    const detail = planned[0].detail as { planId: string; autoApply: boolean; applyStarted: boolean; counts: { join: number; leave: number } };
    expect(detail).toMatchObject({ autoApply: false, applyStarted: false, counts: { join: 3, leave: 3 } });
    expect(plans()[0].executionName).toBe(`plan-${detail.planId}`);
    const view = await h.call('GET', `/reconcile/plans/${detail.planId}`);
    expect(view.body).toMatchObject({ id: detail.planId, status: 'planned', counts: { join: 3, leave: 3 } });
    // Left for review: nothing applied, nothing written to Webex.
    expect(h.runtime.executions.list('ReconcileApply')).toEqual([]);
    expect(h.webexCalls().filter((c) => c.method !== 'GET')).toEqual([]);
    // The planner's own files (plans/…) are in the same bucket and start nothing.
    expect(ruleStarts()).toHaveLength(1);
  });

  it('a redelivered event meets the same plan-<id>: one plan, one Planned event; the next upload of the key is a new plan', async () => {
    await start({ prefix: 'rosters/', scope });
    const { csv } = rosterCsv(org, { joiners: 0, movers: 0, leavers: 0.05 });
    await upload('rosters/nightly.csv', csv);
    const [first] = plans();
    // EventBridge delivering the same event again: the same input, a start Step Functions names anew.
    const stored = await h.runtime.deps.objectStore().getText(BUCKET, 'rosters/nightly.csv');
    const [event] = ruleStarts();
    const input = h.runtime.executions.input('ReconcilePlan', event.executionName) as ReturnType<typeof uploadPlanInput>;
    expect(input.upload).toMatchObject({ bucket: BUCKET, key: 'rosters/nightly.csv', etag: stored.etag });
    await h.runtime.stateMachines.starter().start('ReconcilePlan', input, 'redelivery-1');
    await h.runtime.executions.settle();
    expect(await h.runtime.executions.outcome('ReconcilePlan', 'redelivery-1')).toMatchObject({ status: 'SUCCEEDED', output: { started: false, reason: 'alreadyPlanned' } });
    expect(plans()).toEqual([first]);
    expect(events('Webex Reconcile Planned')).toHaveLength(1);
    // The same bytes uploaded again the next night: a new PUT, a new plan.
    await upload('rosters/nightly.csv', csv);
    expect(plans()).toHaveLength(2);
  });
});

describe('the confirmation rules hold for uploads', () => {
  it('more leavers than the thresholds: Confirmation Required, never applied, even with autoApply', async () => {
    await start({ prefix: 'rosters/', scope, autoApply: true, thresholds: { maxLeaverPercent: 5, maxLeavers: 2 } });
    const { csv } = rosterCsv(org, { joiners: 0, movers: 0, leavers: 0.1 });
    await upload('rosters/nightly.csv', csv);
    const required = events('Webex Reconcile Confirmation Required');
    expect(required).toHaveLength(1);
    expect(required[0].detail).toMatchObject({ counts: { leave: 6 }, confirmWith: 6 });
    expect(events('Webex Reconcile Planned')).toEqual([]);
    const planId = (required[0].detail as { planId: string }).planId;
    expect(await h.runtime.executions.outcome('ReconcilePlan', `plan-${planId}`)).toMatchObject({ status: 'SUCCEEDED', output: { apply: { started: false, reason: 'needsConfirmation' } } });
    expect((await h.call('GET', `/reconcile/plans/${planId}`)).body).toMatchObject({ status: 'planned', needsConfirmation: true });
    expect(h.runtime.executions.list('ReconcileApply')).toEqual([]);
  });

  it('with autoApply, a plan under the thresholds starts its apply (reconcile-<planId>)', async () => {
    await start({ prefix: 'rosters/', scope, autoApply: true });
    const { csv } = rosterCsv(org, { joiners: 0, movers: 0, leavers: 0.05 });
    await upload('rosters/nightly.csv', csv);
    const detail = events('Webex Reconcile Planned')[0].detail as { planId: string; applyStarted: boolean };
    expect(detail.applyStarted).toBe(true);
    expect(h.runtime.executions.list('ReconcileApply')).toEqual([{ executionName: `reconcile-${detail.planId}` }]);
  });
});

void bucket;
