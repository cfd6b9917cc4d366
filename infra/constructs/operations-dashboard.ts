import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { WEBEX_METRIC, WEBEX_METRICS_SERVICE } from '../../functions/lib/aws/emf-webex-metrics';
import { METRICS_NAMESPACE } from '../../functions/lib/metrics-namespace';
import type { StateMachineId } from '../../functions/lib/state-machines/definitions';
import type { NumberPools } from './number-pools';

export interface OperationsDashboardProps {
  readonly stateMachines: Readonly<Record<string, sfn.IStateMachine>>;
  /** Queues holding what could not be delivered (the lifecycle router's and the rules'; the schedule's, when set). */
  readonly deadLetterQueues: Readonly<Record<string, sqs.IQueue>>;
  readonly numberPools: NumberPools;
}

/** The widgets' titles, which test/infra/dashboard.test.ts looks for: one row each. */
export const DASHBOARD_WIDGETS = {
  lifecycle: 'Lifecycle outcomes by kind (executions ended)',
  webexErrors: 'Webex answers: 429 / 5xx / no answer (attempts)',
  webexLatency: 'Webex latency per attempt (ms)',
  tokens: 'Token days left',
  dlq: 'Dead-letter queues (messages waiting)',
  bulk: 'Bulk runs and reconcile applies (executions)',
  pools: 'Free numbers per location (daily count)',
} as const;

const LIFECYCLE: readonly StateMachineId[] = ['Joiner', 'Mover', 'Leaver'];
const LONG_RUNS: readonly StateMachineId[] = ['BulkJoiners', 'BulkJoinersCsv', 'ReconcileApply'];
const HOUR = Duration.hours(1);

/**
 * One CloudWatch dashboard of what the suite does and what it needs: lifecycle outcomes by kind (each lifecycle
 * machine ends failed when the user's run failed), Webex's 429s, 5xx and latency (the client's own metrics, every
 * attempt), the tokens' days left (the rotator's), the dead-letter queues, bulk runs and applies (started, ended
 * by outcome; a run's item progress is its GET's `progress`), and each location's free numbers (the daily count).
 */
export class OperationsDashboard extends Construct {
  public readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const machine = (id: StateMachineId) => {
      const m = props.stateMachines[id];
      if (!m) throw new Error(`OperationsDashboard: no state machine ${id}`);
      return m;
    };
    const webex = (metricName: string, statistic: string, label: string) =>
      new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: WEBEX_METRICS_SERVICE }, statistic, period: Duration.minutes(5), label });
    const token = (metricName: string, label: string) =>
      new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: 'token-rotator' }, statistic: 'Minimum', period: Duration.hours(12), label });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(7),
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: DASHBOARD_WIDGETS.lifecycle,
            width: 12,
            left: LIFECYCLE.flatMap((id) => [
              machine(id).metricSucceeded({ period: HOUR, statistic: 'Sum', label: `${id} succeeded` }),
              machine(id).metricFailed({ period: HOUR, statistic: 'Sum', label: `${id} failed` }),
            ]),
          }),
          new cloudwatch.GraphWidget({
            title: DASHBOARD_WIDGETS.bulk,
            width: 12,
            left: LONG_RUNS.flatMap((id) => [
              machine(id).metricStarted({ period: HOUR, statistic: 'Sum', label: `${id} started` }),
              machine(id).metricSucceeded({ period: HOUR, statistic: 'Sum', label: `${id} succeeded` }),
              machine(id).metricFailed({ period: HOUR, statistic: 'Sum', label: `${id} failed` }),
              machine(id).metricTimedOut({ period: HOUR, statistic: 'Sum', label: `${id} timed out` }),
            ]),
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: DASHBOARD_WIDGETS.webexErrors,
            width: 12,
            left: [
              webex(WEBEX_METRIC.rateLimited, 'Sum', '429 (rate limited)'),
              webex(WEBEX_METRIC.serverError, 'Sum', '5xx'),
              webex(WEBEX_METRIC.noAnswer, 'Sum', 'no answer (timeout, connection)'),
            ],
            right: [webex(WEBEX_METRIC.latency, 'SampleCount', 'attempts')],
          }),
          new cloudwatch.GraphWidget({
            title: DASHBOARD_WIDGETS.webexLatency,
            width: 12,
            left: [webex(WEBEX_METRIC.latency, 'p50', 'p50'), webex(WEBEX_METRIC.latency, 'p99', 'p99'), webex(WEBEX_METRIC.latency, 'Maximum', 'max')],
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: DASHBOARD_WIDGETS.tokens,
            width: 8,
            left: [token('RefreshTokenDaysLeft', 'refresh token'), token('AccessTokenDaysLeft', 'access token')],
            leftAnnotations: [{ value: 14, label: 'refresh token alarm', color: cloudwatch.Color.RED }],
          }),
          new cloudwatch.GraphWidget({
            title: DASHBOARD_WIDGETS.dlq,
            width: 8,
            left: Object.entries(props.deadLetterQueues).map(([label, queue]) =>
              queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum', label })),
          }),
          new cloudwatch.GraphWidget({
            title: DASHBOARD_WIDGETS.pools,
            width: 8,
            left: [props.numberPools.freeNumbersByLocation, props.numberPools.lowestFreeNumbers.with({ label: 'lowest' })],
            leftAnnotations: [{ value: props.numberPools.lowWatermark, label: 'low-pool alarm', color: cloudwatch.Color.RED }],
          }),
        ],
      ],
    });
  }
}
