import { createHandler as lifecycleSteps } from '../../../functions/lifecycle-steps/handler';
import { ANSWER_MARGIN_MS } from '../../../functions/lib/invocation-deadline';
import { PacingBudget } from '../../../functions/lib/pacing/budget';
import { stateMachine } from '../../../functions/lib/state-machines/definitions';
import { LocalEventBus } from '../../../functions/local/local-event-bus';
import { LocalStateMachineRunner, localStateMachineArn } from '../../../functions/local/local-runner';
import { PUT_EVENTS, START_EXECUTION_SYNC } from '../../../functions/local/local-state-machines';
import { localWebexDeps } from '../../../functions/local/local-webex';
import { SIM_ACCESS_TOKEN } from '../../../functions/simulator/seed';
import { startSimulator, type Simulator } from '../../../functions/simulator/server';
import { memoryPaceStore } from '../../support/memory-pacing';
import { recordingActivity } from '../../support/recording-activity';

/**
 * A Task function cut off by its invocation deadline (a CPU-starved Lambda, a pacing wait) is retried by the step's
 * Retry, never reported as the step's failure: the real lifecycle Task function (middy and all) on the Joiner's real
 * ASL, its first invocation held past the deadline inside the handler (its pacing slot never answers).
 */
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => sim.close());

describe('a Task invocation past its deadline', () => {
  it('the Joiner retries CreateUser, and the user is created exactly once', async () => {
    const budget = new PacingBudget({ store: memoryPaceStore(), settings: { initialRate: 100, maxRate: 100, interactiveShare: 0.2 } });
    // The first invocation's pacing slot never comes: it runs into its deadline; the retry's slot is given.
    const held = { spaced: () => new Promise<never>(() => undefined) } as unknown as PacingBudget;
    let slots = 0;
    const pacing = () => (++slots === 1 ? held : budget);
    const env = { WEBEX_BASE_URL: sim.url, WEBEX_ACCESS_TOKEN: SIM_ACCESS_TOKEN };
    const handler = lifecycleSteps({ ...localWebexDeps(() => env), activity: recordingActivity().activity, pacing });
    const bus = new LocalEventBus();
    // The nested Enable Calling run is not what this pins: it answers as a run that succeeded.
    const enableCalling = async (parameters: unknown) => {
      const { Name } = parameters as { Name: string };
      return { ExecutionArn: `${localStateMachineArn('EnableCalling').replace(':stateMachine:', ':execution:')}:${Name}`, Status: 'SUCCEEDED', Output: { status: 'SUCCEEDED', executionName: Name, changed: true, steps: [] } };
    };
    const runner = new LocalStateMachineRunner(stateMachine('Joiner'), { LifecycleStepsFunctionArn: handler as never }, {
      fastWaits: true,
      // Past the answer margin the Webex client keeps back from the deadline (ANSWER_MARGIN_MS), so the retry has time.
      taskTimeoutMs: ANSWER_MARGIN_MS + 2_500,
      services: { [START_EXECUTION_SYNC]: enableCalling, [PUT_EVENTS]: async (p) => bus.putEvents(p as never) },
    });
    const email = 'deadline.joiner@example.com';
    const outcome = await runner.run(
      { origin: { eventId: 'deadline-1', source: 'hr.system', detailType: 'Webex User Joined' }, detail: { email, firstName: 'Dee', location: 'Headquarters' } },
      { executionName: 'joiner-deadline-1' },
    );

    expect(outcome).toMatchObject({ status: 'SUCCEEDED', output: { status: 'COMPLETED', applied: [{ step: 'createUser', status: 'applied', detail: 'user created' }, { step: 'enableCalling', status: 'applied' }] } });
    // Two invocations of CreateUser: the one cut off, and its retry.
    expect(slots).toBe(2);
    const created = sim.requests.filter((r) => r.method === 'POST' && r.path === '/people' && r.status < 300);
    expect(created.map((r) => (r.body as { emails: string[] }).emails)).toEqual([[email]]);
    expect([...sim.state.people.values()].filter((p) => p.emails.includes(email))).toHaveLength(1);
  });
});
