import { Duration, TimeZone } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { alarmOnFirst, startDeadLetterQueue } from './start-failures';
import { schedulerPrincipal } from './scheduler-principal';
import type { PlanMachineInput } from '../../functions/lib/reconcile/plan-run';
import type { LeaverPolicy } from '../../functions/lib/schemas/lifecycle-events';
import { checkedPlanRequest } from '../../functions/lib/reconcile/settings-request';
import type { LeaverThresholds, ReconcileScope } from '../../functions/lib/reconcile/schemas';

/** The nightly reconciliation: what the stack's `reconcileSchedule` prop says. */
export interface ReconcileScheduleSettings {
  /** EventBridge Scheduler expression, e.g. `cron(0 2 * * ? *)` (02:00 every day) or `rate(1 day)`. */
  readonly expression: string;
  /** IANA time zone the cron expression is read in, e.g. `Europe/Berlin`. @default UTC */
  readonly timezone?: string;
  /** The roster CSV's key in the imports bucket, which the HR system overwrites every night. */
  readonly key: string;
  readonly scope: ReconcileScope;
  /** @default the stack's defaultLeaverPolicy */
  readonly leaverPolicy?: LeaverPolicy;
  /** @default false */
  readonly allowMoves?: boolean;
  /** @default the stack's reconcileLeaverThresholds, which they may tighten, never raise */
  readonly thresholds?: LeaverThresholds;
  /**
   * Apply plans that need no confirmation without a person: the plan machine starts ReconcileApply
   * (`reconcile-<planId>`, so a person applying too runs it once) and says so in the Planned event. A plan
   * that needs confirmation never applies itself.
   * @default false
   */
  readonly autoApply?: boolean;
}

export interface ReconcileScheduleProps {
  readonly settings: ReconcileScheduleSettings;
  readonly stateMachine: sfn.IStateMachine;
  /** Actions of the schedule's alarms (the stack's alarm topic). */
  readonly alarmActions?: readonly cloudwatch.IAlarmAction[];
  /** The stack's reconcileLeaverThresholds: the ceiling the schedule's thresholds may only tighten. */
  readonly thresholdCeiling?: LeaverThresholds;
}

/**
 * An EventBridge Scheduler schedule starting the ReconcilePlan machine with a fixed roster key, checked at
 * synth with the same schema as POST /reconcile/plans. Scheduler's target gives the execution no name, so the
 * input carries the schedule's ARN and the time the start was due; the machine derives the plan id from them
 * and starts `plan-<id>`: a start Scheduler retries meets that same execution. A start that still fails after
 * the retries goes to a dead-letter queue; its first message, a target error and a dropped invocation alarm
 * on the stack's alarm topic. The schedule's role may start that machine and send to that queue, nothing else.
 */
export class ReconcileSchedule extends Construct {
  public readonly schedule: scheduler.Schedule;
  public readonly role: iam.Role;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ReconcileScheduleProps) {
    super(scope, id);
    const { settings } = props;
    const input: PlanMachineInput = {
      ...scheduledPlanInput(settings, props.thresholdCeiling),
      scheduleArn: scheduler.ContextAttribute.scheduleArn,
      scheduledTime: scheduler.ContextAttribute.scheduledTime,
    };
    this.role = new iam.Role(this, 'Role', {
      assumedBy: schedulerPrincipal(this),
      description: 'Lets EventBridge Scheduler start the Webex reconciliation planner',
    });
    this.deadLetterQueue = startDeadLetterQueue(this, 'the schedule');
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: `Plan a Webex reconciliation from ${settings.key} (${settings.expression})`,
      schedule: scheduler.ScheduleExpression.expression(settings.expression, settings.timezone ? TimeZone.of(settings.timezone) : undefined),
      target: new targets.StepFunctionsStartExecution(props.stateMachine, {
        role: this.role,
        input: scheduler.ScheduleTargetInput.fromObject(input),
        // Safe to retry: every attempt carries the same scheduled time, hence the same plan-<id>.
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
        deadLetterQueue: this.deadLetterQueue,
      }),
    });

    // Scheduler's metrics are per schedule group (AWS/Scheduler, dimension ScheduleGroup): this schedule is in
    // the default group (docs.aws.amazon.com/scheduler/latest/UserGuide/monitoring-cloudwatch.html).
    const group = scheduler.ScheduleGroup.fromDefaultScheduleGroup(this, 'DefaultGroup');
    const actions = props.alarmActions;
    this.alarms = [
      alarmOnFirst(this, 'DeadLetterAlarm', 'A scheduled reconciliation plan could not be started: see the DLQ message', this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }), actions),
      alarmOnFirst(this, 'TargetErrorAlarm', 'Scheduler could not start the reconciliation planner (TargetErrorCount)', group.metricTargetErrors({ period: Duration.minutes(5), statistic: 'Sum' }), actions),
      alarmOnFirst(this, 'DroppedAlarm', 'Scheduler gave up on a scheduled reconciliation start (InvocationDroppedCount)', group.metricDropped({ period: Duration.minutes(5), statistic: 'Sum' }), actions),
    ];
  }
}

/** The schedule's execution input, or an Error naming the prop's bad field (synth fails). */
export function scheduledPlanInput(settings: ReconcileScheduleSettings, thresholdCeiling?: LeaverThresholds): PlanMachineInput {
  const { expression, timezone, autoApply, ...request } = settings;
  if (!/^(cron|rate|at)\(.+\)$/.test(expression)) {
    throw new Error(`reconcileSchedule.expression must be an EventBridge Scheduler expression such as cron(0 2 * * ? *) (got ${expression})`);
  }
  if (timezone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: timezone });
    } catch (error) {
      throw new Error(`reconcileSchedule.timezone must be an IANA time zone such as Europe/Berlin (got ${timezone})`, { cause: error });
    }
  }
  if (autoApply !== undefined && typeof autoApply !== 'boolean') throw new Error('reconcileSchedule.autoApply must be true or false');
  if (request.key === undefined) throw new Error('reconcileSchedule.key is required: the roster CSV in the imports bucket');
  return { request: checkedPlanRequest('reconcileSchedule', request, thresholdCeiling), autoApply: autoApply ?? false };
}
