import { isDeepStrictEqual } from 'node:util';
import { Template } from 'aws-cdk-lib/assertions';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { firstInvocation } from '../../bench/first-invocations';
import { stackFunctions, type StackFunction } from '../../bench/stack-functions';
import { functionRows } from '../../functions/function-rows';
import { stepCalls } from '../../functions/lib/workflows/task-steps';
import { LOCAL_ACTIVITY_TABLE_NAME } from '../../functions/local/local-activity-table';
import { stateMachines } from '../../functions/lib/state-machines/definitions';
import { routes } from '../../functions/routes';
import { configFromContext } from '../../infra/config';
import { WorkflowFunction } from '../../infra/constructs/workflow-function';
import { WebexProvisioningStack } from '../../infra/webex-provisioning-stack';
import { appAsDeployed } from '../support/cdk-app';

/** The stack's functions as infra/app.ts builds it from `context` (what `cdk synth` gives the cold bench), read as the bench reads them. */
function synthAsBench(context: Record<string, unknown> = {}): { functions: StackFunction[]; constructs: WorkflowFunction[] } {
  // Construct paths in the template, as the CLI writes them: the bench names each function by its construct id.
  const app = appAsDeployed({ 'aws:cdk:enable-path-metadata': true, ...context });
  const { stackName, stackProps } = configFromContext(app.node);
  const stack = new WebexProvisioningStack(app, stackName, { ...stackProps, stackName });
  return {
    functions: stackFunctions(Template.fromStack(stack).toJSON() as Parameters<typeof stackFunctions>[0]),
    constructs: stack.node.findAll().filter((c): c is WorkflowFunction => c instanceof WorkflowFunction),
  };
}

/** Ids whose first invocation cannot be made: `firstInvocation` throws for a function it does not know. */
function withoutFirstInvocation(functions: readonly StackFunction[]): string[] {
  return functions.flatMap((fn) => {
    try {
      firstInvocation(fn.id, fn.env);
      return [];
    } catch (error) {
      return [`${fn.id}: ${(error as Error).message}`];
    }
  });
}

/**
 * `npm run bench -- cold` serves a first invocation to every function `cdk synth` declares, and stops at the first
 * it has none for: this pins that every function the stack declares has one, whatever main adds. Not timed.
 */
describe('the cold-start bench covers every function the stack declares', () => {
  const { functions, constructs } = synthAsBench();
  const ids = functions.map((fn) => fn.id);

  it('reads every function of the stack from the template the bench reads (none in a nested stack, which it would miss)', () => {
    expect([...ids].sort()).toEqual(constructs.map((c) => c.node.id).sort());
  });

  it('has a first invocation for every function of the default stack (the one the bench synthesizes)', () => {
    expect(withoutFirstInvocation(functions)).toEqual([]);
  });

  it('reads one function per route row and per step row, each id once (the bench keys its rows by id)', () => {
    expect(new Set(ids).size).toBe(ids.length);
    const taskIds = stateMachines.flatMap((m) => m.taskFunctions.map((t) => t.id));
    expect(ids).toEqual(expect.arrayContaining([...routes.map((r) => r.id), ...taskIds]));
  });

  it('sends each route function a request for its own route', () => {
    const mismatched = routes.flatMap((route) => {
      const fn = functions.find((f) => f.id === route.id)!;
      const event = firstInvocation(route.id, fn.env).event as APIGatewayProxyEvent;
      return event.httpMethod === route.method && event.resource === route.path ? [] : [`${route.id}: ${event.httpMethod} ${event.resource}, not ${route.method} ${route.path}`];
    });
    expect(mismatched).toEqual([]);
  });

  it("builds each route and Task function's from its row, with the Webex requests the row declares for it", () => {
    // The request itself is checked against the row's schema as it is built (row-invocations.ts): a refused one throws above.
    const taskIds = stateMachines.flatMap((m) => m.taskFunctions.map((t) => t.id));
    const withoutDeclared = [...routes.map((r) => r.id), ...taskIds].filter((id) => {
      const fn = functions.find((f) => f.id === id)!;
      return firstInvocation(id, fn.env).webex === undefined;
    });
    // The planner's reads scale with the organisation: its row cannot list them.
    expect(withoutDeclared).toEqual(['ReconcilePlanSteps']);
    const talking = routes.filter((r) => r.webex).map((r) => r.id);
    const silent = talking.filter((id) => firstInvocation(id, functions.find((f) => f.id === id)!.env).webex?.length === 0);
    expect(silent).toEqual([]);
  });

  it("builds every other function's from its function row: its sample, with the Webex requests the row declares", () => {
    const withRows = new Set([...routes.map((r) => r.id), ...stateMachines.flatMap((m) => m.taskFunctions.map((t) => t.id))]);
    const others = functions.filter((fn) => !withRows.has(fn.id));
    expect(others.map((fn) => fn.id).sort()).toEqual(functionRows.map((r) => r.id).sort());
    const mismatched = others.flatMap((fn) => {
      const row = functionRows.find((r) => r.id === fn.id)!;
      const first = firstInvocation(fn.id, fn.env);
      return isDeepStrictEqual(first.webex, stepCalls(row, row.sample().conditions)) ? [] : [`${fn.id}: ${JSON.stringify(first.webex)}`];
    });
    expect(mismatched).toEqual([]);
  });

  it('resolves every environment variable the stack sets, the activity table to the local dynalite table', () => {
    const unresolved = functions.flatMap((fn) => Object.entries(fn.env).filter(([, value]) => value === undefined).map(([name]) => `${fn.id}.${name}`));
    expect(unresolved).toEqual([]);
    const withTable = functions.filter((fn) => 'ACTIVITY_TABLE_NAME' in fn.env);
    expect(withTable.map((fn) => fn.id)).toEqual(expect.arrayContaining(['GetUserHistory', 'ScimCreateUser', 'ScimApplySteps', 'JoinerSteps']));
    for (const fn of withTable) expect(fn.env.ACTIVITY_TABLE_NAME).toBe(LOCAL_ACTIVITY_TABLE_NAME);
  });

  it('has one for every function the optional features add too (both API modes, the nightly reconcile, reconcile on upload)', () => {
    const all = synthAsBench({
      apiAuth: 'iam,oauth',
      apiClients: JSON.stringify([{ name: 'jira', scopes: ['users.read'] }]),
      reconcileSchedule: JSON.stringify({ expression: 'cron(0 2 * * ? *)', key: 'rosters/nightly.csv', scope: { emailDomains: ['example.com'] } }),
      reconcileOnUpload: JSON.stringify({ prefix: 'rosters/', scope: { emailDomains: ['example.com'] }, autoApply: false }),
    });
    expect([...all.functions.map((fn) => fn.id)].sort()).toEqual(all.constructs.map((c) => c.node.id).sort());
    expect(withoutFirstInvocation(all.functions)).toEqual([]);
  });
});
