import type { Route } from './lib/http/route';
import { modulesDeclaring } from './row-modules';

export type { Route, RouteDefinition } from './lib/http/route';

/** How a route's entry module declares its row; the module is `functions/<folder>/handler.ts`. */
export const ROUTE_DECLARATION = /^export const route = defineRoute\(/m;
export const ROUTE_ENTRY_FILE = 'handler.ts';

/**
 * The route modules: every `functions/<folder>/handler.ts` declaring a row, by folder name (a fixed
 * order: the OpenAPI document and the stack list the routes in it). The Task and rotation functions,
 * which declare none, are not loaded.
 */
export const routeModuleFiles = (functionsDir: string = __dirname): string[] => modulesDeclaring(ROUTE_DECLARATION, ROUTE_ENTRY_FILE, functionsDir);

/**
 * The suite's HTTP contract: one row per workflow Lambda, each declared once in its handler module
 * (`export const route = defineRoute({ id, method, path, input, needs, run, … })`, next to the Lambda
 * entry composed from it) and found here, so adding a route adds no line to this file. API Gateway and the
 * stack's grants (infra/), the local runtime (functions/local/) and the OpenAPI document are all built from
 * this list, so a route can never exist in one and not another.
 *
 * Only the stack, the local runtime and the tests import this module, under Node (tsx, ts-jest), never
 * bundled: a Lambda bundle holds its own row alone (a static table of every row would pull every schema,
 * which esbuild keeps, into every bundle). test/unit/routes.test.ts checks that every module declaring a
 * row is found and that every route id a state machine names exists.
 */
export const routes: readonly Route[] = routeModuleFiles().map((file) => {
  // A synchronous require keeps `routes` a plain value for its importers (tsx and ts-jest load TypeScript this way).
  const { route } = require(file) as { route?: Route };
  if (!route) throw new Error(`${file} declares a route but exports none`);
  return route;
});
