import type { SignedResponse } from './signed-api-client';

/**
 * Before `npm run e2e` empties the imports bucket and destroys the stack, nothing may still be running: a reconcile
 * apply's Distributed Map or a bulk run writes its results into the bucket, and an object written after the bucket
 * was emptied makes CloudFormation's delete of the bucket fail. So every Standard execution still running is
 * stopped (StopExecution; ListExecutions with statusFilter RUNNING until none is left), then the bucket emptied.
 */
export type SfnCall = (target: 'ListExecutions' | 'StopExecution', body: Record<string, unknown>) => Promise<SignedResponse>;

export async function stopRunningExecutions(
  sfn: SfnCall,
  stateMachineArns: string[],
  options: { sleep?: (ms: number) => Promise<void>; attempts?: number } = {},
): Promise<{ stopped: number }> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let stopped = 0;
  for (let attempt = 0; attempt < (options.attempts ?? 10); attempt++) {
    let running = 0;
    for (const stateMachineArn of stateMachineArns) {
      for (let nextToken: string | undefined; ; ) {
        const res = await sfn('ListExecutions', { stateMachineArn, statusFilter: 'RUNNING', ...(nextToken ? { nextToken } : {}) });
        if (res.status !== 200) throw new Error(`ListExecutions ${stateMachineArn}: ${res.status} ${JSON.stringify(res.body)}`);
        const page = res.body as { executions?: { executionArn: string }[]; nextToken?: string };
        for (const { executionArn } of page.executions ?? []) {
          running += 1;
          const stop = await sfn('StopExecution', { executionArn, error: 'E2ETeardown', cause: 'npm run e2e is deleting the stack' });
          if (stop.status !== 200) throw new Error(`StopExecution ${executionArn}: ${stop.status} ${JSON.stringify(stop.body)}`);
          stopped += 1;
        }
        if (!page.nextToken) break;
        nextToken = page.nextToken;
      }
    }
    // A parent stopped this round may have started a child just before: look again until a round finds none.
    if (running === 0) return { stopped };
    await sleep(2_000);
  }
  throw new Error(`executions still running after ${options.attempts ?? 10} rounds of StopExecution`);
}
