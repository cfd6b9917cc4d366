import { flatTemplate } from '../support/flat-template';
import { Stack } from 'aws-cdk-lib';
import { WebexProvisioningStack } from '../../infra/webex-provisioning-stack';
import { CDK_JSON_CONTEXT, appAsDeployed } from '../support/cdk-app';

/**
 * The stack as `cdk deploy` builds it, with cdk.json's feature flags: each flag that changes what this stack
 * deploys is set on purpose (README, "CDK feature flags"), and what it changes is pinned here.
 */
describe('the stack with cdk.json\'s feature flags', () => {
  const stack = new WebexProvisioningStack(appAsDeployed(), 'WebexProvisioning');
  const template = flatTemplate(stack);
  const json = template.toJSON();

  it('sets the flags that matter here', () => {
    expect(CDK_JSON_CONTEXT).toMatchObject({
      '@aws-cdk/aws-apigateway:disableCloudWatchRole': true,
      '@aws-cdk/aws-apigateway:logGroupDestinationArnWithoutWildcard': true,
      '@aws-cdk/aws-iam:minimizePolicies': true,
    });
  });

  it('gives API Gateway no test-invoke permission on any method: only the stage may invoke the route functions', () => {
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission')).filter((p) => p.Properties.Principal === 'apigateway.amazonaws.com');
    expect(permissions.length).toBeGreaterThanOrEqual(Object.keys(stack.api.functions).length);
    for (const p of permissions) expect(JSON.stringify(p.Properties.SourceArn)).not.toContain('test-invoke-stage');
  });

  it('still makes the Region\'s API Gateway account setting (disableCloudWatchRole: the API asks for it itself), kept on delete', () => {
    const accounts = Object.entries(template.findResources('AWS::ApiGateway::Account'));
    expect(accounts).toHaveLength(1);
    const roleId = accounts[0][1].Properties.CloudWatchRoleArn['Fn::GetAtt'][0];
    expect(json.Resources[roleId]).toMatchObject({ Type: 'AWS::IAM::Role', DeletionPolicy: 'Retain' });
    expect(accounts[0][1].DeletionPolicy).toBe('Retain');
  });

  it('names the access log group by its ARN without the trailing :* (logGroupDestinationArnWithoutWildcard)', () => {
    const stage = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0];
    const logGroupId = Stack.of(stack).getLogicalId(stack.api.accessLogGroup.node.defaultChild as never);
    const arn = JSON.stringify(stage.Properties.AccessLogSetting.DestinationArn);
    expect(arn).toContain(`":log-group:",{"Ref":"${logGroupId}"}]`);
    expect(arn).not.toContain(':*');
  });

  it('merges a role\'s statements where it can (minimizePolicies): no two statements of one policy with the same effect and actions', () => {
    for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
      const keys = (policy.Properties.PolicyDocument.Statement as { Effect: string; Action: unknown; Condition?: unknown }[])
        .filter((s) => s.Condition === undefined)
        .map((s) => `${s.Effect} ${JSON.stringify(s.Action)}`);
      expect(keys).toEqual([...new Set(keys)]);
    }
  });
});
