import { DescribeExecutionCommand, ExecutionDoesNotExist, SFNClient, StartExecutionCommand, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { ConfigurationError } from '../../../functions/lib/errors';
import type { EnableCallingResult } from '../../../functions/lib/schemas/calling';
import { SfnSyncRunner } from '../../../functions/lib/aws/sfn-sync-runner';
import { sfnStateMachines } from '../../../functions/lib/aws/sfn-state-machines';
import { enableCalling, enableCallingInTime, enableCallingStandard } from '../../../functions/lib/workflows/calling/enable-calling';
import { SfnExecutionStarter } from '../../../functions/lib/aws/sfn-execution-starter';
import { describeSfnExecution } from '../../../functions/lib/aws/sfn-describe-execution';

const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:EnableCalling';
const sfn = mockClient(SFNClient);
const input = { user: 'bob@example.com', location: 'Headquarters', extension: '1500' };
const run = () => enableCalling(new SfnSyncRunner(new SFNClient({ region: 'us-east-1' }), ARN), input, { executionName: 'enable-calling-req-1' });

const succeeded: EnableCallingResult = {
  status: 'SUCCEEDED',
  executionName: 'enable-calling-req-1',
  changed: true,
  user: { id: 'P1', calling: { enabled: true, extension: '1500' } },
  steps: [{ name: 'assignLicense', status: 'applied' }],
};

beforeEach(() => sfn.reset());

describe('SfnSyncRunner + enableCalling: StartSyncExecution outcomes to HTTP', () => {
  it('starts the machine by ARN with the generated name and the request as input', async () => {
    sfn.on(StartSyncExecutionCommand).resolves({ status: 'SUCCEEDED', output: JSON.stringify(succeeded) });
    await run();
    const sent = sfn.commandCalls(StartSyncExecutionCommand)[0].args[0].input;
    expect(sent).toEqual({ stateMachineArn: ARN, name: 'enable-calling-req-1', input: JSON.stringify(input) });
  });

  it('SUCCEEDED → 200 with the workflow output', async () => {
    sfn.on(StartSyncExecutionCommand).resolves({ status: 'SUCCEEDED', output: JSON.stringify(succeeded) });
    const res = await run();
    expect(res.httpStatus).toBe(200);
    expect(res.body).toEqual(succeeded);
  });

  it('FAILED through the Fail state → the failed step\'s status, with the result from the cause', async () => {
    const failed: EnableCallingResult = {
      status: 'FAILED', executionName: 'enable-calling-req-1', changed: false,
      steps: [{ name: 'chooseNumber', status: 'failed', detail: 'NumberTakenError: taken' }],
      error: { code: 'NumberTakenError', message: 'taken', httpStatus: 409 }, remaining: null,
    };
    sfn.on(StartSyncExecutionCommand).resolves({ status: 'FAILED', error: 'NumberTakenError', cause: JSON.stringify(failed) });
    const res = await run();
    expect(res.httpStatus).toBe(409);
    expect(res.body).toEqual(failed);
  });

  it('FAILED on a rate limit → 429 with Retry-After', async () => {
    const failed: EnableCallingResult = {
      status: 'FAILED', executionName: 'enable-calling-req-1', steps: [],
      error: { code: 'WebexRateLimitedError', message: 'slow down', httpStatus: 429, retryAfterSeconds: 30 },
    };
    sfn.on(StartSyncExecutionCommand).resolves({ status: 'FAILED', error: 'WebexRateLimitedError', cause: JSON.stringify(failed) });
    const res = await run();
    expect(res.httpStatus).toBe(429);
    expect(res.headers).toEqual({ 'Retry-After': '30' });
  });

  it('FAILED outside the Fail state (an uncaught Lambda error) → 502 with what Step Functions said', async () => {
    const cause = JSON.stringify({ errorType: 'Lambda.Unknown', errorMessage: 'The function crashed' });
    sfn.on(StartSyncExecutionCommand).resolves({ status: 'FAILED', error: 'Lambda.Unknown', cause });
    const res = await run();
    expect(res.httpStatus).toBe(502);
    expect(res.body).toMatchObject({ status: 'FAILED', executionName: 'enable-calling-req-1', error: { code: 'Lambda.Unknown', message: 'The function crashed' } });
  });

  it('TIMED_OUT → 504 naming the execution', async () => {
    sfn.on(StartSyncExecutionCommand).resolves({ status: 'TIMED_OUT' });
    const res = await run();
    expect(res.httpStatus).toBe(504);
    expect(res.body.error).toMatchObject({ code: 'WorkflowTimedOut', message: expect.stringContaining('enable-calling-req-1') });
  });

  it('our own deadline → 504 "still running"', async () => {
    sfn.on(StartSyncExecutionCommand).callsFake(() => new Promise(() => undefined));
    const runner = new SfnSyncRunner(new SFNClient({ region: 'us-east-1' }), ARN);
    const res = await enableCalling(runner, input, { executionName: 'x', deadlineMs: 20 });
    expect(res.httpStatus).toBe(504);
    expect(res.body.error?.code).toBe('WorkflowStillRunning');
  });

  it('throttled start → 503; a missing state machine is a configuration error', async () => {
    sfn.on(StartSyncExecutionCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    expect((await run()).httpStatus).toBe(503);
    sfn.on(StartSyncExecutionCommand).rejects(Object.assign(new Error('gone'), { name: 'StateMachineDoesNotExist' }));
    await expect(run()).rejects.toBeInstanceOf(ConfigurationError);
  });
});

describe('sfnStateMachines', () => {
  it('runs with the ARN from ENABLE_CALLING_STATE_MACHINE_ARN, and refuses to run without it (a ConfigurationError naming it)', () => {
    expect(sfnStateMachines(() => ({ ENABLE_CALLING_STATE_MACHINE_ARN: ARN })).runner('EnableCalling')).toBeInstanceOf(SfnSyncRunner);
    expect(() => sfnStateMachines(() => ({})).runner('EnableCalling')).toThrow(ConfigurationError);
    expect(() => sfnStateMachines(() => ({})).runner('EnableCalling')).toThrow(/ENABLE_CALLING_STATE_MACHINE_ARN/);
  });
});

describe('Enable Calling in AWS: the deadline in the input, and a move as a Standard execution', () => {
  const STANDARD = 'arn:aws:states:us-east-1:123456789012:stateMachine:EnableCallingStandard';
  const env = { ENABLE_CALLING_STANDARD_STATE_MACHINE_ARN: STANDARD };
  const move = { ...input, move: true };
  const deps = () => ({
    starter: new SfnExecutionStarter(new SFNClient({ region: 'us-east-1' }), env),
    describe: (name: string) => describeSfnExecution(new SFNClient({ region: 'us-east-1' }), env, 'EnableCallingStandard', name),
    sleep: async () => undefined,
  });

  it('StartSyncExecution carries the moment the handler stops waiting beside the request', async () => {
    sfn.on(StartSyncExecutionCommand).resolves({ status: 'SUCCEEDED', output: JSON.stringify(succeeded) });
    const before = Date.now();
    await enableCalling(new SfnSyncRunner(new SFNClient({ region: 'us-east-1' }), ARN), input, { executionName: 'enable-calling-req-1', deadlineMs: 20_000 });
    const sent = JSON.parse(sfn.commandCalls(StartSyncExecutionCommand)[0].args[0].input.input as string);
    expect(sent.request).toEqual(input);
    expect(Date.parse(sent.deadline)).toBeGreaterThanOrEqual(before + 20_000);
  });

  it('started with StartExecution, followed with DescribeExecution: its result when it ends in time', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: `${STANDARD.replace(':stateMachine:', ':execution:')}:enable-calling-req-2`, startDate: new Date() });
    sfn.on(DescribeExecutionCommand)
      .resolvesOnce({ status: 'RUNNING', input: JSON.stringify(move), executionArn: 'x', stateMachineArn: STANDARD, startDate: new Date() })
      .resolves({ status: 'SUCCEEDED', input: JSON.stringify(move), output: JSON.stringify(succeeded), executionArn: 'x', stateMachineArn: STANDARD, startDate: new Date() });
    const res = await enableCallingStandard(deps(), move, { executionName: 'enable-calling-req-2', deadlineMs: 10_000 });
    expect(res).toEqual({ httpStatus: 200, body: succeeded });
    expect(sfn.commandCalls(StartExecutionCommand)[0].args[0].input).toEqual({ stateMachineArn: STANDARD, name: 'enable-calling-req-2', input: JSON.stringify(move) });
    expect(sfn.commandCalls(DescribeExecutionCommand)[0].args[0].input).toEqual({ executionArn: `${STANDARD.replace(':stateMachine:', ':execution:')}:enable-calling-req-2` });
  });

  it('still running when the request must answer: 202 with the name and the status URL', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'x', startDate: new Date() });
    sfn.on(DescribeExecutionCommand).resolves({ status: 'RUNNING', input: JSON.stringify(move), executionArn: 'x', stateMachineArn: STANDARD, startDate: new Date() });
    const res = await enableCallingStandard(deps(), move, { executionName: 'enable-calling-req-3', deadlineMs: 100 });
    expect(res).toEqual({
      httpStatus: 202,
      body: { status: 'RUNNING', executionName: 'enable-calling-req-3', statusUrl: '/users/bob%40example.com/calling/enable-calling-req-3', steps: [] },
    });
    sfn.on(DescribeExecutionCommand).rejects(new ExecutionDoesNotExist({ message: 'no', $metadata: {} }));
    expect(await describeSfnExecution(new SFNClient({ region: 'us-east-1' }), env, 'EnableCallingStandard', 'enable-calling-nope')).toBeUndefined();
  });

  it('an Express run that stopped at its deadline carries on under the same name as a Standard execution', async () => {
    const stopped: EnableCallingResult = {
      status: 'FAILED',
      executionName: 'enable-calling-req-4',
      steps: [{ name: 'resolveUser', status: 'failed' }],
      error: { code: 'WorkflowDeadlineReached', message: 'slow down', httpStatus: 429, retryAfterSeconds: 40 },
    };
    sfn.on(StartSyncExecutionCommand).resolves({ status: 'FAILED', error: 'WorkflowDeadlineReached', cause: JSON.stringify(stopped) });
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'x', startDate: new Date() });
    sfn.on(DescribeExecutionCommand).resolves({ status: 'RUNNING', input: JSON.stringify(input), executionArn: 'x', stateMachineArn: STANDARD, startDate: new Date() });
    const res = await enableCallingInTime({ ...deps(), runner: new SfnSyncRunner(new SFNClient({ region: 'us-east-1' }), ARN) }, input, { executionName: 'enable-calling-req-4', deadlineMs: 100 });
    expect(res).toMatchObject({ httpStatus: 202, body: { status: 'RUNNING', executionName: 'enable-calling-req-4' } });
    expect(sfn.commandCalls(StartExecutionCommand)[0].args[0].input).toEqual({ stateMachineArn: STANDARD, name: 'enable-calling-req-4', input: JSON.stringify(input) });
  });
});
