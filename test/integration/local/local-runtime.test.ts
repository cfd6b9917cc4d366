import { stateMachines } from '../../../functions/lib/state-machines/definitions';
import { createLocalRuntime } from '../../../functions/local/local-runtime';

/**
 * The local runtime's composition: a handler for every task function the tables declare, and its starter and runner
 * answering as Step Functions does. Each test builds the whole runtime (every handler, the ASL runner, the activity
 * table) and the starter's run a Leaver on it: the unit tests keep the pure parts (the tables against the ASL, the
 * name builders, the AWS adapters against a mocked SFNClient).
 */
describe('the local runtime', () => {
  it('has one task handler per substitution of the tables (every machine\'s task functions, no other)', () => {
    expect(Object.keys(createLocalRuntime().taskHandlers).sort()).toEqual([...new Set(stateMachines.flatMap((m) => m.taskFunctions.map((f) => f.substitution)))].sort());
  });

  it('the local runner and starter refuse a name StartExecution refuses', async () => {
    const runtime = createLocalRuntime({ fastWaits: true });
    const runner = runtime.stateMachines.runner('EnableCalling');
    await expect(runner.run({}, { executionName: 'x'.repeat(81) })).rejects.toMatchObject({ name: 'InvalidName' });
    await expect(runner.run({}, { executionName: 'has space' })).rejects.toMatchObject({ name: 'InvalidName' });
    await expect(runtime.executions.start('Leaver', {}, `leaver-${'y'.repeat(74)}`)).rejects.toMatchObject({ name: 'ConfigurationError' });
    expect(runtime.executions.list('Leaver')).toEqual([]);
  });
});

describe('LocalExecutionStarter answers a second start as StartExecution does', () => {
  it('startExecution (what a states:startExecution Task gets): a new name starts; the same name and input while it runs is that execution; a closed one or other input is ExecutionAlreadyExists', async () => {
    const starter = createLocalRuntime({ fastWaits: true }).executions;
    const input = { origin: {}, detail: {} };
    const first = await starter.startExecution('Leaver', input, 'leaver-local-start');
    expect(first.executionArn).toMatch(/:execution:Leaver:leaver-local-start$/);
    expect(await starter.startExecution('Leaver', input, 'leaver-local-start')).toEqual(first);
    await expect(starter.startExecution('Leaver', { other: true }, 'leaver-local-start')).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await starter.settle();
    await expect(starter.startExecution('Leaver', input, 'leaver-local-start')).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    expect(starter.list('Leaver')).toHaveLength(1);
    // DescribeExecution's dates, as AWS answers them.
    expect(starter.status('Leaver', 'leaver-local-start')).toMatchObject({ startDate: first.startDate.toISOString(), stopDate: expect.any(String) });
  });

  it('the same name: the running execution back (its ARN) with the same input, else ExecutionAlreadyExists: DUPLICATE either way, one run', async () => {
    const starter = createLocalRuntime({ fastWaits: true }).executions;
    {
      const first = await starter.start('Leaver', { origin: {}, detail: {} }, 'leaver-local-1');
      expect(first.status).toBe('STARTED');
      const running = await starter.start('Leaver', { origin: {}, detail: {} }, 'leaver-local-1');
      expect(running).toEqual({ ...first, status: 'DUPLICATE' });
      expect(await starter.start('Leaver', { other: true }, 'leaver-local-1')).toEqual({ ...first, status: 'DUPLICATE' });
      await starter.settle();
      expect(await starter.start('Leaver', { origin: {}, detail: {} }, 'leaver-local-1')).toEqual({ ...first, status: 'DUPLICATE' });
      expect(starter.list('Leaver')).toHaveLength(1);
    }
  });
});
