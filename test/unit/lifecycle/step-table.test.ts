import type { ActivityRecord } from '../../../functions/lib/activity/records';
import type { ActivityStore } from '../../../functions/lib/activity/store';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIFECYCLE_STEPS, LifecycleStepInput, runLifecycleStep } from '../../../functions/lib/workflows/lifecycle/steps';
import type { WebexClient } from '../../../functions/lib/webex/client';
import { validateInput } from '../../../functions/lib/http/api-event';
import { ValidationError } from '../../../functions/lib/errors';

const root = join(__dirname, '..', '..', '..');
const lambdaSteps = (file: string): string[] => {
  const raw = JSON.parse(readFileSync(join(root, 'statemachines', file), 'utf8')) as { States: Record<string, { Type: string; Resource?: string; Parameters?: { step?: string } }> };
  return Object.values(raw.States)
    .filter((s) => s.Type === 'Task' && s.Resource === '${LifecycleStepsFunctionArn}')
    .map((s) => s.Parameters?.step as string);
};

const origin = { eventId: 'e-1', source: 'hr.test', detailType: 'User Left' };
// Any use of the client is a request to Webex: this one refuses them all, so a test sees whether one was made.
const noWebex = new Proxy({}, { get: () => { throw Object.assign(new Error('Webex was asked'), { name: 'AskedWebex' }); } }) as WebexClient;

const noActivity = (): ActivityStore => {
  throw new Error('this step must not touch the activity table');
};

