import type { ActivityRecord } from '../../../functions/lib/activity/records';
import type { ActivityStore } from '../../../functions/lib/activity/store';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIFECYCLE_STEPS, LifecycleStepInput, runLifecycleStep } from '../../../functions/lib/workflows/lifecycle/steps';
import type { WebexClient } from '../../../functions/lib/webex/client';

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

  it("reads each flow's state through its schema: a part of the wrong shape is refused before Webex is asked", async () => {
    const input = LifecycleStepInput.parse({
      step: 'moverUpdateProfile',
      state: { origin, detail: { email: 'a@example.com', profile: { title: 'Lead' } }, user: { id: 42, email: 'a@example.com', hasLocationChange: false } },
    });
    await expect(runLifecycleStep({ client: noWebex, activity: noActivity }, input)).rejects.toMatchObject({ name: 'ZodError' });
  });

  it('builds the outcome from typed parts: a leaver already gone completes with the note', async () => {
    const input = LifecycleStepInput.parse({
      step: 'buildOutcome',
      flow: 'leaver',
      executionName: 'x-1',
      startedAt: '2026-12-07T01:00:00.000Z',
      state: { origin, detail: { email: 'a@example.com', policy: 'delete' }, user: { found: false, email: 'a@example.com' }, throttle: {} },
    });
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
