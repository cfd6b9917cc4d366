import { DescribeExecutionCommand, ExecutionAlreadyExists, ExecutionDoesNotExist, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { bulkExecutionName, bulkJoinersMachineInput, buildBulkReport, describeBulkJoiners, describeItemFailure, maxConcurrency } from '../../../functions/lib/bulk/joiners';
import { ConfigurationError, NotFoundError } from '../../../functions/lib/errors';
import { SfnExecutionStarter } from '../../../functions/lib/aws/sfn-execution-starter';
import { sfnStateMachines } from '../../../functions/lib/aws/sfn-state-machines';
import { BulkJoinersInput } from '../../../functions/lib/schemas/bulk';

const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:BulkJoiners';
const env = { BULK_JOINERS_STATE_MACHINE_ARN: ARN };
const sfn = mockClient(SFNClient);
const client = () => new SFNClient({ region: 'us-east-1' });
const describeVia = (e: Record<string, string> = env) => sfnStateMachines(() => e, client).describe;
const input = BulkJoinersInput.parse({ users: [{ email: 'a@example.com', displayName: 'A', location: 'Headquarters' }], idempotencyKey: 'k1' });

beforeEach(() => sfn.reset());

describe('bulk joiners in AWS', () => {
  it('StartExecution on the BulkJoiners ARN under the key-derived name, with the Joiner inputs and the concurrency bound', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: `${ARN.replace(':stateMachine:', ':execution:')}:bulk-k-k1`, startDate: new Date() });
    const machineInput = bulkJoinersMachineInput(input, { BULK_JOINERS_MAX_CONCURRENCY: '6' });
    const started = await new SfnExecutionStarter(client(), env).start('BulkJoiners', machineInput, bulkExecutionName(input));
    expect(started).toMatchObject({ status: 'STARTED', executionName: 'bulk-k-k1' });
    const sent = sfn.commandCalls(StartExecutionCommand)[0].args[0].input;
    expect(sent.stateMachineArn).toBe(ARN);
    expect(sent.name).toBe('bulk-k-k1');
    expect(JSON.parse(sent.input as string)).toEqual({
      users: [{ email: 'a@example.com', displayName: 'A', location: 'Headquarters', autoAssignNumber: true }],
      maxConcurrency: 6,
      origin: { source: 'webex-provisioning.bulk', detailType: 'Webex User Joined' },
      publishOutcome: true,
    });
  });

  it('a retried request (ExecutionAlreadyExists) is a DUPLICATE, never a second run', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    const started = await new SfnExecutionStarter(client(), env).start('BulkJoiners', {}, 'bulk-k-k1');
    expect(started).toMatchObject({ status: 'DUPLICATE', executionArn: `${ARN.replace(':stateMachine:', ':execution:')}:bulk-k-k1` });
  });

  it('DescribeExecution: RUNNING, then SUCCEEDED with the report parsed from the output', async () => {
    const report = buildBulkReport('bulk-k-k1', [{ index: 0, email: 'a@example.com', status: 'SUCCEEDED', userId: 'P1' }]);
    sfn
      .on(DescribeExecutionCommand)
      .resolvesOnce({ status: 'RUNNING', startDate: new Date('2024-06-01T10:00:00Z'), executionArn: 'x', stateMachineArn: ARN })
      .resolvesOnce({ status: 'SUCCEEDED', startDate: new Date('2024-06-01T10:00:00Z'), stopDate: new Date('2024-06-01T10:05:00Z'), output: JSON.stringify(report), executionArn: 'x', stateMachineArn: ARN });
    expect(await describeBulkJoiners('bulk-k-k1', describeVia())).toEqual({ executionName: 'bulk-k-k1', status: 'RUNNING', startDate: '2024-06-01T10:00:00.000Z' });
    expect(await describeBulkJoiners('bulk-k-k1', describeVia())).toMatchObject({ status: 'SUCCEEDED', stopDate: '2024-06-01T10:05:00.000Z', report: { total: 1, succeeded: 1, failed: 0 } });
    expect(sfn.commandCalls(DescribeExecutionCommand)[0].args[0].input).toEqual({ executionArn: 'arn:aws:states:us-east-1:123456789012:execution:BulkJoiners:bulk-k-k1' });
  });

  it('FAILED carries error and cause; an unknown name is a 404; no ARN is a configuration error', async () => {
    sfn.on(DescribeExecutionCommand).resolvesOnce({ status: 'FAILED', error: 'States.Runtime', cause: 'boom', executionArn: 'x', stateMachineArn: ARN, startDate: new Date() });
    expect(await describeBulkJoiners('bulk-k-k1', describeVia())).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: 'boom' });
    sfn.on(DescribeExecutionCommand).rejects(new ExecutionDoesNotExist({ message: 'no', $metadata: {} }));
    await expect(describeBulkJoiners('bulk-k-nope', describeVia())).rejects.toBeInstanceOf(NotFoundError);
    await expect(describeBulkJoiners('bulk-k-k1', describeVia({}))).rejects.toBeInstanceOf(ConfigurationError);
  });
});

describe('bulk joiners: names, concurrency, failures', () => {
  it('names: plain key, hashed key, hash of the users; all fit the Joiner (+ index + -calling) in 80', () => {
    expect(bulkExecutionName(input)).toBe('bulk-k-k1');
    const long = bulkExecutionName({ ...input, idempotencyKey: 'x'.repeat(128) });
    expect(long).toMatch(/^bulk-k-h[0-9a-f]{40}$/);
    const plain = bulkExecutionName({ ...input, idempotencyKey: 'y'.repeat(60) });
    expect(`${plain}-499-calling`.length).toBeLessThanOrEqual(80);
    const a = bulkExecutionName({ users: input.users });
    expect(a).toMatch(/^bulk-b-[0-9a-f]{40}$/);
    expect(bulkExecutionName({ users: [{ ...input.users[0], displayName: 'B' }] })).not.toBe(a);
  });

  it('BULK_JOINERS_MAX_CONCURRENCY: default 4, 1..40', () => {
    expect(maxConcurrency({})).toBe(4);
    expect(maxConcurrency({ BULK_JOINERS_MAX_CONCURRENCY: '10' })).toBe(10);
    for (const bad of ['0', '41', '2.5', 'many']) expect(() => maxConcurrency({ BULK_JOINERS_MAX_CONCURRENCY: bad })).toThrow(ConfigurationError);
  });

  it('a failed Joiner: the code, message and user id from its Failed detail; anything else by its own name', () => {
    const detail = { status: 'FAILED', origin: { eventId: 'e', source: 's', detailType: 'd' }, executionName: 'n', email: 'a@example.com', userId: 'P1', applied: [], error: { code: 'LocationNotFoundError', message: 'x'.repeat(1000) } };
    const cause = JSON.stringify({ StateMachineArn: 'arn:joiner', Status: 'FAILED', Error: 'LocationNotFoundError', Cause: JSON.stringify(detail) });
    const failed = describeItemFailure(3, 'a@example.com', { Error: 'States.TaskFailed', Cause: cause });
    expect(failed).toMatchObject({ index: 3, status: 'FAILED', userId: 'P1', error: { code: 'LocationNotFoundError' } });
    expect(failed.error!.message.length).toBeLessThanOrEqual(300);
    expect(describeItemFailure(0, 'b@example.com', { Error: 'States.Timeout' })).toEqual({ index: 0, email: 'b@example.com', status: 'FAILED', error: { code: 'States.Timeout', message: 'States.Timeout' } });
  });
});
