import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { bulkExecutionName } from '../../../functions/lib/bulk/joiners';
import { csvExecutionName } from '../../../functions/lib/bulk/csv-joiners';
import { executionNameForEvent } from '../../../functions/lib/lifecycle/router';
import { stateMachines } from '../../../functions/lib/state-machines/definitions';
import { EXECUTION_NAME, NESTED_SUFFIX_RESERVE, executionName } from '../../../functions/lib/state-machines/execution-name';
import { executionNameFor } from '../../../functions/lib/workflows/calling/enable-calling';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * Every `States.Format('{}<suffix>', $$.Execution.Name, …)` in a definition (a Task's `Name.$`, or a name a Pass state
 * makes for it), each `{}` of the suffix filled with the longest value its argument takes.
 */
function nestedSuffixes(asl: { States: Record<string, any> }, node: unknown = asl, out: string[] = []): string[] {
  if (node === null || typeof node !== 'object') return out;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      const m = /^States\.Format\('\{\}([^']*)', \$\$\.Execution\.Name((?:, [^,)]+)*)\)$/.exec(value);
      if (!m) continue;
      const args = m[2].split(', ').filter(Boolean);
      // Map item indexes are the bulk builders' (checked below, with their own reserve).
      if (args.some((a) => a.startsWith('$$.Map.'))) continue;
      out.push(m[1].replace(/\{\}/g, () => longestValue(asl, args.shift())));
    } else nestedSuffixes(asl, value, out);
  }
  return out;
}

/** The run's rate-limit wait count is at most HasWaitBudget's bound when a nested run is named after a wait. */
function longestValue(asl: { States: Record<string, any> }, arg: string | undefined): string {
  const budget = asl.States.HasWaitBudget?.Choices?.[0];
  if (arg === '$.throttle.count' && budget?.Variable === '$.throttle.count') return String(budget.NumericLessThanEquals);
  throw new Error(`a nested execution name takes ${arg}, whose longest value this test does not know`);
}

describe('execution names', () => {
  it('executionName: plain when it fits, else the prefix and a hash; always a valid name that leaves the reserve', () => {
    expect(executionName('joiner-', 'abc', 8)).toBe('joiner-abc');
    // An id that looks like a hashed name never takes another id's hashed name.
    const hashed = executionName('p-', 'a b');
    expect(executionName('p-', hashed.slice(2))).not.toBe(hashed);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), fc.integer({ min: 0, max: 20 }), (a, b, reserve) => {
        const na = executionName('p-', a, reserve);
        expect(na).toMatch(EXECUTION_NAME);
        expect(na.length).toBeLessThanOrEqual(80 - reserve);
        expect(na.startsWith('p-')).toBe(true);
        if (a !== b) expect(executionName('p-', b, reserve)).not.toBe(na);
      }),
    );
  });

  it('every nested execution suffix in the ASL files fits NESTED_SUFFIX_RESERVE', () => {
    const suffixes = stateMachines.flatMap((m) => nestedSuffixes(JSON.parse(readFileSync(join(ROOT, m.definitionFile), 'utf8'))));
    // The Mover's Standard child is named anew for each attempt after a rate-limit wait: -move-<wait count>.
    expect(suffixes).toEqual(expect.arrayContaining(['-calling', '-move', '-move-10']));
    for (const suffix of suffixes) expect(suffix.length).toBeLessThanOrEqual(NESTED_SUFFIX_RESERVE);
  });

  it('the longest names each builder makes, with every suffix appended downstream, are ones AWS takes', () => {
    const longest = (n: number) => 'a'.repeat(n);
    for (let n = 1; n <= 256; n++) {
      expect(`${executionNameForEvent('joiner', longest(n))}-calling`).toMatch(EXECUTION_NAME);
      // A bulk Joiner is <bulk>-<index up to 499>, then -calling; a CSV batch <csv>-<row up to 9999>, its Joiner -<up to 99>.
      if (n <= 128) expect(`${bulkExecutionName({ users: [], idempotencyKey: longest(n) })}-499-calling`).toMatch(EXECUTION_NAME);
      if (n <= 128) expect(`${csvExecutionName({ key: 'k', idempotencyKey: longest(n) }, 'b', 'e')}-9999-99-calling`).toMatch(EXECUTION_NAME);
    }
    expect(executionNameFor('req:with/odd chars')).toMatch(EXECUTION_NAME);
    expect(executionNameFor('req:with/odd chars')).not.toBe(executionNameFor('reqwithodd chars'));
  });
});
