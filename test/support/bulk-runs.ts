import type { StateMachineId } from '../../functions/lib/state-machines/definitions';
import type { Harness } from './harness';

/**
 * Waits for a bulk run started through the API to end, fails the test if it did not succeed, and answers
 * GET /bulk/joiners/{executionName}'s body (the status and the report).
 */
export async function finishedBulkRun(h: Harness, machine: StateMachineId, executionName: string) {
  const run = h.runtime.executions.outcome(machine, executionName);
  if (!run) throw new Error(`no local execution ${executionName}`);
  const outcome = await run;
  if (outcome.status !== 'SUCCEEDED') throw new Error(`${executionName} ${outcome.status}: ${outcome.error} ${outcome.cause}`);
  const res = await h.call('GET', `/bulk/joiners/${executionName}`);
  expect(res.status).toBe(200);
  return res.body;
}

/** Successful POST /people per e-mail: a user created twice shows as 2. */
export function peopleCreated(h: Harness): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of h.webexCalls('POST', '/people').filter((c) => c.status < 300)) {
    const email = (r.body as { emails: string[] }).emails[0];
    counts[email] = (counts[email] ?? 0) + 1;
  }
  return counts;
}
