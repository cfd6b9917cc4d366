import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { stateMachines, type TaskFunctionDefinition } from '../../functions/lib/state-machines/definitions';
import { routes, type RouteDefinition } from '../../functions/routes';
import { configFromContext } from '../../infra/config';
import { WebexProvisioningStack, type WebexProvisioningStackProps } from '../../infra/webex-provisioning-stack';

/** The activity table in the stack: its shape, its retention, and who may do what with it. */
const synth = (props: WebexProvisioningStackProps = {}) => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new WebexProvisioningStack(app, 'WebexProvisioning', props);
  return { stack, template: Template.fromStack(stack) };
};
const id = (stack: Stack, c: { node: { defaultChild?: unknown } }) => Stack.of(stack).getLogicalId(c.node.defaultChild as never);
type Statement = { Action: string | string[]; Resource: unknown };
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const statementsOf = (template: Template, roleId: string) =>
  Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement) as Statement[];

describe('pacing settings in the stack', () => {
  const env = (props: WebexProvisioningStackProps, task: string) => {
    const { stack, template } = synth(props);
    return template.toJSON().Resources[id(stack, stack.workflows.taskFunctions[task])].Properties.Environment?.Variables ?? {};
  };

  it('the three context keys reach the functions that use the budget as variables; bulkWebexRequestsPerSecond is the initial rate when no other is set', () => {
    const pacingTasks = stateMachines.flatMap((m) => m.taskFunctions as readonly TaskFunctionDefinition[]).filter((t) => t.pacing).map((t) => t.id).sort();
    expect(pacingTasks).toEqual(['BulkJoinersSteps', 'EnableCallingStandardSteps', 'EnableCallingSteps', 'JoinerSteps', 'LeaverSteps', 'MoverSteps', 'ReconcileApplyCheck', 'ReconcileApplySteps', 'ReconcilePlanSteps', 'ScimApplySteps']);
    const set = env({ webexInitialRequestsPerSecond: 8, webexMaxRequestsPerSecond: 40, webexInteractiveShare: 0.3, bulkWebexRequestsPerSecond: 12 }, 'EnableCallingSteps');
    expect(set).toMatchObject({ WEBEX_INITIAL_REQUESTS_PER_SECOND: '8', WEBEX_MAX_REQUESTS_PER_SECOND: '40', WEBEX_INTERACTIVE_SHARE: '0.3' });
    expect(env({ bulkWebexRequestsPerSecond: 12 }, 'BulkJoinersSteps').WEBEX_INITIAL_REQUESTS_PER_SECOND).toBe('12');
    expect(env({}, 'BulkJoinersSteps').WEBEX_MAX_REQUESTS_PER_SECOND).toBeUndefined();
    const context = configFromContext(new App({ context: { webexInitialRequestsPerSecond: '7', webexMaxRequestsPerSecond: '50', webexInteractiveShare: '0.25' } }).node);
    expect(context.stackProps).toMatchObject({ webexInitialRequestsPerSecond: 7, webexMaxRequestsPerSecond: 50, webexInteractiveShare: 0.25 });
  });

  it('refuses bad settings at synth, naming the context key', () => {
    expect(() => synth({ webexInteractiveShare: 1 })).toThrow(/webexInteractiveShare must be a number from 0 to below 1/);
    expect(() => synth({ webexInitialRequestsPerSecond: 50, webexMaxRequestsPerSecond: 10 })).toThrow(/webexInitialRequestsPerSecond \(50\) must not be above webexMaxRequestsPerSecond/);
  });
});