describe('the lifecycle step table', () => {
  it('holds exactly the steps the joiner, mover and leaver Task states send', () => {
    const sent = new Set(['joiner.asl.json', 'mover.asl.json', 'leaver.asl.json'].flatMap(lambdaSteps));
    expect([...sent].sort()).toEqual([...LIFECYCLE_STEPS].sort());
  });

  // What taskHandler does with the payload before any step runs: one parse, at the boundary.
  const refusal = (payload: unknown): ValidationError => {
    try {
      validateInput(payload, LifecycleStepInput);
    } catch (error) {
      if (error instanceof ValidationError) return error;
      throw error;
    }
    throw new Error('the payload was accepted');
  };
  const fieldsOf = (payload: unknown) => refusal(payload).fields.map((f) => f.field);
  const joined = { email: 'a@example.com', displayName: 'A', location: 'HQ', autoAssignNumber: true };

  it("reads each flow's state through its schema: a part of the wrong shape is refused, naming it", () => {
    expect(fieldsOf({
      step: 'moverUpdateProfile',
      state: { origin, detail: { email: 'a@example.com', profile: { title: 'Lead' } }, user: { id: 42, email: 'a@example.com', hasLocationChange: false } },
    })).toEqual(['state.user.id']);
  });

  it("refuses a callingRequest that is not Enable Calling's request, naming the field", () => {
    const user = { id: 'u-1', email: 'a@example.com', created: true, callingRequest: { user: 'a@example.com', location: 'HQ', phoneNumber: '555-1234' } };
    expect(fieldsOf({ step: 'buildOutcome', flow: 'joiner', state: { origin, detail: joined, user } })).toEqual(['state.user.callingRequest.phoneNumber']);
    // Its cross-field rules too: a request with neither number, extension, auto-assign nor move.
    const mover = { id: 'u-1', email: 'a@example.com', hasLocationChange: true, callingRequest: { user: 'a@example.com', location: 'HQ' } };
    expect(fieldsOf({ step: 'moverUpdateProfile', state: { origin, detail: { email: 'a@example.com', location: 'HQ' }, user: mover } }))
      .toEqual(['state.user.callingRequest.phoneNumber']);
    // Keys Enable Calling does not take are refused by name.
    const extra = { ...mover, callingRequest: { user: 'a@example.com', location: 'HQ', move: true, colour: 'red' } };
    expect(fieldsOf({ step: 'moverUpdateProfile', state: { origin, detail: { email: 'a@example.com', location: 'HQ' }, user: extra } }))
      .toEqual(['state.user.callingRequest.colour']);
  });

  it("refuses a detail that is not the lifecycle event's, naming the field", () => {
    expect(fieldsOf({ step: 'joinerCreateUser', state: { origin, detail: { email: 'a@example.com', displayName: 'A' } } })).toEqual(['state.detail.location']);
    expect(fieldsOf({ step: 'joinerCreateUser', state: { origin, detail: { ...joined, phoneNumber: '+14085550100' } } })).toEqual(['state.detail.autoAssignNumber']);
    expect(fieldsOf({ step: 'moverPrepare', state: { origin, detail: { email: 'a@example.com', phoneNumber: '+14085550100' } } })).toContain('state.detail.profile');
    expect(fieldsOf({ step: 'leaverFindUser', state: { origin, detail: { email: 'a@example.com', policy: 'shred' } } })).toEqual(['state.detail.policy']);
    expect(fieldsOf({ step: 'leaverFindUser', state: { origin, detail: { email: 'a@example.com', plicy: 'delete' } } })).toEqual(['state.detail.plicy']);
    expect(fieldsOf({ step: 'leaverFindUser', state: { origin: { eventId: 'e-1' }, detail: { email: 'a@example.com' } } })).toEqual(['state.origin.source', 'state.origin.detailType']);
  });

  it('hands the step its typed state: the parts earlier steps wrote, and nothing the flow does not declare', async () => {
    const state = {
      origin, detail: { email: 'a@example.com', policy: 'delete', policySource: 'event' }, somethingElse: { x: 1 },
      user: { found: true, id: 'u-1', email: 'a@example.com', alternates: [] },
    };
    const input = validateInput({ step: 'leaverDeleteUser', state }, LifecycleStepInput);
    expect(input).toEqual({ step: 'leaverDeleteUser', state: { origin, detail: state.detail, user: state.user } });
    // A step after FindUser without the user FindUser found is refused before Webex is asked.
    const noUser = validateInput({ step: 'leaverDeleteUser', state: { origin, detail: state.detail } }, LifecycleStepInput);
    await expect(runLifecycleStep({ client: noWebex, activity: noActivity }, noUser)).rejects.toMatchObject({ name: 'ValidationError', message: expect.stringContaining('state.user') });
  });

  it('publishes an outcome for a run whose detail its first step refused: the e-mail is enough', async () => {
    const failure = { Error: 'ValidationError', Cause: JSON.stringify({ errorType: 'ValidationError', errorMessage: 'Invalid request: state.detail.location: Required' }) };
    const input = validateInput({ step: 'buildOutcome', flow: 'joiner', executionName: 'x-2', state: { origin, detail: { email: 'a@example.com', displayName: 'A' }, failure } }, LifecycleStepInput);
    const recorded: ActivityRecord[] = [];
    const activity = () => ({ record: async (records: readonly ActivityRecord[]) => void recorded.push(...records) }) as unknown as ActivityStore;
    await expect(runLifecycleStep({ client: noWebex, activity }, input)).resolves.toMatchObject({
      status: 'FAILED',
      detail: { status: 'FAILED', email: 'a@example.com', error: { step: 'createUser' } },
    });
    expect(recorded).toEqual([expect.objectContaining({ kind: 'joiner', outcome: 'failed', changes: [] })]);
  });

  it("keeps the rate-limit wait's part: its Webex TrackingIDs reach the activity record", async () => {
    const cause = JSON.stringify({ errorType: 'WebexRateLimitedError', errorMessage: JSON.stringify({ retryAfterSeconds: 600, trackingId: 'ROUTER_1' }) });
    const state = {
      origin, detail: { email: 'a@example.com', policy: 'deactivate' },
      throttle: { count: 11, error: { Error: 'WebexRateLimitedError', Cause: cause }, detail: { retryAfterSeconds: 600, trackingId: 'ROUTER_2' } },
      failure: { Error: 'WebexRateLimitedError', Cause: cause },
    };
    const input = validateInput({ step: 'buildOutcome', flow: 'leaver', executionName: 'x-3', state }, LifecycleStepInput);
    const recorded: ActivityRecord[] = [];
    const activity = () => ({ record: async (records: readonly ActivityRecord[]) => void recorded.push(...records) }) as unknown as ActivityStore;
    await runLifecycleStep({ client: noWebex, activity }, input);
    expect(recorded[0]?.trackingIds).toEqual(expect.arrayContaining(['ROUTER_1', 'ROUTER_2']));
  });

  it('builds the outcome from typed parts: a leaver already gone completes with the note', async () => {
    const input = validateInput({
      step: 'buildOutcome',
      flow: 'leaver',
      executionName: 'x-1',
      startedAt: '2026-12-07T01:00:00.000Z',
      state: { origin, detail: { email: 'a@example.com', policy: 'delete' }, user: { found: false, email: 'a@example.com' }, throttle: {} },
    }, LifecycleStepInput);
    const recorded: ActivityRecord[] = [];
    const activity = () => ({ record: async (records: readonly ActivityRecord[]) => void recorded.push(...records) }) as unknown as ActivityStore;
    await expect(runLifecycleStep({ client: noWebex, activity }, input)).resolves.toMatchObject({
      status: 'COMPLETED',
      detail: { status: 'COMPLETED', email: 'a@example.com', applied: [], note: expect.stringContaining('already gone') },
    });
    // The outcome step records the run: keyed by the execution's start, in the outcome's words.
    expect(recorded).toEqual([expect.objectContaining({
      kind: 'leaver', email: 'a@example.com', startedAt: '2026-12-07T01:00:00.000Z', executionName: 'x-1', outcome: 'succeeded', changes: [], trackingIds: [],
      note: expect.stringContaining('already gone'),
    })]);
  });
});
