import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag';

/**
 * Where a start of the planner that still fails after its retries goes (a schedule's or a rule's target), and the
 * alarms that fire on the first failure: encrypted, TLS-only, 14 days, read by a person.
 */
export function startDeadLetterQueue(scope: Construct, what: string): sqs.Queue {
  const queue = new sqs.Queue(scope, 'DeadLetterQueue', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
  acknowledge(scope, {
    SQS3: `This queue is the dead-letter queue of ${what}; a DLQ of a DLQ would only move the same messages, and its alarm fires on the first one.`,
  });
  return queue;
}

/** An alarm on the first datapoint at or above 1, to `actions` (the stack's alarm topic). */
export function alarmOnFirst(scope: Construct, id: string, description: string, metric: cloudwatch.IMetric, actions: readonly cloudwatch.IAlarmAction[] = []): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, {
    alarmDescription: `${description} (${Stack.of(scope).stackName})`,
    metric,
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  for (const action of actions) alarm.addAlarmAction(action);
  return alarm;
}
