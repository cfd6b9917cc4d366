import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SCIM_WRITE_BATCH_SIZE, SCIM_WRITE_FILTER, SCIM_WRITE_RETRY_ATTEMPTS } from '../../functions/lib/aws/dynamodb-scim-stream';
import { isScimRoute } from '../../functions/lib/http/route';
import { stateMachine } from '../../functions/lib/state-machines/definitions';
import { routes, type RouteDefinition } from '../../functions/routes';
import { WebexProvisioningStack } from '../../infra/webex-provisioning-stack';

/** The SCIM writes' apply start: the activity table's stream, its event source mapping and the consumer's rights. */
const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
const stack = new WebexProvisioningStack(app, 'WebexProvisioning', {});
const template = Template.fromStack(stack);
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any> }>;
const id = (c: { node: { defaultChild?: unknown } }) => Stack.of(stack).getLogicalId(c.node.defaultChild as never);
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const statementsOf = (roleId: string) =>
  Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement) as Statement[];
const roleOf = (fn: { node: { defaultChild?: unknown } }) => resources[id(fn)].Properties.Role['Fn::GetAtt'][0] as string;

describe('SCIM writes start their applies from the activity table\'s stream', () => {
  const consumer = stack.scimWrites.consumer;
  const tableId = id(stack.activity.table);
  const scimApplyRef = { Ref: id(stack.workflows.stateMachines.ScimApply) };

  it('streams the activity table\'s new and old images', () => {
    expect(resources[tableId].Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
  });

  it('maps the stream to the consumer, filtered to SCIM resource writes, in batches split on error, retried, then sent to the DLQ', () => {
    const mappings = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(1);
    const mapping = mappings[0].Properties;
    expect(mapping).toMatchObject({
      FunctionName: { Ref: id(consumer) },
      EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: SCIM_WRITE_BATCH_SIZE,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: SCIM_WRITE_RETRY_ATTEMPTS,
      MaximumRecordAgeInSeconds: 86_400,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [id(stack.scimWrites.deadLetterQueue), 'Arn'] } } },
    });
    expect(mapping.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern))).toEqual([
      // A SCIM resource's row, unless the apply's own bookkeeping (its lease, what it applied) wrote it last.
      { eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { itemKind: { S: ['scimResource'] }, applyWrite: { BOOL: [{ exists: false }] } } } },
    ]);
    expect(JSON.parse(mapping.FilterCriteria.Filters[0].Pattern)).toEqual(SCIM_WRITE_FILTER);
  });

  it('gives the consumer the ScimApply ARN and StartExecution on that machine only; of the table, only its stream', () => {
    expect(resources[id(consumer)].Properties.Environment.Variables[stateMachine('ScimApply').arnEnv]).toEqual(scimApplyRef);
    const statements = statementsOf(roleOf(consumer));
    const states = statements.filter((s) => actions(s).some((a) => a.startsWith('states:')));
    expect(states.map((s) => ({ Action: s.Action, Resource: s.Resource }))).toEqual([{ Action: 'states:StartExecution', Resource: scimApplyRef }]);
    const dynamo = statements.flatMap((s) => actions(s).filter((a) => a.startsWith('dynamodb:')));
    expect([...new Set(dynamo)].sort()).toEqual(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams']);
    // Nothing of Webex: no secret, no Webex settings.
    expect(statements.flatMap(actions).filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
    expect(Object.keys(resources[id(consumer)].Properties.Environment.Variables)).not.toContain('WEBEX_SECRET_ARN');
  });

  it('leaves the SCIM write routes without any Step Functions right or state machine ARN: they only store the write', () => {
    const scimRoutes = (routes as readonly RouteDefinition[]).filter((r) => isScimRoute(r));
    expect(scimRoutes.map((r) => r.id)).toEqual(expect.arrayContaining(['ScimCreateUser', 'ScimPatchUser', 'ScimReplaceUser', 'ScimDeleteUser', 'ScimCreateGroup', 'ScimPatchGroup', 'ScimReplaceGroup', 'ScimDeleteGroup']));
    for (const route of scimRoutes) {
      const fn = stack.api.functions[route.id];
      const states = statementsOf(roleOf(fn)).flatMap(actions).filter((a) => a.startsWith('states:'));
      expect({ route: route.id, states }).toEqual({ route: route.id, states: [] });
      expect(Object.keys(resources[id(fn)].Properties.Environment.Variables)).not.toContain(stateMachine('ScimApply').arnEnv);
    }
  });

  it('alarms on the DLQ\'s first message', () => {
    const alarm = Object.values(resources).find((r) => r.Type === 'AWS::CloudWatch::Alarm' && JSON.stringify(r.Properties.Dimensions ?? []).includes(id(stack.scimWrites.deadLetterQueue)));
    expect(alarm?.Properties).toMatchObject({ Threshold: 1, EvaluationPeriods: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [expect.anything()] });
  });
});
