import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { LifecycleEvents } from '../../infra/constructs/lifecycle-events';
import type { LeaverPolicy } from '../../functions/lib/schemas/lifecycle-events';

function build(opts: { useDefaultBus?: boolean; defaultLeaverPolicy?: LeaverPolicy } = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Test');
  const machine = (id: string) => new sfn.StateMachine(stack, id, { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, `${id}Pass`)), stateMachineType: sfn.StateMachineType.STANDARD });
  const machines = { Joiner: machine('Joiner'), Leaver: machine('Leaver') };
  const eventBus = LifecycleEvents.bus(stack, 'Bus', { useDefaultBus: opts.useDefaultBus });
  const lifecycle = new LifecycleEvents(stack, 'Lifecycle', {
    eventBus,
    stateMachines: machines,
    defaultLeaverPolicy: opts.defaultLeaverPolicy,
  });
  return { stack, lifecycle, machines, template: Template.fromStack(stack) };
}

const id = (stack: Stack, c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);

describe('LifecycleEvents construct', () => {
  const { stack, lifecycle, machines, template } = build({ defaultLeaverPolicy: 'delete' });
  const routerId = id(stack, lifecycle.router);

  it('a custom bus, one rule per detail-type whose machine exists, each targeting the router with the DLQ', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.resourceCountIs('AWS::Events::Rule', 2);
    for (const detailType of ['Webex User Joined', 'Webex User Left']) {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventBusName: { Ref: Match.anyValue() },
        EventPattern: { 'detail-type': [detailType] },
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [routerId, 'Arn'] },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': [id(stack, lifecycle.deadLetterQueue), 'Arn'] } },
            RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 },
          }),
        ],
      });
    }
  });

  it('the router gets each machine ARN, the default leaver policy, and StartExecution (not sync) on those machines', () => {
    const fn = template.toJSON().Resources[routerId];
    expect(fn.Properties.Environment.Variables).toMatchObject({
      JOINER_STATE_MACHINE_ARN: { Ref: id(stack, machines.Joiner) },
      LEAVER_STATE_MACHINE_ARN: { Ref: id(stack, machines.Leaver) },
      LIFECYCLE_DEFAULT_LEAVER_POLICY: 'delete',
    });
    for (const m of Object.values(machines)) {
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'states:StartExecution', Resource: { Ref: id(stack, m) } })]) },
      });
    }
  });

  it('failed invocations go to the same encrypted DLQ, which alarms on its first message', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: routerId },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [id(stack, lifecycle.deadLetterQueue), 'Arn'] } } },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id(stack, lifecycle.deadLetterQueue), 'QueueName'] } }],
    });
    // EventBridge may send to the DLQ.
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'sqs:SendMessage', Principal: { Service: 'events.amazonaws.com' } })]) },
    });
  });

  it('uses the default bus by prop (no bus created)', () => {
    const { template: t } = build({ useDefaultBus: true });
    t.resourceCountIs('AWS::Events::EventBus', 0);
    const rules = Object.values(t.findResources('AWS::Events::Rule'));
    for (const r of rules) expect(r.Properties.EventBusName).toBe('default');
    const fn = Object.values(t.findResources('AWS::Lambda::Function')).find((f) => f.Properties.Environment?.Variables?.LIFECYCLE_DEFAULT_LEAVER_POLICY);
    expect(fn?.Properties.Environment.Variables.LIFECYCLE_DEFAULT_LEAVER_POLICY).toBe('deactivate');
  });

  it('passes removeCalling through as the default leaver policy', () => {
    const { template: t } = build({ defaultLeaverPolicy: 'removeCalling' });
    const fn = Object.values(t.findResources('AWS::Lambda::Function')).find((f) => f.Properties.Environment?.Variables?.LIFECYCLE_DEFAULT_LEAVER_POLICY);
    expect(fn?.Properties.Environment.Variables.LIFECYCLE_DEFAULT_LEAVER_POLICY).toBe('removeCalling');
  });
});
