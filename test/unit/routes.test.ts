import { existsSync } from 'node:fs';
import { routes } from '../../functions/routes';
import { fromRepoRoot } from '../../infra/paths';

/**
 * A route is declared once: its row (`route`) in its handler module, next to the Lambda entry (`handler`)
 * composed from that very row. The stack bundles `entry`, the local runtime and the OpenAPI document read the
 * row: they cannot disagree on the schema, the function or the needs.
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
});
