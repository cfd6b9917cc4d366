import type { Context } from 'aws-lambda';
import { routeHandler } from '../lib/http/route';
import type { Deps } from '../lib/runtime/deps';
import { routes as routeTable, type Route } from '../routes';

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * The deployed handlers, by route id: each row of the route table composed with the local runtime's
 * adapters, as its Lambda entry composes it with AWS's — the local runtime runs exactly what Lambda runs.
 */
export function routeHandlers(deps: Deps, routes: readonly Route[] = routeTable): Record<string, LambdaHandler> {
  const handlers = {} as Record<string, LambdaHandler>;
  // Every row gets the whole Deps here, so its input and needs need not be told apart.
  for (const route of routes) handlers[route.id] = routeHandler<unknown, keyof Deps>(route, deps);
  return handlers;
}
