import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { WebexProvisioningStack, type WebexProvisioningStackProps } from '../../infra/webex-provisioning-stack';

const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] as string[] };

function synth(props: WebexProvisioningStackProps = {}) {
  const app = new App({ context: SKIP_BUNDLING });
  const stack = new WebexProvisioningStack(app, 'WebexProvisioning', props);
  return { stack, template: Template.fromStack(stack) };
}

const rotatorId = (stack: WebexProvisioningStack) => Stack.of(stack).getLogicalId(stack.rotation.function.node.defaultChild as never);

type Statement = { Action: string | string[]; Resource: unknown };
function statementsOfRole(template: Template, roleId: string): Statement[] {
  const out: Statement[] = [];
  for (const p of Object.values(template.findResources('AWS::IAM::Policy'))) {
    if (p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId)) out.push(...p.Properties.PolicyDocument.Statement);
  }
  return out;
}
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('token rotation infrastructure', () => {
  it('runs the rotator on a 12-hour EventBridge Scheduler schedule, with retries', () => {
    const { template, stack } = synth();
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(12 hours)',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [rotatorId(stack), 'Arn'] },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
      }),
    });
  });

  it("the schedule's role is assumed by EventBridge Scheduler for this account's schedules only (aws:SourceAccount)", () => {
    const { template, stack } = synth();
    const schedule = Object.values(template.findResources('AWS::Scheduler::Schedule')).find((s) => JSON.stringify(s.Properties.Target.Arn).includes(rotatorId(stack)))!;
    const role = template.toJSON().Resources[schedule.Properties.Target.RoleArn['Fn::GetAtt'][0]];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } },
    ]);
  });

  it('takes the interval from props and refuses nonsense', () => {
    synth({ rotationIntervalHours: 24 }).template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(1 day)' });
    expect(() => synth({ rotationIntervalHours: 0 })).toThrow(/rotationIntervalHours/);
  });

  it('gives the rotator Node.js 22 on arm64 and a 2-minute timeout, and no reserved concurrency (the lease serialises runs)', () => {
    const { template, stack } = synth();
    const fn = template.toJSON().Resources[rotatorId(stack)];
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Timeout: 120 });
    expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('lets the rotator alone write the secret', () => {
    const { template, stack } = synth();
    const writers = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([, p]) =>
      p.Properties.PolicyDocument.Statement.some((s: Statement) => actions(s).includes('secretsmanager:PutSecretValue')),
    );
    expect(writers).toHaveLength(1);
    const rotatorRole = template.toJSON().Resources[rotatorId(stack)].Properties.Role['Fn::GetAtt'][0];
    expect(writers[0][1].Properties.Roles).toEqual([{ Ref: rotatorRole }]);
    const put = statementsOfRole(template, rotatorRole).find((s) => actions(s).includes('secretsmanager:PutSecretValue'))!;
    expect(put.Resource).toEqual({ Ref: Stack.of(stack).getLogicalId(stack.secret.secret.node.defaultChild as never) });
    expect(actions(put)).toEqual(['secretsmanager:PutSecretValue']);
  });

  it('alarms on a failed rotation, a refresh token under 14 days (or no data), rotator errors and throttles, to SNS', () => {
    const { template } = synth({ alarmEmail: 'webex-admins@example.com' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'RotationFailed', Namespace: 'WebexProvisioning', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Dimensions: [{ Name: 'service', Value: 'token-rotator' }],
      AlarmActions: [{ Ref: Match.stringLikeRegexp('AlarmTopic') }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'RefreshTokenDaysLeft', Threshold: 14, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching', Statistic: 'Minimum',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Namespace: 'AWS/Lambda' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Throttles', Namespace: 'AWS/Lambda' });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'webex-admins@example.com' });
    expect(synth().stack.rotation.alarms).toHaveLength(4);
  });

  it('passes the guarded request allow-list to its function and its listing only, and refuses prefixes outside the reachable set', () => {
    const { template } = synth({ webexRequestAllowedPrefixes: ['/people', '/telephony/config/numbers', '/workspaces/{workspaceId}/features/callForwarding'] });
    const withList = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (f) => f.Properties.Environment?.Variables?.WEBEX_REQUEST_ALLOWED_PREFIXES,
    );
    expect(withList).toHaveLength(2);
    for (const f of withList) {
      expect(f.Properties.Environment.Variables.WEBEX_REQUEST_ALLOWED_PREFIXES).toBe('/people,/telephony/config/numbers,/workspaces/{workspaceId}/features/callForwarding');
    }
    expect(() => synth({ webexRequestAllowedPrefixes: ['/organizations'] })).toThrow(/not under/);
    expect(() => synth({ webexRequestAllowedPrefixes: ['/workspaces/{workspaceId}'] })).toThrow(/not under/);
  });

  it('lets the guarded request carry privilege fields only when webexRequestAllowPrivilegeFields is set', () => {
    const flagged = (template: ReturnType<typeof synth>['template']) =>
      Object.values(template.findResources('AWS::Lambda::Function')).filter((f) => f.Properties.Environment?.Variables?.WEBEX_REQUEST_ALLOW_PRIVILEGE_FIELDS === 'true');
    expect(flagged(synth().template)).toHaveLength(0);
    expect(flagged(synth({ webexRequestAllowPrivilegeFields: true }).template)).toHaveLength(1);
  });
});
