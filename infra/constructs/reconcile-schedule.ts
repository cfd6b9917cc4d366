import { Duration, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { PlanMachineInput } from '../../functions/lib/reconcile/plan-run';
import { planThresholds } from '../../functions/lib/reconcile/threshold-ceiling';
import { ReconcilePlanInput, type LeaverThresholds, type ReconcileScope } from '../../functions/lib/reconcile/schemas';
import { ValidationError } from '../../functions/lib/errors';

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
  readonly leaverPolicy?: 'delete' | 'deactivate';
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
  /** The stack's reconcileLeaverThresholds: the ceiling the schedule's thresholds may only tighten. */
  readonly thresholdCeiling?: LeaverThresholds;
}

/**
 * An EventBridge Scheduler schedule starting the ReconcilePlan machine with a fixed roster key, checked at
 * synth with the same schema as POST /reconcile/plans. Step Functions names these executions itself
 * (Scheduler's target gives no name); the machine's first state makes the plan id (States.UUID()), so
 * every run stores a plan of its own. The schedule's role may start that machine and nothing else.
 */
export class ReconcileSchedule extends Construct {
  public readonly schedule: scheduler.Schedule;
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: ReconcileScheduleProps) {
    super(scope, id);
    const { settings } = props;
    const input = scheduledPlanInput(settings, props.thresholdCeiling);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
      description: 'Lets EventBridge Scheduler start the Webex reconciliation planner',
    });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: `Plan a Webex reconciliation from ${settings.key} (${settings.expression})`,
      schedule: scheduler.ScheduleExpression.expression(settings.expression, settings.timezone ? TimeZone.of(settings.timezone) : undefined),
      target: new targets.StepFunctionsStartExecution(props.stateMachine, {
        role: this.role,
        input: scheduler.ScheduleTargetInput.fromObject(input),
        // A retried start may plan twice (no name makes it idempotent): two stored plans, two events, no harm.
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
      }),
    });
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
    } catch {
      throw new Error(`reconcileSchedule.timezone must be an IANA time zone such as Europe/Berlin (got ${timezone})`);
    }
  }
  if (autoApply !== undefined && typeof autoApply !== 'boolean') throw new Error('reconcileSchedule.autoApply must be true or false');
  if (request.key === undefined) throw new Error('reconcileSchedule.key is required: the roster CSV in the imports bucket');
  const parsed = ReconcilePlanInput.safeParse(request);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `reconcileSchedule.${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`reconcileSchedule is invalid: ${issues.join('; ')}`);
  }
  // The planner would refuse it every night: fail synth instead, naming the field.
  try {
    planThresholds(thresholdCeiling, parsed.data.thresholds);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new Error(`reconcileSchedule is invalid: ${error.fields.map((f) => `reconcileSchedule.${f.field}: ${f.message}`).join('; ')}`);
  }
  return { request: parsed.data, autoApply: autoApply ?? false };
}
