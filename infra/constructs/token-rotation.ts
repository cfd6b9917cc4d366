import { Duration, Stack, type CfnElement } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { REFRESH_TOKEN_WARNING_DAYS } from '../../functions/lib/connection/connection-health';
import { METRICS_NAMESPACE } from '../../functions/lib/tokens/rotation-metrics';
import type { WebexServiceAppSecret } from './webex-secret';
import { schedulerPrincipal } from './scheduler-principal';
import { WorkflowFunction } from './workflow-function';
import { acknowledge, RUNTIME_REASON, XRAY_REASON } from '../nag';

export interface TokenRotationProps {
  readonly secret: WebexServiceAppSecret;
  readonly webexBaseUrl?: string;
  /**
   * Hours between rotations. Webex answers a refresh repeated within a day with the same values, so more often
   * than every few hours buys nothing; the refresh token lasts about 90 days, so a daily failure has weeks of slack.
   * @default 12
   */
  readonly rotationIntervalHours?: number;
  /** An e-mail address subscribed to the alarm topic (confirm the subscription e-mail). @default - none */
  readonly alarmEmail?: string;
  /**
   * Encrypts the alarm topic; its key policy must let `cloudwatch.amazonaws.com` use it (kms:Decrypt,
   * kms:GenerateDataKey*), or the alarms cannot publish.
   * @default - a customer-managed key made for the topic, with that grant and yearly rotation
   */
  readonly topicKey?: kms.IKey;
  readonly logRetention?: logs.RetentionDays;
  /**
   * Reserve concurrency for the rotator (1 serialises its runs). Off by default: Lambda keeps 100 executions
   * unreserved and refuses a reservation that leaves fewer (docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html),
   * so an account whose quota is 10 or 50, as new accounts' may be, cannot reserve at all.
   * The secret's lease (a compare-and-swap write) already lets only one of two racing runs refresh.
   * @default - no reservation
   */
  readonly reservedConcurrency?: number;
}

/** Hours in one period of the RefreshTokenExpiringAlarm (its metric's period). */
const ALARM_PERIOD_HOURS = 24;

/**
 * How many daily periods RefreshTokenExpiringAlarm must see breaching (missing data counts) before it fires:
 * enough that the window always holds a run, strictly longer than the interval, so a 24–72 h schedule does not
 * make a day without a run look like a silent rotator.
 */
export function refreshAlarmPeriods(rotationIntervalHours: number): number {
  return Math.floor(rotationIntervalHours / ALARM_PERIOD_HOURS) + 1;
}

/**
 * The token rotator: a function on an EventBridge Scheduler schedule, the only principal allowed to write the
 * Service App secret; alarms on a failed rotation, on a refresh token closer than 14 days to expiry, on the
 * rotator not reporting at all, on its errors and on its throttles, to an encrypted SNS topic.
 */
