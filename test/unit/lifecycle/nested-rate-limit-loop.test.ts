import { StateMachine } from 'aws-local-stepfunctions';
import { LOCAL_EVENT_BUS_NAME, loadDefinition, localFunctionArn, localStateMachineArn } from '../../../functions/local/local-runner';

/**
 * The Joiner's and Mover's ASL on a nested Enable Calling run that fails: its Task state's failure as Step Functions
 * reports a `.sync` child's (States.TaskFailed, DescribeExecution's JSON as the Cause, the child's Error and Cause in
 * it), the steps stubbed. What the machine waits (the Wait states' input), and the name each attempt is started
 * under. The integration tests (test/integration/lifecycle/nested-rate-limit.test.ts) run the same ASL for real.
 */

type Flow = 'joiner' | 'mover';
const NESTED = { joiner: { state: 'EnableCalling', substitution: 'EnableCallingStateMachineArn', id: 'EnableCalling' }, mover: { state: 'MoveLocation', substitution: 'EnableCallingStandardStateMachineArn', id: 'EnableCallingStandard' } } as const;

const childFailure = (error: string, cause: string) =>
  Object.assign(new Error(JSON.stringify({ ExecutionArn: 'arn:aws:states:us-east-1:000000000000:execution:EnableCalling:x', StateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:EnableCalling', Status: 'FAILED', Error: error, Cause: cause })), { name: 'States.TaskFailed' });
/** The child's Fail state: BuildFailure's result, whose error carries Webex's Retry-After. */
const rateLimited = (retryAfterSeconds?: number) =>
  childFailure('WebexRateLimitedError', JSON.stringify({ status: 'FAILED', executionName: 'x', steps: [], error: { code: 'WebexRateLimitedError', message: 'Webex answered 429 Too Many Requests', httpStatus: 429, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) } }));
/** A step Lambda's WebexRateLimitedError (its payload's message is the StepError JSON). */
const stepRateLimited = (retryAfterSeconds: number) =>
  Object.assign(new Error(JSON.stringify({ errorType: 'WebexRateLimitedError', errorMessage: JSON.stringify({ code: 'WebexRateLimitedError', message: '429', httpStatus: 429, retryAfterSeconds }) })), { name: 'WebexRateLimitedError' });

// Validating a definition is most of a run's cost (the emulator's ASL schema check, about a second a machine) and
// is not what this file tests: both definitions are validated wherever the integration project runs them (the local
// runner validates every machine it builds). Here the emulator runs them as they are.
const machines = new Map<Flow, StateMachine>();
function machine(flow: Flow): StateMachine {
  let validated = machines.get(flow);
  if (!validated) {
    const nested = NESTED[flow];
    const asl = loadDefinition(`statemachines/${flow}.asl.json`, {
      LifecycleStepsFunctionArn: localFunctionArn('LifecycleStepsFunctionArn'),
      [nested.substitution]: localStateMachineArn(nested.id),
      LifecycleEventBusName: LOCAL_EVENT_BUS_NAME,
    });
    machines.set(flow, (validated = new StateMachine(asl as never, { validationOptions: { noValidate: true } })));
  }
  return validated;
}

async function run(flow: Flow, nestedAnswers: Error[], stepAnswers: Error[] = []) {
  const nested = NESTED[flow];
  const names: string[] = [];
  const waits: number[] = [];
  let reported: Record<string, any> | undefined;
  const user = { id: 'u1', email: 'a@example.com', created: true, hasLocationChange: true, callingRequest: { user: 'u1', location: 'HQ' } };
  const firstStep = async () => {
    const error = stepAnswers.shift();
    if (error) throw error;
    return user;
  };
  const execution = machine(flow).run({ origin: { eventId: 'e' }, detail: { email: 'a@example.com' } } as never, {
    overrides: {
      taskResourceLocalHandlers: {
        CreateUser: firstStep,
        PrepareMove: firstStep,
        [nested.state]: async (parameters: { Name: string }) => {
          names.push(parameters.Name);
          const error = nestedAnswers.shift();
          if (error) throw error;
          return { ExecutionArn: 'arn', Output: { status: 'SUCCEEDED' } };
        },
        UpdateProfile: async () => ({ changed: false, fields: [] }),
        BuildOutcome: async (parameters: { state: Record<string, any> }) => {
          reported = parameters.state;
          return { status: parameters.state.failure ? 'FAILED' : 'COMPLETED', detailType: 'd', detail: {}, errorName: 'E', causeJson: '{}' };
        },
        PublishOutcome: async () => ({}),
      } as never,
      waitTimeOverrides: { WaitForWebex: 0, WaitLongest: 0 },
    },
    context: { Execution: { Id: `arn:aws:states:us-east-1:000000000000:execution:X:${flow}-e1`, Name: `${flow}-e1` } } as never,
  });
  for await (const event of execution.eventLogs) {
    if (event.type !== 'StateEntered') continue;
    if (event.state.name === 'WaitForWebex') waits.push((event.state.input as any).throttle.detail.retryAfterSeconds);
    if (event.state.name === 'WaitLongest') waits.push(300);
  }
  const result = await execution.result.then(() => 'SUCCEEDED', (error: Error) => (error as { cause?: { name?: string } }).cause?.name ?? error.name);
  return { names, waits, reported: reported!, result };
}

describe('a nested Enable Calling run that ends rate-limited', () => {
  it("joiner: waits the child's exact Retry-After in its own loop and runs the Express child again under the same name", async () => {
    const { names, waits, reported, result } = await run('joiner', [rateLimited(60), rateLimited(45)]);
    expect(waits).toEqual([60, 45]);
    expect(names).toEqual(['joiner-e1-calling', 'joiner-e1-calling', 'joiner-e1-calling']);
    expect(reported.failure).toBeUndefined();
    expect(reported.throttle.count).toBe(2);
    expect(result).toBe('SUCCEEDED');
  });

  it('mover: a new name for each Standard attempt, from the run\'s wait count; a Retry-After over 300 s is waited as 300', async () => {
    const { names, waits, result } = await run('mover', [rateLimited(60), rateLimited(3600)]);
    expect(waits).toEqual([60, 300]);
    expect(names).toEqual(['mover-e1-move', 'mover-e1-move-1', 'mover-e1-move-2']);
    expect(result).toBe('SUCCEEDED');
  });

  it("mover: the steps' waits and the nested run's share one count, so the first attempt after a step's wait has a name of its own too", async () => {
    const { names, waits } = await run('mover', [rateLimited(30)], [stepRateLimited(20)]);
    expect(waits).toEqual([20, 30]);
    expect(names).toEqual(['mover-e1-move-1', 'mover-e1-move-2']);
  });

  it.each<Flow>(['joiner', 'mover'])('%s: a storm beyond 10 waits fails with the nested run\'s own failure (its result in the Cause), after 11 attempts', async (flow) => {
    const { names, waits, reported, result } = await run(flow, Array.from({ length: 20 }, () => rateLimited(60)));
    expect(names).toHaveLength(11);
    expect(new Set(names).size).toBe(flow === 'mover' ? 11 : 1);
    expect(waits).toEqual(Array<number>(10).fill(60));
    expect(reported.failure.Error).toBe('States.TaskFailed');
    expect(JSON.parse(JSON.parse(reported.failure.Cause).Cause).error.code).toBe('WebexRateLimitedError');
    expect(result).toBe('E');
  });

  it.each([
    ['a failure of its own (MoveConflictError)', childFailure('MoveConflictError', JSON.stringify({ status: 'FAILED', error: { code: 'MoveConflictError', message: 'taken', httpStatus: 409 } })), 'States.TaskFailed'],
    ['a rate limit whose Cause is not a result', childFailure('WebexRateLimitedError', 'not JSON'), 'States.TaskFailed'],
    ['a start Step Functions refused (States.TaskFailed as a Catch matches it too)', Object.assign(new Error('Execution Already Exists'), { name: 'StepFunctions.ExecutionAlreadyExistsException' }), 'StepFunctions.ExecutionAlreadyExistsException'],
  ])('is not waited for: %s is the outcome as it came', async (_what, failure, error) => {
    for (const flow of ['joiner', 'mover'] as const) {
      const { names, waits, reported } = await run(flow, [failure]);
      expect([flow, names.length, waits]).toEqual([flow, 1, []]);
      expect(reported.failure.Error).toBe(error);
    }
  });
});
