import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { SCIM_WRITE_BATCH_SIZE, SCIM_WRITE_FILTER, SCIM_WRITE_RETRY_ATTEMPTS } from '../../functions/lib/aws/dynamodb-scim-stream';
import { stateMachine } from '../../functions/lib/state-machines/definitions';
import type { ActivityTable } from './activity-table';
import { alarmOnFirst, startDeadLetterQueue } from './start-failures';
import { WorkflowFunction } from './workflow-function';
import { acknowledge, RUNTIME_REASON, XRAY_REASON } from '../nag';

export interface ScimWriteStreamProps {
  /** The activity table, with its stream of new and old images. */
  readonly table: ActivityTable;
  /** The machine the consumer starts. */
  readonly scimApply: sfn.IStateMachine;
  readonly logRetention?: logs.RetentionDays;
  /** Actions of the DLQ alarm (an SNS topic action, typically). */
  readonly alarmActions?: readonly cloudwatch.IAlarmAction[];
}

/**
 * SCIM writes → their applies, durably and off the request path: the SCIM routes store the resource (the acceptance)
 * and answer; the activity table's stream, filtered to SCIM resource rows, invokes the consumer
 * (functions/scim-write-stream/handler.ts), which starts ScimApply under the write's own name (a redelivered record
 * meets its execution: a duplicate). A write stored by a function that died before it could have started anything
 * is started all the same. A batch that fails is split (bisect) and retried from the first write it names
 * (ReportBatchItemFailures), in order; one that still fails goes to the DLQ, with an alarm on its first message.
 */
export class ScimWriteStream extends Construct {
  public readonly consumer: WorkflowFunction;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly deadLetterAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ScimWriteStreamProps) {
    super(scope, id);
    const def = stateMachine('ScimApply');
    const consumer = def.startedByStream;
    if (!consumer) throw new Error('ScimApply names no stream consumer (startedByStream)');

    this.deadLetterQueue = startDeadLetterQueue(this, 'the stream\'s event source mapping (the SCIM writes whose apply could not be started)');
    this.consumer = new WorkflowFunction(this, consumer.id, {
      entry: consumer.entry,
      description: consumer.summary,
      // It only starts executions: no Webex settings, no secret, no table access beyond its stream.
      logGroupRetention: props.logRetention,
      timeout: Duration.seconds(30),
      environment: { [def.arnEnv]: props.scimApply.stateMachineArn },
    });
    props.scimApply.grantStartExecution(this.consumer);
    this.consumer.addEventSource(new DynamoEventSource(props.table.table, {
      // From the oldest record kept (24 h): a write stored while the mapping was created or disabled is not skipped.
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: SCIM_WRITE_BATCH_SIZE,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      retryAttempts: SCIM_WRITE_RETRY_ATTEMPTS,
      maxRecordAge: Duration.days(1),
      onFailure: new SqsDlq(this.deadLetterQueue),
      filters: [lambda.FilterCriteria.filter(SCIM_WRITE_FILTER)],
    }));

    this.deadLetterAlarm = alarmOnFirst(
      this,
      'DeadLetterAlarm',
      'SCIM writes whose apply could not be started: see the DLQ\'s messages (each names its stream batch)',
      this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      props.alarmActions,
    );

    acknowledge(this, {
      L1: RUNTIME_REASON,
      'IAM5[Resource::*]': `${XRAY_REASON} Also dynamodb:ListStreams, which takes no resource (CDK's grantStreamRead for the event source mapping).`,
    });
  }
}