describe('activity table', () => {
  const { stack, template } = synth();
  const tableId = id(stack, stack.activity.table);
  const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };

  it('is on-demand, with point-in-time recovery, TTL on expiresAt, one GSI, string keys, kept on stack deletion', () => {
    const table = template.toJSON().Resources[tableId];
    expect(table.Type).toBe('AWS::DynamoDB::GlobalTable');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: [{ IndexName: 'gsi1', KeySchema: [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }, { AttributeName: 'gsi1sk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
    });
    expect(table.Properties.Replicas[0].PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.AttributeDefinitions.every((a: { AttributeType: string }) => a.AttributeType === 'S')).toBe(true);
  });

  const scimStatements = [
    { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], Resource: tableArn },
    { Effect: 'Allow', Action: 'dynamodb:Query', Resource: [tableArn, { 'Fn::Join': ['', [tableArn, '/index/*']] }] },
  ];

  it('grants Query to the list routes, PutItem/UpdateItem on the table alone to the functions that record, nothing to the rest; never Scan', () => {
    const recordingTasks = stateMachines.flatMap((m) => m.taskFunctions as readonly TaskFunctionDefinition[]).filter((t) => t.recordsActivity);
    expect(recordingTasks.map((t) => t.id).sort()).toEqual(['BulkJoinersCsvSteps', 'BulkJoinersSteps', 'JoinerSteps', 'LeaverSteps', 'MoverSteps', 'ReconcileApplySteps', 'ReconcilePlanSteps']);
    const dynamo = (roleId: string) => statementsOf(template, roleId).filter((s) => actions(s).some((a) => a.startsWith('dynamodb:')));
    for (const task of stateMachines.flatMap((m) => m.taskFunctions as readonly TaskFunctionDefinition[])) {
      const fn = stack.workflows.taskFunctions[task.id];
      const granted = dynamo(id(stack, fn.role as never));
      // Compared as sets of statements, each with its keys in one order.
      const canonical = (v: unknown): unknown =>
        Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canonical(x)])) : v;
      const byText = (statements: unknown[]) => statements.map((st) => JSON.stringify(canonical(st))).sort();
      expect(byText(granted)).toEqual(byText([
        ...(task.recordsActivity ? [{ Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'], Resource: tableArn }] : []),
        // The SCIM apply: its resources and markers, and Query on the table and its index (no Scan).
        ...(task.scimStore ? scimStatements : []),
        // The pacing budget: its one item, by its partition key.
        ...(task.pacing
          ? [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: tableArn, Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['PACE#webex'] } } }]
          : []),
      ]));
      const vars = template.toJSON().Resources[id(stack, fn)].Properties.Environment?.Variables ?? {};
      expect(vars.ACTIVITY_TABLE_NAME).toEqual(task.recordsActivity || task.pacing || task.scimStore ? { Ref: tableId } : undefined);
    }
    for (const route of routes as readonly RouteDefinition[]) {
      const granted = dynamo(id(stack, stack.api.functions[route.id].role as never)).flatMap(actions).sort();
      const expected = [
        ...(route.needs.includes('activity') ? ['dynamodb:Query'] : []),
        ...(route.recordsActivity ? ['dynamodb:PutItem', 'dynamodb:UpdateItem'] : []),
        // The pacing budget's item, read for a running job's progress.
        ...(route.needs.includes('pacing') ? ['dynamodb:GetItem'] : []),
        // The SCIM resources (ActivityTable.grantScim).
        ...(route.needs.includes('scim') ? ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query'] : []),
      ].sort();
      expect([route.id, granted]).toEqual([route.id, expected]);
    }
    expect(['GetUserHistory', 'ListBulkJoiners', 'ListReconcilePlans'].every((r) => (routes as readonly RouteDefinition[]).find((x) => x.id === r)?.needs.includes('activity'))).toBe(true);
    const all = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]).flatMap(actions);
    expect(all.filter((a) => /^dynamodb:(Scan|\*)/.test(a))).toEqual([]);
    // DeleteItem only where SCIM resources are kept (a SCIM DELETE, a released unique-value marker).
    const deleters = Object.entries(template.findResources('AWS::IAM::Policy'))
      .filter(([, p]) => (p.Properties.PolicyDocument.Statement as Statement[]).flatMap(actions).includes('dynamodb:DeleteItem'))
      .flatMap(([, p]) => p.Properties.Roles.map((r: { Ref: string }) => r.Ref));
    const scimRoles = [
      ...(routes as readonly RouteDefinition[]).filter((r) => r.needs.includes('scim')).map((r) => id(stack, stack.api.functions[r.id].role as never)),
      ...stateMachines.flatMap((m) => m.taskFunctions as readonly TaskFunctionDefinition[]).filter((t) => t.scimStore).map((t) => id(stack, stack.workflows.taskFunctions[t.id].role as never)),
    ];
    expect(deleters.sort()).toEqual([...new Set(scimRoles)].sort());
  });

  it('keeps records the retention the stack sets (context activityRetentionDays, default 400)', () => {
    const fn = stack.api.functions.GetUserHistory;
    expect(template.toJSON().Resources[id(stack, fn)].Properties.Environment.Variables.ACTIVITY_RETENTION_DAYS).toBe('400');
    const app = new App({ context: { activityRetentionDays: '90' } });
    expect(configFromContext(app.node).stackProps.activityRetentionDays).toBe(90);
    const custom = synth({ activityRetentionDays: 90 });
    const vars = custom.template.toJSON().Resources[id(custom.stack, custom.stack.workflows.taskFunctions.JoinerSteps)].Properties.Environment.Variables;
    expect(vars.ACTIVITY_RETENTION_DAYS).toBe('90');
    expect(() => synth({ activityRetentionDays: 0 })).toThrow(/activityRetentionDays/);
  });
});
