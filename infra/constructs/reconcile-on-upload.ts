import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { alarmOnFirst, startDeadLetterQueue } from './start-failures';
import type { LeaverThresholds } from '../../functions/lib/reconcile/schemas';
import { checkReconcileOnUpload, uploadPlanInput, type ReconcileOnUploadSettings } from '../../functions/lib/reconcile/upload-plan';

export interface ReconcileOnUploadProps {
  readonly settings: ReconcileOnUploadSettings;
  /** The imports bucket: its EventBridge notifications are turned on here. */
  readonly bucket: s3.Bucket;
  readonly stateMachine: sfn.IStateMachine;
  readonly alarmActions?: readonly cloudwatch.IAlarmAction[];
  /** The stack's reconcileLeaverThresholds: the ceiling the upload's thresholds may only tighten. */
  readonly thresholdCeiling?: LeaverThresholds;
}

/**
 * A roster file starts a plan (`reconcileOnUpload`): the imports bucket sends its events to EventBridge (the
 * bucket's own setting, no notification custom resource), and a rule on the default bus matches "Object Created"
 * under the prefix and starts the ReconcilePlan machine with the object's bucket, key, ETag and sequencer. The
 * target cannot name the execution, so the machine derives the plan id from the object and starts `plan-<id>`
 * (UploadPlanId): a redelivered event plans once. Same safeguards and events as a scheduled plan: the deployment's
 * thresholds as a ceiling, Confirmation Required over them, autoApply only below them. A start that still fails
 * after the target's retries goes to a dead-letter queue, and its first message alarms, as do failed invocations.
 */
export class ReconcileOnUpload extends Construct {
  public readonly rule: events.Rule;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ReconcileOnUploadProps) {
    super(scope, id);
    const settings = checkReconcileOnUpload(props.settings, props.thresholdCeiling);
    const cfnBucket = props.bucket.node.defaultChild as s3.CfnBucket;
    cfnBucket.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };

    this.deadLetterQueue = startDeadLetterQueue(this, 'the upload rule');
    // The rule target's input: the same function the local runtime calls, its object fields EventBridge paths.
    const input = uploadPlanInput(settings, {
      bucket: events.EventField.fromPath('$.detail.bucket.name'),
      key: events.EventField.fromPath('$.detail.object.key'),
      etag: events.EventField.fromPath('$.detail.object.etag'),
      sequencer: events.EventField.fromPath('$.detail.object.sequencer'),
    });
    this.rule = new events.Rule(this, 'Rule', {
      description: `Plan a Webex reconciliation when a roster is uploaded under ${settings.prefix}`,
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [props.bucket.bucketName] }, object: { key: events.Match.prefix(settings.prefix) } },
      },
      targets: [
        new targets.SfnStateMachine(props.stateMachine, {
          input: events.RuleTargetInput.fromObject(input),
          // Safe to retry: every attempt carries the same object, hence the same plan-<id>.
          retryAttempts: 4,
          maxEventAge: Duration.hours(2),
          deadLetterQueue: this.deadLetterQueue,
        }),
      ],
    });
    const ruleMetric = (metricName: string) =>
      new cloudwatch.Metric({ namespace: 'AWS/Events', metricName, dimensionsMap: { RuleName: this.rule.ruleName }, period: Duration.minutes(5), statistic: 'Sum' });
    this.alarms = [
      alarmOnFirst(this, 'DeadLetterAlarm', 'An uploaded roster could not start its reconciliation plan: see the DLQ message', this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }), props.alarmActions),
      alarmOnFirst(this, 'FailedInvocationsAlarm', 'EventBridge could not start the reconciliation planner for an uploaded roster (FailedInvocations)', ruleMetric('FailedInvocations'), props.alarmActions),
    ];
  }
}
