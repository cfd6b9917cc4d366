import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FUNCTION_ROW_FILE, functionRows } from '../../functions/function-rows';
import { routes } from '../../functions/routes';
import { stateMachines } from '../../functions/lib/state-machines/definitions';
import { fromRepoRoot } from '../../infra/paths';

/**
 * A function with no route row and no step row declares a function row (functions/<folder>/function-row.ts), found
 * by functions/function-rows.ts as the route rows are found: these tests check that every such file is found, that
 * each row names a handler module beside it, and that its sample is an event its handler accepts.
 */
describe('the function rows', () => {
  it('finds every function-row module that exports a row', async () => {
    const functionsDir = fromRepoRoot('functions');
    const files = readdirSync(functionsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(functionsDir, d.name, FUNCTION_ROW_FILE)))
      .map((d) => join(functionsDir, d.name, FUNCTION_ROW_FILE));
    const exported: unknown[] = [];
    for (const file of files) exported.push(((await import(file)) as { functionRow?: unknown }).functionRow);
    expect(exported.length).toBeGreaterThan(0);
    expect(exported).toEqual(functionRows);
  });

  test.each(functionRows.map((r) => [r.id, r] as const))('%s names the handler module beside it', (_, row) => {
    expect(existsSync(fromRepoRoot(row.entry))).toBe(true);
    const folder = dirname(row.entry);
    expect(existsSync(fromRepoRoot(join(folder, FUNCTION_ROW_FILE)))).toBe(true);
  });

  test.each(functionRows.map((r) => [r.id, r] as const))('%s has a sample its handler accepts', (_, row) => {
    const { event } = row.sample();
    expect(event).toBeDefined();
    if (row.event) expect(row.event.safeParse(event).error?.issues ?? []).toEqual([]);
  });

  it('has unique ids, none a route or a Task function', () => {
    const ids = functionRows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const others = [...routes.map((r) => r.id), ...stateMachines.flatMap((m) => m.taskFunctions.map((t) => t.id))];
    expect(ids.filter((id) => others.includes(id))).toEqual([]);
  });
});
