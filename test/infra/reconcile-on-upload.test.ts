import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { configFromContext } from '../../infra/config';
import { WebexProvisioningStack, type WebexProvisioningStackProps } from '../../infra/webex-provisioning-stack';

/** reconcileOnUpload in the stack: the imports bucket's EventBridge notifications, the rule, its target and input. */
const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] as string[] };
const UPLOAD = { prefix: 'rosters/', scope: { emailDomains: ['example.com'] }, autoApply: false };
const id = (stack: Stack, c: { node: { defaultChild?: unknown } }) => Stack.of(stack).getLogicalId(c.node.defaultChild as never);

describe('reconcileOnUpload', () => {
  const app = new App({ context: SKIP_BUNDLING });
  const stack = new WebexProvisioningStack(app, 'WebexProvisioning', { reconcileOnUpload: UPLOAD });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources;
  const bucketId = id(stack, stack.bulkImports.bucket as never);
  const [rule] = Object.values(template.findResources('AWS::Events::Rule')).filter((r) => JSON.stringify(r.Properties.EventPattern ?? {}).includes('aws.s3'));

  it("turns on the imports bucket's EventBridge notifications (the bucket's own setting, no custom resource)", () => {
    expect(resources[bucketId].Properties.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    expect(template.findResources('Custom::S3BucketNotifications')).toEqual({});
  });

  it('matches Object Created of that bucket under the prefix, on the default bus', () => {
    expect(rule.Properties.EventBusName).toBeUndefined();
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { bucket: { name: [{ Ref: bucketId }] }, object: { key: [{ prefix: 'rosters/' }] } },
    });
  });

  it('starts the ReconcilePlan machine with the object (bucket, key, ETag, sequencer) and the settings, retried, with a DLQ', () => {
    const [target] = rule.Properties.Targets;
    expect(target.Arn).toEqual({ Ref: id(stack, stack.workflows.stateMachines.ReconcilePlan) });
    expect(target.InputTransformer.InputPathsMap).toEqual({
      'detail-bucket-name': '$.detail.bucket.name',
      'detail-object-key': '$.detail.object.key',
      'detail-object-etag': '$.detail.object.etag',
      'detail-object-sequencer': '$.detail.object.sequencer',
    });
    const template_ = target.InputTransformer.InputTemplate as string;
    // Unquoted placeholders: EventBridge inserts each value as a JSON string, escaped (a key may hold any character).
    // The template with each filled in is the machine's input.
    const filled = JSON.parse(template_.replace(/<detail-([a-z-]+)>/g, (_: string, p: string) => JSON.stringify(`placeholder-${p}`)));
    expect(filled).toEqual({
      request: { scope: UPLOAD.scope, key: 'placeholder-object-key' },
      autoApply: false,
      upload: { bucket: 'placeholder-bucket-name', key: 'placeholder-object-key', etag: 'placeholder-object-etag', sequencer: 'placeholder-object-sequencer' },
    });
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 7200 });
    expect(target.DeadLetterConfig.Arn).toEqual({ 'Fn::GetAtt': [id(stack, stack.reconcileOnUpload!.deadLetterQueue), 'Arn'] });
    const roleId = target.RoleArn['Fn::GetAtt'][0];
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId)).flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toEqual([expect.objectContaining({ Action: 'states:StartExecution', Resource: { Ref: id(stack, stack.workflows.stateMachines.ReconcilePlan) } })]);
  });

  it('alarms on the first dead letter and on failed invocations', () => {
    expect(stack.reconcileOnUpload!.alarms).toHaveLength(2);
    for (const alarm of stack.reconcileOnUpload!.alarms) expect(resources[id(stack, alarm)].Properties.AlarmActions).toHaveLength(1);
  });

  it('has no unacknowledged cdk-nag finding', () => {
    expect(() => app.synth()).not.toThrow();
  });
});

describe('reconcileOnUpload off, or wrong', () => {
  const synth = (props: WebexProvisioningStackProps) => new WebexProvisioningStack(new App({ context: SKIP_BUNDLING }), 'WebexProvisioning', props);

  it('absent: no notifications on the bucket, no rule', () => {
    const stack = synth({});
    const template = Template.fromStack(stack);
    expect(template.toJSON().Resources[id(stack, stack.bulkImports.bucket as never)].Properties.NotificationConfiguration).toBeUndefined();
    expect(stack.reconcileOnUpload).toBeUndefined();
  });

  it('a bad value fails synth naming its field; the context key reads JSON', () => {
    expect(() => synth({ reconcileOnUpload: { ...UPLOAD, prefix: 'reports/' } })).toThrow(/reconcileOnUpload.prefix must not overlap reports\//);
    expect(() => synth({ reconcileOnUpload: { ...UPLOAD, thresholds: { maxLeavers: 500 } }, reconcileLeaverThresholds: { maxLeaverPercent: 10, maxLeavers: 50 } })).toThrow(/reconcileOnUpload\.thresholds\.maxLeavers/);
    const app = new App({ context: { reconcileOnUpload: JSON.stringify(UPLOAD) } });
    expect(configFromContext(app.node).stackProps.reconcileOnUpload).toEqual(UPLOAD);
  });
});
