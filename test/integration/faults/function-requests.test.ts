import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { functionRows, type FunctionRow } from '../../../functions/function-rows';
import { routeHandler, type Route } from '../../../functions/lib/http/route';
import type { Deps } from '../../../functions/lib/runtime/deps';
import { lambdaContext } from '../../../functions/lib/runtime/lambda-context';
import type { StartResult } from '../../../functions/lib/state-machines/starter';
import { FileSecretStore } from '../../../functions/lib/tokens/file-secret-store';
import { SIM_ACCESS_TOKEN, SIM_CLIENT_ID, SIM_CLIENT_SECRET, SIM_REFRESH_TOKEN } from '../../../functions/simulator/seed';
import { fromFunction, madeByInvocation } from '../../support/fault-matrix';
import { startHarness, tempFile, type Harness } from '../../support/harness';

/**
 * The function rows' Webex requests (functions/<folder>/function-row.ts: the functions with no route or step row):
 * each function, composed from its handler module with the local runtime as its Lambda entry is with AWS's, serves
 * its row's sample against the simulator and sends exactly what its row declares; a request the row does not declare
 * reads as `<function id>: sent …, which its row does not declare`. The executions a function starts are given a
 * starter that records them and runs nothing: their requests are their step rows' (the fault matrices').
 */

type Handler = (event: unknown, context: Context) => Promise<unknown>;
type Started = { stateMachine: string; executionName: string }[];

/** The row's handler, composed as its entry composes it: `createHandler(deps)`, or a route module's `routeHandler`. */
function compose(row: FunctionRow, deps: Deps): Handler | undefined {
  const mod = require(join(__dirname, '../../..', row.entry)) as { createHandler?: (deps: Deps) => Handler; route?: Route };
  if (mod.createHandler) return mod.createHandler(deps);
  if (mod.route) return routeHandler(mod.route, deps) as unknown as Handler;
  return undefined;
}

/** The local runtime's parts, its starter recording what it is asked to start. */
function recordingDeps(h: Harness, started: Started): Deps {
  const starter = { start: async (stateMachine: string, _input: unknown, executionName: string): Promise<StartResult> => {
    started.push({ stateMachine, executionName });
    return { stateMachine: stateMachine as StartResult['stateMachine'], executionName, status: 'STARTED' };
  } };
  return { ...h.runtime.deps, stateMachines: { ...h.runtime.deps.stateMachines, starter: () => starter } };
}

let h: Harness;
beforeEach(async () => {
  // The Service App's pair in a file store, never rotated: the rotator refreshes it against the simulator's OAuth endpoint.
  const store = new FileSecretStore(await tempFile('secret.json'));
  await store.write({ clientId: SIM_CLIENT_ID, clientSecret: SIM_CLIENT_SECRET, accessToken: SIM_ACCESS_TOKEN, refreshToken: SIM_REFRESH_TOKEN });
  h = await startHarness({ WEBEX_TOKEN_FILE: store.path });
});
afterEach(() => h.close());

/** Serves the row's sample on a fresh request log; what the handler answered. */
async function serve(row: FunctionRow, handler: Handler): Promise<unknown> {
  h.sim.clearRequests();
  return handler(row.sample().event, lambdaContext(row.id, `${row.id}-sample`));
}

// The authorizer composes itself from the Lambda's environment at load (no deps to give it): its own tests run it.
const runnable = functionRows.filter((row) => row.id !== 'Authorizer');

it('finds every function row, the five functions with no route or step row', () => {
  expect(functionRows.map((r) => r.id).sort()).toEqual(['Authorizer', 'CountFreeNumbers', 'RotateTokens', 'Router', 'ScimWriteStream']);
});

it.each(runnable.map((row) => [row.id, row] as const))('%s sends the Webex requests its row declares for its sample', async (_, row) => {
  const started: Started = [];
  const handler = compose(row, recordingDeps(h, started));
  expect(handler).toBeDefined();
  const answer = await serve(row, handler!);
  const { made, declared } = madeByInvocation(h, fromFunction(row, row.sample().conditions));
  expect(made).toEqual(declared);
  expect(h.webexCalls().filter((r) => r.status >= 400)).toEqual([]);
  // It did its work: a function that calls no Webex starts an execution.
  if (!row.webex) expect(started).toHaveLength(1);
  else expect(answer).toBeDefined();
});

it('sends nothing when the rotation is not due (its row: `skipped`)', async () => {
  const row = functionRows.find((r) => r.id === 'RotateTokens')!;
  const handler = compose(row, h.runtime.deps)!;
  expect(await serve(row, handler)).toMatchObject({ outcome: 'rotated', verified: true });
  expect(await serve(row, handler)).toMatchObject({ outcome: 'skipped' });
  const { made, declared } = madeByInvocation(h, fromFunction(row, ['skipped']));
  expect(declared).toEqual([]);
  expect(made).toEqual(declared);
});

it('names the function that sent a request its row does not declare', async () => {
  const row = functionRows.find((r) => r.id === 'CountFreeNumbers')!;
  await serve(row, compose(row, h.runtime.deps)!);
  // Its row as it would read without the numbers listing.
  const short = { ...row, webex: { calls: ['GET /telephony/config/locations'] as const } };
  const { made, declared } = madeByInvocation(h, fromFunction(short));
  expect(declared).toEqual(['CountFreeNumbers: GET /telephony/config/locations']);
  expect(made).toEqual(['CountFreeNumbers: GET /telephony/config/locations', 'CountFreeNumbers: sent GET /telephony/config/numbers, which its row does not declare']);
});
