import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateMachines } from '../../../functions/lib/state-machines/definitions';
import { loadDefinition, localFunctionArn } from '../../../functions/local/local-runner';
import { ENABLE_CALLING_STEP_PARTS, EnableCallingState } from '../../../functions/lib/workflows/calling/parts';
import { ENABLE_CALLING_STEP_TABLE } from '../../../functions/lib/workflows/calling/steps';
import { MACHINE_PARTS } from '../../../functions/lib/workflows/calling/state';

const root = join(__dirname, '..', '..', '..');
const [machine] = stateMachines;
const raw = JSON.parse(readFileSync(join(root, machine.definitionFile), 'utf8'));
const states = Object.entries(raw.States as Record<string, any>);
const tasks = states.filter(([, s]) => s.Type === 'Task');

describe('statemachines/enable-calling.asl.json', () => {
  it('names every task function through a substitution of the table (test/integration/local/local-runtime.test.ts: each has a local handler)', () => {
    const substitutions = machine.taskFunctions.map((f) => `\${${f.substitution}}`);
    for (const [, s] of tasks) expect(substitutions).toContain(s.Resource);
  });

  it("writes each step's result where its row says: the Task's ResultPath is the row's part", () => {
    const table: Record<string, { writes: string }> = ENABLE_CALLING_STEP_TABLE;
    for (const [name, s] of tasks) expect([name, s.ResultPath]).toEqual([name, `$.${table[s.Parameters.step].writes}`]);
  });

  it('writes only declared parts of the state, and every step part is written by a step', () => {
    const declared = new Set([...Object.keys(MACHINE_PARTS), ...Object.keys(ENABLE_CALLING_STEP_PARTS)]);
    const written = states.flatMap(([name, s]) =>
      [s.ResultPath, ...(s.Catch ?? []).map((c: { ResultPath?: string }) => c.ResultPath)].filter((p): p is string => typeof p === 'string').map((p) => [name, p] as const),
    );
    expect(written.length).toBeGreaterThan(tasks.length);
    for (const [name, path] of written) expect([name, path, declared.has(path.split('.')[1])]).toEqual([name, path, true]);
    const byRows = new Set(Object.values(ENABLE_CALLING_STEP_TABLE).map((r: { writes: string }) => r.writes));
    expect([...byRows].sort()).toEqual(Object.keys(ENABLE_CALLING_STEP_PARTS).sort());
    // The state the steps parse is exactly those parts (the machine's first).
    expect(Object.keys(EnableCallingState.shape).sort()).toEqual([...declared].sort());
  });

  // Which steps it sends, their Retry/Catch and Resume's order: asl-follows-tables.test.ts, with every other table.
  it('waits SecondsPath seconds, then resumes', () => {
    expect(raw.States.WaitForWebex).toMatchObject({ Type: 'Wait', SecondsPath: '$.throttle.detail.retryAfterSeconds', Next: 'Resume' });
  });

  it('loads with substitutions applied, and refuses one left unfilled', () => {
    const loaded = loadDefinition(machine.definitionFile, { EnableCallingStepsFunctionArn: localFunctionArn('EnableCallingStepsFunctionArn') }) as any;
    expect(loaded.States.ResolveUser.Resource).toBe('arn:aws:lambda:us-east-1:000000000000:function:EnableCallingStepsFunctionArn');
    expect(() => loadDefinition(machine.definitionFile, {})).toThrow(/EnableCallingStepsFunctionArn/);
  });
});
