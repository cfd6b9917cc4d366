import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { routeModuleFiles, routes } from '../../functions/routes';
import { stateMachines, type StateMachineDefinition } from '../../functions/lib/state-machines/definitions';
import { fromRepoRoot } from '../../infra/paths';

/**
 * A route is declared once: its row (`route`) in its handler module, next to the Lambda entry (`handler`)
 * composed from that very row. The stack bundles `entry`, the local runtime and the OpenAPI document read the
 * row: they cannot disagree on the schema, the function or the needs. functions/routes.ts finds the rows
 * (no list to keep): these tests check what a `RouteId` type would at compile time.
 */
describe('the route table', () => {
  test.each(routes.map((r) => [r.id, r] as const))('%s is declared by the module its entry names, whose handler serves it', async (_id, row) => {
    expect(existsSync(fromRepoRoot(row.entry))).toBe(true);
    const module = (await import(fromRepoRoot(row.entry))) as { route: unknown; handler: { route?: unknown } };
    expect(module.route).toBe(row);
    expect(module.handler.route).toBe(row);
  });

  it('has unique ids and unique method + path pairs', () => {
    expect(new Set(routes.map((r) => r.id)).size).toBe(routes.length);
    expect(new Set(routes.map((r) => `${r.method} ${r.path}`)).size).toBe(routes.length);
  });

  it('finds every handler module that exports a route, and nothing else', async () => {
    const functionsDir = fromRepoRoot('functions');
    const entries = readdirSync(functionsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(functionsDir, d.name, 'handler.ts')))
      .map((d) => join(functionsDir, d.name, 'handler.ts'));
    const exporting: string[] = [];
    for (const file of entries) {
      const module = (await import(file)) as { route?: unknown };
      if (module.route !== undefined) exporting.push(relative(fromRepoRoot('.'), file));
    }
    expect(exporting.length).toBeGreaterThan(0);
    expect(routes.map((r) => r.entry).sort()).toEqual(exporting.sort());
  });

  it('lists the rows in a fixed order: by their folder', () => {
    expect(routes.map((r) => r.entry)).toEqual(routeModuleFiles().map((f) => relative(fromRepoRoot('.'), f)));
    const folders = routes.map((r) => r.entry.split('/')[1]);
    expect(folders).toEqual([...folders].sort());
  });

  it('has every route a state machine names: the one that starts it and those that describe its executions', () => {
    const ids = new Set(routes.map((r) => r.id));
    const named = (stateMachines as readonly StateMachineDefinition[]).flatMap((m) => [
      ...(m.startedByRoute ? [[m.id, m.startedByRoute]] : []),
      ...((m as { describedByRoutes?: readonly string[] }).describedByRoutes ?? []).map((r) => [m.id, r]),
    ]);
    expect(named.length).toBeGreaterThan(stateMachines.length);
    for (const [machine, route] of named) expect([machine, route, ids.has(route)]).toEqual([machine, route, true]);
  });
});
