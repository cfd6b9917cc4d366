import { App, type Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { LIFECYCLE_RESULT_SOURCE } from '../../functions/lib/schemas/lifecycle-events';
import { stateMachines } from '../../functions/lib/state-machines/definitions';
import { configFromContext, CONTEXT_KEYS } from '../../infra/config';
import { SECRETS_EXTENSION_LAYER_REGIONS } from '../../infra/constructs/workflow-function';
import { WebexProvisioningStack, type WebexProvisioningStackProps } from '../../infra/webex-provisioning-stack';

// What the first real deploy would hit (quotas, names, sizes, regions, event rules), checked on the template.
const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] as string[] };

function synth(props: WebexProvisioningStackProps = {}, id = 'WebexProvisioning', context: Record<string, unknown> = {}) {
  const app = new App({ context: { ...SKIP_BUNDLING, ...context } });
  const stack = new WebexProvisioningStack(app, id, props);
  return { stack, template: Template.fromStack(stack) };
}
const logicalId = (stack: Stack, c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);

describe('deploy-time limits', () => {
  const { stack, template } = synth();
  const resources = template.toJSON().Resources;

  it('reserves no concurrency anywhere unless asked (accounts with a quota of 10 refuse any reservation)', () => {
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
    const opted = synth({ rotatorReservedConcurrency: 1 });
    expect(opted.template.toJSON().Resources[logicalId(opted.stack, opted.stack.rotation.function)].Properties.ReservedConcurrentExecutions).toBe(1);
    expect(configFromContext(new App({ context: { rotatorReservedConcurrency: '1' } }).node).stackProps.rotatorReservedConcurrency).toBe(1);
  });

  it('the extension layer: CDK maps it for some regions only; an unmapped one fails synth naming secretsExtensionLayerArn', () => {
    expect(CONTEXT_KEYS).toContain('secretsExtensionLayerArn');
    // What the installed aws-cdk-lib maps (21 regions in 2.276): newer regions such as these are missing.
    expect(SECRETS_EXTENSION_LAYER_REGIONS).toContain('us-east-1');
    for (const region of ['ap-northeast-3', 'eu-central-2', 'il-central-1', 'mx-central-1', 'us-gov-west-1', 'cn-north-1']) {
      expect(SECRETS_EXTENSION_LAYER_REGIONS).not.toContain(region);
      expect(() => synth({ env: { account: '123456789012', region } })).toThrow(new RegExp(`${region}.*secretsExtensionLayerArn`));
    }
    // A mapped region synthesizes, and needs no deploy-time rule.
    const mapped = synth({ env: { account: '123456789012', region: 'eu-west-1' } }).template.toJSON();
    expect(mapped.Rules?.SecretsExtensionLayerRegion).toBeUndefined();
    // With the layer named, an unmapped region synthesizes.
    const arn = 'arn:aws:lambda:eu-central-2:123456789012:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:2';
    expect(() => synth({ env: { account: '123456789012', region: 'eu-central-2' } }, 'Zurich', { secretsExtensionLayerArn: arn })).not.toThrow();
    expect(() => synth({}, 'Bad', { secretsExtensionLayerArn: 'latest' })).toThrow(/secretsExtensionLayerArn must be a Lambda layer version ARN/);
  });

  it('an environment-agnostic stack refuses, before touching anything, a deploy region the layer table lacks', () => {
    const rule = template.toJSON().Rules.SecretsExtensionLayerRegion;
    expect(rule.Assertions).toEqual([
      {
        Assert: { 'Fn::Contains': [[...SECRETS_EXTENSION_LAYER_REGIONS], { Ref: 'AWS::Region' }] },
        AssertDescription: expect.stringContaining('secretsExtensionLayerArn'),
      },
    ]);
  });

  it('the lifecycle bus is named after the stack (two stacks per account and region) and is an output', () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'WebexProvisioning-lifecycle' });
    synth({}, 'WebexProvisioning-Lab').template.hasResourceProperties('AWS::Events::EventBus', { Name: 'WebexProvisioning-Lab-lifecycle' });
    const busId = logicalId(stack, stack.node.findChild('LifecycleBus') as never);
    expect(template.toJSON().Outputs.LifecycleEventBusName.Value).toEqual({ Ref: busId });
  });

  it('RefreshTokenExpiringAlarm: its window always holds a run, whatever the interval (no alarm for a quiet day)', () => {
    for (const hours of [1, 12, 23, 24, 25, 47, 48, 72]) {
      const alarm = Object.values(synth({ rotationIntervalHours: hours }).template.findResources('AWS::CloudWatch::Alarm')).find(
        (a) => a.Properties.MetricName === 'RefreshTokenDaysLeft',
      )!.Properties;
      expect(alarm.Period * alarm.EvaluationPeriods).toBeGreaterThan(hours * 3600);
      // Every period of the window must breach (missing counts): one run in it is enough to stay quiet.
      expect(alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods).toBe(alarm.EvaluationPeriods);
      expect(alarm.TreatMissingData).toBe('breaching');
    }
  });

  it('every alarm evaluates within what PutMetricAlarm accepts (period × periods ≤ 7 days, ≤ 1 day under an hour)', () => {
    for (const hours of [12, 72]) {
      for (const alarm of Object.values(synth({ rotationIntervalHours: hours }).template.findResources('AWS::CloudWatch::Alarm'))) {
        const p = alarm.Properties;
        const period: number = p.Period ?? Math.max(...p.Metrics.map((m: { MetricStat?: { Period: number }; Period?: number }) => m.MetricStat?.Period ?? m.Period ?? 0));
        expect(period * p.EvaluationPeriods).toBeLessThanOrEqual(period < 3600 ? 86_400 : 604_800);
      }
    }
  });

  it('the rotator: no Lambda async retries (the next scheduled run retries), and alarms on its errors and on its throttles', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(stack, stack.rotation.function) },
      MaximumRetryAttempts: 0,
    });
    const dims = [{ Name: 'FunctionName', Value: { Ref: logicalId(stack, stack.rotation.function) } }];
    for (const [metricName, text] of [['Errors', /failed/], ['Throttles', /throttled/]] as const) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda', MetricName: metricName, Dimensions: dims, Statistic: 'Sum', Threshold: 1,
        AlarmDescription: Match.stringLikeRegexp(text.source), AlarmActions: [{ Ref: Match.stringLikeRegexp('AlarmTopic') }],
      });
    }
  });

  it('the alarm topic is encrypted with a rotating customer-managed key that CloudWatch alarms may use', () => {
    const topic = Object.values(template.findResources('AWS::SNS::Topic'))[0].Properties;
    const keyId = topic.KmsMasterKeyId['Fn::GetAtt'][0];
    const key = resources[keyId];
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
    );
  });

  it('Step Functions log to /aws/vendedlogs/states/ groups, one per stack and machine', () => {
    for (const def of stateMachines) {
      const machine = resources[logicalId(stack, stack.workflows.stateMachines[def.id])];
      const groupId = machine.Properties.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn['Fn::GetAtt'][0];
      expect(resources[groupId].Properties.LogGroupName).toBe(`/aws/vendedlogs/states/WebexProvisioning-${def.id}`);
    }
  });

  it("API Gateway's execution log group exists, with the retention, before the stage", () => {
    const apiId = logicalId(stack, stack.api.api);
    const groupId = logicalId(stack, stack.api.executionLogGroup);
    expect(resources[groupId].Properties).toEqual({
      LogGroupName: { 'Fn::Join': ['', ['API-Gateway-Execution-Logs_', { Ref: apiId }, '/v1']] },
      RetentionInDays: 90,
    });
    const [stageId] = Object.keys(template.findResources('AWS::ApiGateway::Stage'));
    expect(resources[stageId].DependsOn).toContain(groupId);
  });
});

