import { DescribeExecutionCommand, DescribeMapRunCommand, ExecutionDoesNotExist, ListMapRunsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { sfnStateMachines } from '../../../functions/lib/aws/sfn-state-machines';
import { describeBulkJoiners } from '../../../functions/lib/bulk/joiners';
import { mapProgress } from '../../../functions/lib/state-machines/map-progress';

const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:BulkCsv';
const sfn = mockClient(SFNClient);
const client = new SFNClient({ region: 'us-east-1' });
const machines = sfnStateMachines(() => ({ BULK_JOINERS_CSV_STATE_MACHINE_ARN: ARN }), () => client);

describe('map run progress', () => {
  beforeEach(() => sfn.reset());

  it('counts pending items and the time left at the pace so far; no estimate before an item ends', () => {
    const start = new Date('2026-12-07T00:00:00.000Z');
    expect(mapProgress({ total: 100, succeeded: 20, failed: 5 }, start, new Date('2026-12-07T00:01:40.000Z'))).toEqual({
      total: 100, succeeded: 20, failed: 5, pending: 75, startedAt: start.toISOString(), etaSeconds: 300,
    });
    expect(mapProgress({ total: 100, succeeded: 0, failed: 0 }, start, start)).toEqual({ total: 100, succeeded: 0, failed: 0, pending: 100, startedAt: start.toISOString() });
  });

  it('in AWS: ListMapRuns on the execution, DescribeMapRun on its run; timed-out and aborted items count as failed', async () => {
    const mapRunArn = 'arn:aws:states:us-east-1:123456789012:mapRun:BulkCsv/JoinRows:abc';
    sfn.on(ListMapRunsCommand, { executionArn: 'arn:aws:states:us-east-1:123456789012:execution:BulkCsv:bulk-csv-x' }).resolves({ mapRuns: [{ mapRunArn } as never] });
    sfn.on(DescribeMapRunCommand, { mapRunArn }).resolves({
      startDate: new Date('2026-12-07T00:00:00.000Z'),
      itemCounts: { total: 10, succeeded: 4, failed: 1, timedOut: 1, aborted: 0, pending: 2, running: 2, resultsWritten: 6, failuresNotRedrivable: 0, pendingRedrive: 0 },
    } as never);
    sfn.on(DescribeExecutionCommand).resolves({ status: 'RUNNING', startDate: new Date('2026-12-07T00:00:00.000Z') } as never);
    const status = await describeBulkJoiners('bulk-csv-x', machines.describe, machines.mapProgress);
    expect(status).toMatchObject({ status: 'RUNNING', progress: { total: 10, succeeded: 4, failed: 2, pending: 4, startedAt: '2026-12-07T00:00:00.000Z', etaSeconds: expect.any(Number) } });
  });

  it('in AWS: no map run yet (the items are still being read), or no such execution: no progress', async () => {
    sfn.on(ListMapRunsCommand).resolvesOnce({ mapRuns: [] }).rejectsOnce(new ExecutionDoesNotExist({ message: 'no', $metadata: {} }));
    expect(await machines.mapProgress('BulkJoinersCsv', 'bulk-csv-y')).toBeUndefined();
    expect(await machines.mapProgress('BulkJoinersCsv', 'bulk-csv-y')).toBeUndefined();
    expect(sfn.commandCalls(DescribeMapRunCommand)).toHaveLength(0);
  });
});
