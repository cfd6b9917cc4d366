import { BULK_JOINERS_CSV_STEP_TABLE } from '../../../functions/lib/bulk/csv-joiners-steps';
import { BULK_JOINERS_STEP_TABLE } from '../../../functions/lib/bulk/joiners-steps';
import { RECONCILE_APPLY_CHECK_TABLE, RECONCILE_APPLY_STEPS_TABLE } from '../../../functions/lib/reconcile/apply-steps';
import { RECONCILE_PLAN_STEP_TABLE } from '../../../functions/lib/reconcile/plan-steps';
import { SCIM_APPLY_STEP_TABLE } from '../../../functions/lib/scim/apply-steps';
import { operationsFor } from '../../../functions/lib/webex-spec/operations';
import { ENABLE_CALLING_STEP_TABLE } from '../../../functions/lib/workflows/calling/steps';
import { LIFECYCLE_STEP_TABLE } from '../../../functions/lib/workflows/lifecycle/steps';
import type { StepCall, StepDeclarations } from '../../../functions/lib/workflows/task-steps';
import { functionRows } from '../../../functions/function-rows';
import { routes } from '../../../functions/routes';
import { UNSPECIFIED_OPERATIONS } from '../../support/openapi-validator';

/**
 * Every Webex request a step row, a route row or a function row declares, under every condition, is one of Cisco's
 * operations (the OpenAPI documents the client's guarded requests are checked against; the OAuth refresh, which
 * Webex documents outside them, as the integration tests' request check allows it): a misspelt method or path in a
 * row fails here, naming the step, route or function, also on the paths no fault matrix runs (compensation, a number
 * named, the SCIM and reconcile rows, a location by id, a refused refresh token).
 */

const TABLES: Record<string, Record<string, StepDeclarations>> = {
  ENABLE_CALLING_STEP_TABLE, LIFECYCLE_STEP_TABLE, BULK_JOINERS_STEP_TABLE, BULK_JOINERS_CSV_STEP_TABLE,
  RECONCILE_PLAN_STEP_TABLE, RECONCILE_APPLY_STEPS_TABLE, RECONCILE_APPLY_CHECK_TABLE, SCIM_APPLY_STEP_TABLE,
};

const ROUTES: Record<string, StepDeclarations> = Object.fromEntries(routes.map((r) => [`route ${r.id}`, r]));
const FUNCTIONS: Record<string, StepDeclarations> = Object.fromEntries(functionRows.map((r) => [`function ${r.id}`, r]));

const declared = [...Object.entries(TABLES), ['routes', ROUTES] as const, ['functions', FUNCTIONS] as const].flatMap(([table, rows]) =>
  Object.entries(rows).flatMap(([step, { webex }]) => {
    if (!webex || !('calls' in webex)) return [];
    const lists: readonly (readonly StepCall[])[] = [webex.calls, ...Object.values(webex.when ?? {})];
    return lists.flat().map((call) => ({ step: `${table}.${step}`, call: typeof call === 'string' ? call : call.cached }));
  }),
);

it('finds the rows that call Webex', () => {
  expect(new Set(declared.map((d) => d.step)).size).toBeGreaterThanOrEqual(20);
});

it("declares only Cisco's operations, each a method and a path template", () => {
  const unknown = declared.filter(({ call }) => {
    if (UNSPECIFIED_OPERATIONS.has(call)) return false;
    const [method, path] = call.split(' ');
    return !operationsFor(path).some((op) => op.method === method);
  });
  expect(unknown).toEqual([]);
});

it('has every route whose function calls Webex declare its requests, and no other route', () => {
  const calling = routes.filter((r) => (r.needs as readonly string[]).includes('webex')).map((r) => r.id);
  expect(routes.filter((r) => r.webex).map((r) => r.id)).toEqual(calling);
  expect(declared.filter((d) => d.step.startsWith('routes.')).length).toBeGreaterThanOrEqual(calling.length);
});

it('finds the function rows that call Webex: the number pools\' count and the rotator', () => {
  expect([...new Set(declared.filter((d) => d.step.startsWith('functions.')).map((d) => d.step))]).toEqual(['functions.function CountFreeNumbers', 'functions.function RotateTokens']);
});
