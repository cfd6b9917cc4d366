import { stopRunningExecutions, type SfnCall } from '../../../e2e/teardown';

const ok = (body: unknown) => ({ status: 200, headers: new Headers(), body });

describe('npm run e2e teardown: nothing runs when the bucket is emptied', () => {
  it('stops every running execution, pages through ListExecutions, and looks again until a round finds none', async () => {
    const running = new Map<string, string[]>([
      ['arn:plan', ['arn:plan:e1']],
      ['arn:apply', ['arn:apply:e1', 'arn:apply:e2']],
    ]);
    const calls: string[] = [];
    const sfn: SfnCall = async (target, body) => {
      calls.push(`${target} ${String(body.stateMachineArn ?? body.executionArn)}${body.nextToken ? ` ${String(body.nextToken)}` : ''}`);
      if (target === 'StopExecution') {
        for (const [m, list] of running) running.set(m, list.filter((e) => e !== body.executionArn));
        // Stopping the plan lets a child it had just started show up in the next round.
        if (body.executionArn === 'arn:plan:e1') running.set('arn:apply', [...running.get('arn:apply')!, 'arn:apply:late']);
        return ok({});
      }
      const list = running.get(String(body.stateMachineArn)) ?? [];
      // Two a page.
      const start = body.nextToken ? Number(body.nextToken) : 0;
      return ok({ executions: list.slice(start, start + 2).map((executionArn) => ({ executionArn })), ...(list.length > start + 2 ? { nextToken: String(start + 2) } : {}) });
    };
    const slept: number[] = [];
    const { stopped } = await stopRunningExecutions(sfn, ['arn:plan', 'arn:apply'], { sleep: async (ms) => void slept.push(ms) });
    expect(stopped).toBe(4);
    expect([...running.values()].flat()).toEqual([]);
    expect(calls.filter((c) => c.startsWith('StopExecution')).sort()).toEqual(['StopExecution arn:apply:e1', 'StopExecution arn:apply:e2', 'StopExecution arn:apply:late', 'StopExecution arn:plan:e1']);
    expect(slept.length).toBeGreaterThanOrEqual(1);
  });

  it('fails loudly when Step Functions refuses, rather than emptying a bucket something still writes to', async () => {
    const sfn: SfnCall = async () => ({ status: 400, headers: new Headers(), body: { __type: 'AccessDeniedException' } });
    await expect(stopRunningExecutions(sfn, ['arn:plan'], { sleep: async () => undefined })).rejects.toThrow(/ListExecutions arn:plan: 400/);
  });
});
