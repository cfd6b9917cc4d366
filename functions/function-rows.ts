import type { FunctionRow } from './lib/runtime/function-row';
import { modulesDeclaring } from './row-modules';

export type { FunctionRow } from './lib/runtime/function-row';

/** How a function row is declared; the module is `functions/<folder>/function-row.ts`, beside the handler it names. */
export const FUNCTION_ROW_DECLARATION = /^export const functionRow = defineFunctionRow\(/m;
export const FUNCTION_ROW_FILE = 'function-row.ts';

/**
 * The rows of the functions that have neither a route row nor a step row (the lifecycle router, the schedules, the
 * authorizer, the stream consumer), found as the route rows are (routes.ts): adding one adds no line here. Read by
 * the cold-start bench (bench/row-invocations.ts) and the tests; never bundled.
 */
export const functionRows: readonly FunctionRow[] = modulesDeclaring(FUNCTION_ROW_DECLARATION, FUNCTION_ROW_FILE, __dirname).map((file) => {
  const { functionRow } = require(file) as { functionRow?: FunctionRow };
  if (!functionRow) throw new Error(`${file} declares a function row but exports none`);
  return functionRow;
});
