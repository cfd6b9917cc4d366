import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { functionRows } from '../../functions/function-rows';
import { stateMachines } from '../../functions/lib/state-machines/definitions';
import { routes } from '../../functions/routes';
import { configFromContext } from '../../infra/config';
import { WorkflowFunction } from '../../infra/constructs/workflow-function';
import { WebexProvisioningStack } from '../../infra/webex-provisioning-stack';
import { appAsDeployed } from '../support/cdk-app';

/**
 * Every Lambda the stack declares has exactly one row: a route row (functions/<route>/handler.ts), a step row (a
 * state machine's Task function, whose table its row in definitions.ts names) or a function row
 * (functions/<folder>/function-row.ts). A new function without one fails here, named, before the bench or the
 * request checks would miss it; one id in two kinds would give it two first invocations.
 */

const KINDS: Record<string, readonly string[]> = {
  'a route row': routes.map((r) => r.id),
  'a step row': stateMachines.flatMap((m) => m.taskFunctions.map((t) => t.id)),
  'a function row': functionRows.map((r) => r.id),
};

/** The stack as infra/app.ts builds it from `context`, and its Lambda functions by construct id. */
function synth(context: Record<string, unknown> = {}) {
  const app = appAsDeployed(context);
  const { stackName, stackProps } = configFromContext(app.node);
  const stack = new WebexProvisioningStack(app, stackName, { ...stackProps, stackName });
  const functions = stack.node.findAll().filter((c): c is WorkflowFunction => c instanceof WorkflowFunction);
  return { functions, template: Template.fromStack(stack) };
}

/** `Id: no row` or `Id: a route row and a function row`, for every function with other than one. */
function rowProblems(ids: readonly string[], rows: Record<string, readonly string[]> = KINDS): string[] {
  return ids.flatMap((id) => {
    const kinds = Object.entries(rows).filter(([, rowIds]) => rowIds.includes(id)).map(([kind]) => kind);
    return kinds.length === 1 ? [] : [`${id}: ${kinds.length ? kinds.join(' and ') : 'no row (declare one in functions/<folder>/function-row.ts)'}`];
  });
}

const STACKS: [string, Record<string, unknown>][] = [
  ['the default stack', {}],
  ['every optional feature (both API modes, the nightly reconcile, reconcile on upload)', {
    apiAuth: 'iam,oauth',
    apiClients: JSON.stringify([{ name: 'jira', scopes: ['users.read'] }]),
    reconcileSchedule: JSON.stringify({ expression: 'cron(0 2 * * ? *)', key: 'rosters/nightly.csv', scope: { emailDomains: ['example.com'] } }),
    reconcileOnUpload: JSON.stringify({ prefix: 'rosters/', scope: { emailDomains: ['example.com'] }, autoApply: false }),
  }],
];

describe.each(STACKS)('%s', (_, context) => {
  const { functions, template } = synth(context);
  const ids = functions.map((fn) => fn.node.id);

  it('gives every Lambda exactly one row, naming any without', () => {
    expect(ids.length).toBeGreaterThan(routes.length);
    expect(rowProblems(ids)).toEqual([]);
  });

  it('deploys every function row', () => {
    expect(functionRows.map((r) => r.id).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('sends each scheduled function row what its sample holds', () => {
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')) as { Properties: { Target: { Arn: { 'Fn::GetAtt': [string, string] }; Input: string } } }[];
    const scheduled = functionRows.filter((r) => r.trigger === 'EventBridge Scheduler');
    expect(scheduled.map((r) => r.id).sort()).toEqual(['CountFreeNumbers', 'RotateTokens']);
    for (const row of scheduled) {
      const fn = functions.find((f) => f.node.id === row.id)!;
      const logicalId = Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnFunction);
      const inputs = schedules.filter((s) => s.Properties.Target.Arn['Fn::GetAtt']?.[0] === logicalId).map((s) => JSON.parse(s.Properties.Target.Input) as unknown);
      expect({ [row.id]: inputs }).toEqual({ [row.id]: [row.sample().event] });
    }
  });
});

it('names a function with no row, and one with two', () => {
  expect(rowProblems(['GetUser', 'Router', 'NewFunction'])).toEqual(['NewFunction: no row (declare one in functions/<folder>/function-row.ts)']);
  const twice = KINDS['a step row'][0];
  expect(rowProblems([twice], { ...KINDS, 'a function row': [...KINDS['a function row'], twice] })).toEqual([`${twice}: a step row and a function row`]);
});
