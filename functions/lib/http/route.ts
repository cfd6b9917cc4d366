import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import type { Deps } from '../runtime/deps';
import type { ApiResult } from '../workflows/error-status';
import type { StepWebexRequests } from '../workflows/task-steps';
import type { ApiScope } from './scopes';
import { workflowHandler, type RequestInfo } from './api-handler';

/**
 * What the stack, the local API and the OpenAPI document read of a route: one row per workflow Lambda.
 * The full row (a `Route`) is declared once, in its handler module (`functions/<route>/handler.ts`).
 */
export interface RouteDefinition {
  /** Stable id: names the Lambda construct, the local handler and the OpenAPI operation. */
  readonly id: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** API Gateway resource path; `{name}` segments are path parameters. */
  readonly path: string;
  /** The module declaring the row, relative to the repository root; it exports `route` and `handler`. */
  readonly entry: string;
  readonly summary: string;
  /**
   * The OAuth scope a token must carry to call the route (`webex-provisioning/<scope>` on the wire): the
   * stack's resource server and authorizer, the local API's checks and the OpenAPI document read it here.
   */
  readonly scope: ApiScope;
  /** Validates path parameters and body fields together (or a direct invocation's payload); the OpenAPI document is built from it. */
  readonly input: z.ZodType;
  /**
   * Reads the bulk imports bucket: CDK grants s3:GetObject and s3:ListBucket (a missing key is then a 404, not a 403) and
   * sets BULK_IMPORTS_BUCKET; `reports`: on the HTML reports only (reports/*.html, plans/*.html), which it presigns URLs of.
   */
  readonly importsBucket?: 'read' | 'reports';
  /**
   * The parts of Deps the function uses: its Lambda entry composes exactly these (its bundle carries no other
   * client), and the stack reads them too: a route that needs neither `webex` nor `webexSecret` (it starts or
   * reads executions) gets neither the secret, nor the Webex settings, nor the secrets extension's layer.
   */
  readonly needs: readonly (keyof Deps)[];
  /**
   * The Webex requests one call of the route makes when nothing fails, declared as a step row declares its own
   * (`StepWebexRequests`: in order, each a method and path template, the reads the reference cache answers on a warm
   * function marked `{ cached: … }`, per named condition where the input or Webex decides). The user and voice
   * fault matrices inject faults on them, and fail naming the route when it sends one its row does not declare.
   * Absent for a route whose function calls no Webex.
   */
  readonly webex?: StepWebexRequests;
  /** Starts bulk runs, paced to the Webex request budget: the stack sets BULK_WEBEX_REQUESTS_PER_SECOND on it. */
  readonly bulkBudget?: true;
  /**
   * Writes to the activity table (a bulk run as it starts), beside reading it: with `activity` in `needs` the
   * stack grants Query and sets ACTIVITY_TABLE_NAME; this adds PutItem/UpdateItem.
   */
  readonly recordsActivity?: true;
  /**
   * What the handler answers besides the errors its row implies (openapi.ts `impliedErrors`): each status with
   * the schema of its body, the schema integration tests check every answer against (through the OpenAPI document).
   */
  readonly responses: RouteResponses;
  /**
   * A protocol of its own (SCIM): the media type of its bodies, and how it answers every error (its error schema,
   * documented in place of the API's). Default: application/json and ErrorBody (errorToResult).
   */
  readonly protocol?: RouteProtocol;
}

export interface RouteProtocol {
  readonly mediaType: string;
  /** Its error schema's name in the OpenAPI document's components. */
  readonly errorName: string;
  readonly errorBody: z.ZodType;
  toErrorResult(error: unknown): ApiResult;
}

/** One status a route answers: what it means and, unless it has no body (204), its body's schema. */
export interface RouteResponse {
  readonly description: string;
  readonly body?: z.ZodType;
}
export type RouteResponses = Readonly<Record<number, RouteResponse>>;

/** A route row: what RouteDefinition says, what the function needs from its runtime, and the function. */
export interface Route<Id extends string = string, I = unknown, N extends keyof Deps = keyof Deps> extends RouteDefinition {
  readonly id: Id;
  readonly input: z.ZodType<I>;
  /** Query parameters the route accepts; any other is a 400. */
  readonly queryParams?: readonly string[];
  readonly needs: readonly N[];
  // Method syntax: a table of rows with different inputs stays assignable to Route[] without casts.
  run(input: I, deps: Pick<Deps, N>, context: Context, request: RequestInfo): Promise<ApiResult>;
}

/** Does the route's function talk to Webex or read its secret? Derived from its `needs`, never declared beside them. */
export function talksToWebex(route: Pick<RouteDefinition, 'needs'>): boolean {
  return route.needs.includes('webex') || route.needs.includes('webexSecret');
}

/**
 * A SCIM route (its row's scope is `scim`): called by Entra ID and Okta, which can sign no SigV4, so it always sits
 * behind the authorizer (the stack's SCIM API), taking an OAuth token with the scope or the SCIM token.
 */
export function isScimRoute(route: Pick<RouteDefinition, 'scope'>): boolean {
  return route.scope === 'scim';
}

/** Declares a route row, keeping its literal id and inferring its input and needs. */
export function defineRoute<const Id extends string, I, N extends keyof Deps = never>(route: Route<Id, I, N>): Route<Id, I, N> {
  return route;
}

/** The API Gateway handler of a row, composed with the runtime's adapters (AWS at a Lambda entry's scope, or local). */
export function routeHandler<I, N extends keyof Deps>(route: Route<string, I, N>, deps: Pick<Deps, N>) {
  return Object.assign(
    workflowHandler({
      input: route.input,
      queryParams: route.queryParams,
      run: (input, context, request) => route.run(input, deps, context, request),
      ...(route.protocol ? { errorResult: (error: unknown) => route.protocol!.toErrorResult(error), mediaType: route.protocol.mediaType } : {}),
    }),
    { route },
  );
}
