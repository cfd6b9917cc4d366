import type { Context } from 'aws-lambda';
import { createHandler as bulkJoinersStepsHandler } from '../../../functions/bulk-joiners-steps/handler';
import { recordingActivity } from '../../support/recording-activity';
import { memoryPacing } from '../../support/memory-pacing';
import { MemoryObjectStore } from '../../support/memory-object-store';

const reports = new MemoryObjectStore();
const bulkJoinersSteps = bulkJoinersStepsHandler({ env: () => ({ BULK_IMPORTS_BUCKET: 'imports' }), objectStore: () => reports, activity: recordingActivity().activity, pacing: memoryPacing() }) as never;
import { MAX_LOCATION_BYTES, MAX_MESSAGE_BYTES, type BulkJoinersReport } from '../../../functions/lib/bulk/joiners';
import { stateMachine } from '../../../functions/lib/state-machines/definitions';
import { LocalStateMachineRunner, MAX_STATE_PAYLOAD_BYTES, localStateMachineArn } from '../../../functions/local/local-runner';
import { LocalEventBus } from '../../../functions/local/local-event-bus';
import { PUT_EVENTS, START_EXECUTION_SYNC } from '../../../functions/local/local-state-machines';

/** AWS's limits the emulator does not enforce, enforced by the local runner. */
describe('local runner: AWS limits', () => {
  it('an invocation outliving its function timeout fails as Sandbox.Timedout, and the idempotent step retries it', async () => {
    const steps: string[] = [];
    const remaining: number[] = [];
    const handler = async (event: unknown, context: Context) => {
      const { step } = event as { step: string };
      steps.push(step);
      remaining.push(context.getRemainingTimeInMillis());
      if (steps.length === 1) return new Promise(() => undefined);
      throw Object.assign(new Error('stop here'), { name: 'Stop' });
    };
    const runner = new LocalStateMachineRunner(stateMachine('EnableCalling'), { EnableCallingStepsFunctionArn: handler }, { fastWaits: true, taskTimeoutMs: 50 });
    const outcome = await runner.run({ user: 'a@example.com', location: 'HQ' }, { executionName: 'timeout-1' });
    expect(steps.slice(0, 2)).toEqual(['resolveUser', 'resolveUser']);
    expect(remaining[0]).toBeLessThanOrEqual(50);
    expect(outcome.status).toBe('FAILED');
  });

  it('a state output over 256 KB fails the execution with States.DataLimitExceeded, which no Catch handles', async () => {
    const big = 'x'.repeat(MAX_STATE_PAYLOAD_BYTES);
    const handler = async () => ({ user: { id: 'P1', note: big } });
    const runner = new LocalStateMachineRunner(stateMachine('EnableCalling'), { EnableCallingStepsFunctionArn: handler }, { fastWaits: true });
    const outcome = await runner.run({ user: 'a@example.com', location: 'HQ' }, { executionName: 'big-1' });
    expect(outcome).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded', cause: expect.stringMatching(/^The state 'ResolveUser' returned a result of \d+ bytes/) });
  });

  it('500 joiners failing with long messages: the Map results and the report stay within 256 KB, each message bounded', async () => {
    // A failure message of multi-byte letters and quotes, as Webex may send; a Webex-sized user id; the location
    // resolved (a long name in two-byte letters, and a Webex-sized id).
    const message = `Webex said: « ${'é"'.repeat(2_000)} »`;
    const location = { id: `Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OL${'b'.repeat(56)}`, name: 'é'.repeat(80) };
    const joiner: (parameters: unknown) => Promise<unknown> = async (parameters) => {
      const { Name, Input } = parameters as { Name: string; Input: unknown };
      const detail = { status: 'FAILED', origin: { eventId: Name, source: 's', detailType: 'Webex User Joined' }, executionName: Name, email: 'x', userId: `Y2lzY29zcGFyazovL3VzL1BFT1BMRS8${'a'.repeat(48)}`, location, applied: [], error: { code: 'WebexServerError', message } };
      const error = new Error(JSON.stringify({ StateMachineArn: localStateMachineArn('Joiner'), Name, Input, Status: 'FAILED', Error: 'WebexServerError', Cause: JSON.stringify(detail) }));
      error.name = 'States.TaskFailed';
      throw error;
    };
    const bus = new LocalEventBus();
    const runner = new LocalStateMachineRunner(stateMachine('BulkJoiners'), { BulkJoinersStepsFunctionArn: bulkJoinersSteps }, { fastWaits: true, services: { [START_EXECUTION_SYNC]: joiner, [PUT_EVENTS]: async (p) => bus.putEvents(p as never) } });
    // E-mails as long as 500 of them may be within the API's 64 KB body.
    const users = Array.from({ length: 500 }, (_, i) => ({ email: `${'u'.repeat(60)}${i}@example.com`, displayName: 'U', location: 'HQ' }));
    const past = new Date(0).toISOString();
    const outcome = await runner.run({ users, schedule: users.map(() => past), maxConcurrency: 40, origin: { source: 's', detailType: 'Webex User Joined' }, publishOutcome: true }, { executionName: 'bulk-k-limits' });
    expect(outcome).toMatchObject({ status: 'SUCCEEDED' });
    const report = outcome.output as BulkJoinersReport;
    expect(report).toMatchObject({ total: 500, failed: 500 });
    expect(Buffer.byteLength(JSON.stringify(report))).toBeLessThanOrEqual(MAX_STATE_PAYLOAD_BYTES);
    // The name the Joiner resolved, not what the request gave ('HQ'), cut like the message.
    expect(report.results[0].location).toMatch(/^é{30,}…$/);
    expect(Buffer.byteLength(JSON.stringify(report.results[0].location))).toBeLessThanOrEqual(MAX_LOCATION_BYTES + 2);
    for (const r of report.results) expect(Buffer.byteLength(JSON.stringify(r.error!.message))).toBeLessThanOrEqual(MAX_MESSAGE_BYTES + 2);
    expect(report.results[0].error!.message).toMatch(/^Webex said: « é"é".*…$/);
    // Its report files are written from the step that holds the results (the state carries nothing more).
    const files = JSON.parse(reports.objects.get('imports/reports/bulk-k-limits.json')!);
    expect(files).toMatchObject({ total: 500, failed: 500 });
    expect(files.results[499]).toMatchObject({ index: 499, location: report.results[0].location, outcome: expect.stringMatching(/^created; calling not enabled: Webex said/) });
    // The failure event carries the counts only, whatever the report's size.
    expect(bus.published).toEqual([expect.objectContaining({ detailType: 'Webex Bulk Joiners Failed', detail: expect.objectContaining({ total: 500, failed: 500 }) })]);
  }, 60_000);
});
