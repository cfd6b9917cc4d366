import { Duration, Stack, type CfnElement } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { NUMBER_POOL_METRIC, NUMBER_POOL_SERVICE } from '../../functions/lib/aws/emf-number-pool-metrics';
import { METRICS_NAMESPACE } from '../../functions/lib/metrics-namespace';
import { DEFAULT_NUMBER_POOL_LOW_WATERMARK, NUMBER_POOL_LOW_WATERMARK_ENV } from '../../functions/lib/number-pool/free-numbers';
import { acknowledge, RUNTIME_REASON, XRAY_REASON } from '../nag';
import { schedulerPrincipal } from './scheduler-principal';
import type { WebexServiceAppSecret } from './webex-secret';
import { WorkflowFunction } from './workflow-function';

export interface NumberPoolsProps {
  readonly secret: WebexServiceAppSecret;
  readonly webexBaseUrl?: string;
  readonly logRetention?: logs.RetentionDays;
  readonly alarmTopic: sns.ITopic;
  /**
   * The alarm fires when a calling location has fewer free numbers than this (context `numberPoolLowWatermark`).
   * @default 5
   */
  readonly lowWatermark?: number;
}

/** Checked at synth: a bad value fails naming its key. */
export function validateLowWatermark(value: number | undefined): number {
  const n = value ?? DEFAULT_NUMBER_POOL_LOW_WATERMARK;
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new Error(`numberPoolLowWatermark must be a whole number from 1 to 100000 (got ${value})`);
  return n;
}

/**
 * The daily count of free numbers per calling location (a read-only function on an EventBridge Scheduler
 * schedule) and the alarm that fires when any location's pool falls under the watermark, so joiners do not fail
 * on an empty pool. One alarm covers every location, known or added later: it watches LowestFreeNumbers, the
 * smallest pool of the run; the function's log line `number pools low` names each location under the watermark.
 */
export class NumberPools extends Construct {
  public readonly function: WorkflowFunction;
  public readonly lowPoolAlarm: cloudwatch.Alarm;
  public readonly countErrorsAlarm: cloudwatch.Alarm;
  /** FreeNumbers of every location (a SEARCH: the locations are the org's, not the stack's), for the dashboard. */
  public readonly freeNumbersByLocation: cloudwatch.MathExpression;
  public readonly lowestFreeNumbers: cloudwatch.Metric;
  /** The alarm's threshold. */
  public readonly lowWatermark: number;

  constructor(scope: Construct, id: string, props: NumberPoolsProps) {
    super(scope, id);
    const watermark = validateLowWatermark(props.lowWatermark);
    this.lowWatermark = watermark;

    this.function = new WorkflowFunction(this, 'CountFreeNumbers', {
      entry: 'functions/count-free-numbers/handler.ts',
      description: 'Counts the free numbers of every Webex Calling location once a day (read-only) and publishes them as metrics',
      webexBaseUrl: props.webexBaseUrl,
      webexSecretArn: props.secret.secret.secretArn,
      logGroupRetention: props.logRetention,
      serviceName: NUMBER_POOL_SERVICE,
      // Two listings, 2000 numbers a page: a large org's pages, with the client's retries, fit well within this.
      timeout: Duration.minutes(5),
      environment: { [NUMBER_POOL_LOW_WATERMARK_ENV]: String(watermark) },
      // Scheduler invokes asynchronously; tomorrow's run is the retry (its errors alarm says a run failed).
      retryAttempts: 0,
    });
    props.secret.grantRead(this.function);

    new scheduler.Schedule(this, 'Schedule', {
      description: 'Count the free numbers of every Webex Calling location (daily)',
      // Early morning UTC: before most service desks start their day's joiners.
      schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '5' }),
      target: new targets.LambdaInvoke(this.function, {
        role: new iam.Role(this, 'ScheduleRole', {
          assumedBy: schedulerPrincipal(this),
          description: 'Lets EventBridge Scheduler invoke the daily count of free Webex numbers',
        }),
        input: scheduler.ScheduleTargetInput.fromObject({ source: 'webex-provisioning.number-pool-schedule' }),
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
      }),
    });

    this.lowestFreeNumbers = new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName: NUMBER_POOL_METRIC.lowest,
      dimensionsMap: { service: NUMBER_POOL_SERVICE },
      statistic: 'Minimum',
      period: Duration.days(1),
    });
    this.freeNumbersByLocation = new cloudwatch.MathExpression({
      expression: `SEARCH('{${METRICS_NAMESPACE},location,service} MetricName="${NUMBER_POOL_METRIC.free}" service="${NUMBER_POOL_SERVICE}"', 'Minimum', 86400)`,
      usingMetrics: {},
      label: 'Free numbers',
      period: Duration.days(1),
    });

    this.lowPoolAlarm = new cloudwatch.Alarm(this, 'LowNumberPoolAlarm', {
      alarmDescription:
        `A Webex Calling location has fewer than ${watermark} free numbers: joiners and calling enablements there will soon fail. ` +
        `Which: the line "number pools low" of today's count (each location with its count) in the log group ${this.function.functionLogGroup.logGroupName}, ` +
        'or FreeNumbers by location on the dashboard. Add numbers to the location, or order them from its PSTN provider.',
      metric: this.lowestFreeNumbers,
      threshold: watermark,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      // No count yet (a stack nobody has connected) is not a low pool; a failing count has its own alarm.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.countErrorsAlarm = new cloudwatch.Alarm(this, 'CountErrorsAlarm', {
      alarmDescription: 'The daily count of free Webex numbers failed (see the CountFreeNumbers function\'s log): the pools are not being watched',
      metric: this.function.metricErrors({ period: Duration.days(1), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    for (const alarm of [this.lowPoolAlarm, this.countErrorsAlarm]) alarm.addAlarmAction(new cwActions.SnsAction(props.alarmTopic));

    acknowledge(this, {
      L1: RUNTIME_REASON,
      'IAM5[Resource::*]': XRAY_REASON,
      [`IAM5[Resource::<${Stack.of(this).getLogicalId(this.function.node.defaultChild as CfnElement)}.Arn>:*]`]:
        "EventBridge Scheduler's role may invoke the count function and its versions (CDK's grantInvoke), nothing else.",
    });
  }
}