export class TokenRotation extends Construct {
  public readonly function: WorkflowFunction;
  public readonly alarmTopic: sns.Topic;
  public readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: TokenRotationProps) {
    super(scope, id);
    const hours = props.rotationIntervalHours ?? 12;
    if (!Number.isInteger(hours) || hours < 1 || hours > 72) {
      throw new Error(`rotationIntervalHours must be a whole number of hours from 1 to 72 (got ${hours})`);
    }

    this.function = new WorkflowFunction(this, 'RotateTokens', {
      entry: 'functions/rotate-tokens/handler.ts',
      description: 'Refreshes the Webex Service App token pair and writes it back (the secret\'s only writer)',
      webexBaseUrl: props.webexBaseUrl,
      webexSecretArn: props.secret.secret.secretArn,
      // It writes versions (PutSecretValue with request tokens), which needs the Secrets Manager client.
      readSecretThroughExtension: false,
      logGroupRetention: props.logRetention,
      serviceName: 'token-rotator',
      // Generous: a run killed between Webex's answer and the secret write is the one loss we cannot repair.
      timeout: Duration.minutes(2),
      reservedConcurrentExecutions: props.reservedConcurrency,
      // Scheduler invokes asynchronously. A failed run has recorded its failure (RotationFailed) and the next
      // scheduled run retries; Lambda's own two retries would only repeat it within minutes (and, before the
      // first `npm run connect`, triple every alarm).
      retryAttempts: 0,
    });
    props.secret.grantRead(this.function);
    props.secret.grantWrite(this.function);

    new scheduler.Schedule(this, 'Schedule', {
      description: `Rotate the Webex Service App tokens every ${hours} hours`,
      schedule: scheduler.ScheduleExpression.rate(Duration.hours(hours)),
      // Our own role, so the invoke grant (and its acknowledgement) stay inside this construct.
      target: new targets.LambdaInvoke(this.function, {
        role: new iam.Role(this, 'ScheduleRole', {
          assumedBy: schedulerPrincipal(this),
          description: 'Lets EventBridge Scheduler invoke the Webex token rotator',
        }),
        input: scheduler.ScheduleTargetInput.fromObject({ source: 'webex-provisioning.rotation-schedule' }),
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
      }),
    });

    // Not the AWS managed key aws/sns: its policy cannot be changed to let CloudWatch alarms use it, and they
    // then fail to publish ("CloudWatch Alarms does not have authorization to access the SNS topic encryption
    // key", https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns).
    const topicKey = props.topicKey ?? this.topicKey();
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      // What it carries: every alarm of the stack (tokens, low number pools, DLQs, schedules) and the failures people must act on.
      displayName: 'Webex provisioning: alarms and failures',
      masterKey: topicKey,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    const metric = (name: string, statistic: string, period: Duration) =>
      new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: name, dimensionsMap: { service: 'token-rotator' }, statistic, period });

    this.alarms = [
      new cloudwatch.Alarm(this, 'RotationFailedAlarm', {
        alarmDescription: 'A Webex token rotation failed: the stored pair is unchanged; see the rotator logs',
        metric: metric('RotationFailed', 'Sum', Duration.hours(1)),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'RefreshTokenExpiringAlarm', {
        alarmDescription:
          `The Webex refresh token expires in under ${REFRESH_TOKEN_WARNING_DAYS} days, or the rotator has stopped reporting: ` +
          'when it expires the organisation is disconnected until a full admin generates a new pair. ' +
          '(A stack nobody has connected yet has no token to report: this alarm stays on until npm run connect.)',
        metric: metric('RefreshTokenDaysLeft', 'Minimum', Duration.hours(ALARM_PERIOD_HOURS)),
        threshold: REFRESH_TOKEN_WARNING_DAYS,
        evaluationPeriods: refreshAlarmPeriods(hours),
        datapointsToAlarm: refreshAlarmPeriods(hours),
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        // No data for the whole window means no rotation ran: as dangerous as a short expiry.
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }),
      // Two plain alarms rather than one on errors + throttles: metric math over a series with no data at all
      // (Throttles, mostly) yields no data, which would hide the errors too.
      ...(
        [
          ['RotatorErrorsAlarm', 'The token rotator function failed (an error: see its logs)', this.function.metricErrors({ period: Duration.hours(1), statistic: 'Sum' })],
          ['RotatorThrottlesAlarm', 'The token rotator was throttled (the account or its reservation is out of concurrency)', this.function.metricThrottles({ period: Duration.hours(1), statistic: 'Sum' })],
        ] as const
      ).map(
        ([id, alarmDescription, fnMetric]) =>
          new cloudwatch.Alarm(this, id, {
            alarmDescription,
            metric: fnMetric,
            threshold: 1,
            evaluationPeriods: 1,
            comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
          }),
      ),
    ];
    for (const alarm of this.alarms) alarm.addAlarmAction(new cwActions.SnsAction(this.alarmTopic));

    acknowledge(this, {
      L1: RUNTIME_REASON,
      'IAM5[Resource::*]': XRAY_REASON,
      [`IAM5[Resource::<${Stack.of(this).getLogicalId(this.function.node.defaultChild as CfnElement)}.Arn>:*]`]:
        "EventBridge Scheduler's role may invoke the rotator function and its versions (CDK's grantInvoke), nothing else.",
    });
  }

  /** A key for the alarm topic that CloudWatch alarms may use to publish. */
  private topicKey(): kms.Key {
    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the webex-provisioning alarm topic',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    return key;
  }
}