/** The rules starting lifecycle flows: not those that send the suite's own outcomes to people. */
const inboundRules = (template: Template) =>
  Object.values(template.findResources('AWS::Events::Rule')).filter((r) => JSON.stringify(r.Properties.EventPattern?.source) !== JSON.stringify([LIFECYCLE_RESULT_SOURCE]));

describe('lifecycle event sources', () => {
  it('allowed sources go into every rule pattern and to both the router and POST /events', () => {
    const { stack, template } = synth({ lifecycleAllowedSources: ['hr.workday', 'aws.partner/okta.com/example/lifecycle'] });
    const rules = inboundRules(template).filter((r) => r.Properties.EventPattern?.['detail-type']);
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) expect(r.Properties.EventPattern.source).toEqual(['hr.workday', 'aws.partner/okta.com/example/lifecycle']);
    const env = (fn: { node: { defaultChild?: unknown } }) => template.toJSON().Resources[logicalId(stack, fn)].Properties.Environment.Variables;
    for (const fn of [stack.lifecycle.router, stack.api.functions.LifecycleEvents]) {
      expect(env(fn).LIFECYCLE_ALLOWED_SOURCES).toBe('hr.workday,aws.partner/okta.com/example/lifecycle');
    }
    // ...and still the machines' ARNs for POST /events.
    expect(env(stack.api.functions.LifecycleEvents).JOINER_STATE_MACHINE_ARN).toBeDefined();
    expect(configFromContext(new App({ context: { lifecycleAllowedSources: 'hr.workday, okta' } }).node).stackProps.lifecycleAllowedSources).toEqual(['hr.workday', 'okta']);
  });

  it('without the setting, any source on the stack bus; the default bus requires it; unsafe sources are refused', () => {
    const { template } = synth();
    for (const r of inboundRules(template)) expect(r.Properties.EventPattern?.source).toBeUndefined();
    expect(() => synth({ lifecycleUseDefaultBus: true })).toThrow(/lifecycleUseDefaultBus needs lifecycleAllowedSources/);
    synth({ lifecycleUseDefaultBus: true, lifecycleAllowedSources: ['hr.workday'] }).template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: 'default',
      EventPattern: Match.objectLike({ source: ['hr.workday'] }),
    });
    for (const bad of [' hr', 'hr workday', 'hr"', '', '-hr', 'a'.repeat(257)]) {
      expect(() => synth({ lifecycleAllowedSources: [bad] })).toThrow(/lifecycleAllowedSources/);
    }
  });
});
