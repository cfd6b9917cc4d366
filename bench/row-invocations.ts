import type { APIGatewayProxyEvent } from 'aws-lambda';
import { BULK_JOINERS_CSV_STEP_TABLE } from '../functions/lib/bulk/csv-joiners-steps';
import { BULK_JOINERS_STEP_TABLE } from '../functions/lib/bulk/joiners-steps';
import { inputFromApiEvent } from '../functions/lib/http/api-event';
import { RECONCILE_APPLY_CHECK_TABLE, RECONCILE_APPLY_STEPS_TABLE } from '../functions/lib/reconcile/apply-steps';
import { RECONCILE_PLAN_STEP_TABLE } from '../functions/lib/reconcile/plan-steps';
import { SCIM_APPLY_STEP_TABLE } from '../functions/lib/scim/apply-steps';
import { ENABLE_CALLING_STEP_TABLE } from '../functions/lib/workflows/calling/steps';
import { LIFECYCLE_STEP_TABLE } from '../functions/lib/workflows/lifecycle/steps';
import { stepCalls, taskStepInput, type StepCall, type StepDeclarations, type TaskStepTable, type WebexCall } from '../functions/lib/workflows/task-steps';
import { functionRows } from '../functions/function-rows';
import { routes } from '../functions/routes';
import { apiEvent } from './api-event';

/**
 * A first invocation built from the function's row: a route function's request from its route row (method, path
 * template, query parameters, the input split as API Gateway delivers it), a Task function's payload from its step
 * row, any other function's event from its function row's sample; each checked against the row's own schema as the
 * function will check it, and given the Webex requests the row declares for it. The bench (first-invocations.ts)
 * chooses only a route's or step's input and the conditions it meets.
 */
export interface RowInvocation {
  event: unknown;
  /**
   * The Webex requests the row declares for this input, the cached reads included (a cold function makes those
   * its data needs); absent where the row cannot list them (they scale with the organisation). None: no row
   * declares any.
   */
  webex?: readonly StepCall[];
}

/** A route row's declared requests for `input` under `conditions`. */
function routeWebex(declares: StepDeclarations, input: Record<string, unknown>, conditions: readonly string[]): readonly StepCall[] | undefined {
  const webex = declares.webex;
  if (!webex) return [];
  if ('scalesWith' in webex) return undefined;
  // The guarded request sends the one its input names.
  if ('fromInput' in webex) return [`${String(input.method)} ${String(input.path)}` as WebexCall];
  return stepCalls(declares, conditions);
}

/**
 * The request API Gateway delivers for a call of the route `id` with `input`: the fields named in its path template
 * fill it, its query parameters go to the query string, the rest is the body (none on GET and DELETE). Throws,
 * naming the field, where the route would refuse it.
 */
export function routeInvocation(id: string, input: Record<string, unknown>, conditions: readonly string[] = []): RowInvocation {
  const route = routes.find((r) => r.id === id);
  if (!route) throw new Error(`${id} is no route row`);
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const queryNames = route.queryParams ?? [];
  const query = Object.entries(input).filter(([k]) => queryNames.includes(k)).map(([k, v]) => [k, String(v)]);
  const rest = Object.fromEntries(Object.entries(input).filter(([k]) => !names.includes(k) && !queryNames.includes(k)));
  const withBody = route.method !== 'GET' && route.method !== 'DELETE';
  if (!withBody && Object.keys(rest).length) throw new Error(`${id}: ${route.method} has no body for ${Object.keys(rest).join(', ')}`);
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => String(input[name]));
  const event: APIGatewayProxyEvent = { ...apiEvent(route.method, path, withBody ? rest : undefined, route.path), queryStringParameters: query.length ? Object.fromEntries(query) : null };
  inputFromApiEvent(event, route.input, route.queryParams);
  return { event, webex: routeWebex(route, input, conditions) };
}

/** Each Task function's step table (the state machine rows name the functions; the handler modules their tables). */
const STEP_TABLES: Record<string, TaskStepTable<never>> = {
  EnableCallingSteps: ENABLE_CALLING_STEP_TABLE,
  EnableCallingStandardSteps: ENABLE_CALLING_STEP_TABLE,
  JoinerSteps: LIFECYCLE_STEP_TABLE,
  MoverSteps: LIFECYCLE_STEP_TABLE,
  LeaverSteps: LIFECYCLE_STEP_TABLE,
  BulkJoinersSteps: BULK_JOINERS_STEP_TABLE,
  BulkJoinersCsvSteps: BULK_JOINERS_CSV_STEP_TABLE,
  ReconcilePlanSteps: RECONCILE_PLAN_STEP_TABLE,
  ReconcileApplySteps: RECONCILE_APPLY_STEPS_TABLE,
  ReconcileApplyCheck: RECONCILE_APPLY_CHECK_TABLE,
  ScimApplySteps: SCIM_APPLY_STEP_TABLE,
};

/** Does `id` name a Task function with a step table? */
export const isStepFunction = (id: string) => id in STEP_TABLES;

/**
 * The payload a state machine's Task state sends the function `id` for `step` (`{ step, …fields }`), checked against
 * the step's row unless `check` is false (a payload an arrangement completes: check it with checkStepPayload then).
 */
export function stepInvocation(id: string, step: string, fields: Record<string, unknown>, conditions: readonly string[] = [], check = true): RowInvocation {
  const table = STEP_TABLES[id];
  const row = table?.[step];
  if (!row) throw new Error(`${id} has no step ${step}`);
  const event = { step, ...fields };
  if (check) checkStepPayload(id, event);
  return { event, webex: listedCalls(row, conditions) };
}

/** The calls a step or function row lists for `conditions`; undefined where it lists none of its own (`scalesWith`). */
const listedCalls = (row: StepDeclarations, conditions: readonly string[]) => (row.webex && !('calls' in row.webex) ? undefined : stepCalls(row, conditions));

/** A function row's invocation: the secrets it reads beside the Webex secret, by the variable naming each one's ARN. */
export interface FunctionInvocation extends RowInvocation {
  secrets?: Readonly<Record<string, string>>;
}

/**
 * The first invocation of a function that has a function row (functions/function-rows.ts): its sample event, checked
 * against what its handler parses, and the Webex requests the row declares for it; undefined for a function with none.
 */
export function functionInvocation(id: string): FunctionInvocation | undefined {
  const row = functionRows.find((r) => r.id === id);
  if (!row) return undefined;
  const { event, conditions = [], secrets } = row.sample();
  const parsed = row.event?.safeParse(event);
  if (parsed && !parsed.success) throw new Error(`${id}: its sample ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { event, webex: listedCalls(row, conditions), secrets };
}

/** Throws, naming the field, unless `payload` is one the Task function `id` accepts. */
export function checkStepPayload(id: string, payload: unknown): void {
  const parsed = taskStepInput(STEP_TABLES[id]).safeParse(payload);
  if (!parsed.success) throw new Error(`${id}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
}
