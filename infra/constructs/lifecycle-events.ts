import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ALLOWED_SOURCES_ENV, DEFAULT_LEAVER_POLICY_ENV, LIFECYCLE_ROUTES } from '../../functions/lib/lifecycle/router';
import { EVENT_SOURCE, type LeaverPolicy } from '../../functions/lib/schemas/lifecycle-events';
import { stateMachines as definitions, type StateMachineDefinition } from '../../functions/lib/state-machines/definitions';
import { WorkflowFunction } from './workflow-function';
import { acknowledge, RUNTIME_REASON, XRAY_REASON } from '../nag';

export interface LifecycleEventBusProps {
  /**
   * Use the account's default bus instead of a dedicated one.
   * @default false - a custom bus named `eventBusName`
   */
  readonly useDefaultBus?: boolean;
  /**
   * Derived from the stack's name, so a second stack in the same account and region gets its own bus (a
   * fixed name would make its deploy fail: the bus exists).
   * @default `<stack name>-lifecycle`
   */
  readonly eventBusName?: string;
}

export interface LifecycleEventsProps {
  /** The bus the HR system / IdP publishes to and the outcomes go to (`LifecycleEvents.bus`). */
  readonly eventBus: events.IEventBus;
  /** The lifecycle state machines by id (WorkflowStateMachines.stateMachines); detail-types whose machine is absent get no rule. */
  readonly stateMachines: Readonly<Record<string, sfn.IStateMachine>>;
  /**
   * What a `Webex User Left` event without `policy` does (`delete`, `deactivate` or `removeCalling`).
   * @default 'deactivate'
   */
  readonly defaultLeaverPolicy?: LeaverPolicy;
  /**
   * The event `source`s allowed to start a lifecycle flow: put into every rule's pattern (events from other
   * sources never reach the router) and given to the router, which refuses the others too.
   * @default - any source
   */
  readonly allowedSources?: readonly string[];
  readonly logRetention?: logs.RetentionDays;
  /** Actions of the DLQ alarm (an SNS topic action, typically). */
  readonly alarmActions?: readonly cloudwatch.IAlarmAction[];
  /** Only tests should change this. */
  readonly definitions?: readonly StateMachineDefinition[];
}

/**
 * Lifecycle events → state machines, exactly once per event: a rule per detail-type on the lifecycle
 * bus, each targeting the router Lambda (functions/lifecycle-events/handler.ts, the same code as
 * POST /events), which validates the event and calls StartExecution with a name derived from the event
 * id. (EventBridge's Step Functions target cannot set the execution name, so it could not deduplicate a
 * redelivered event.) Events EventBridge cannot deliver, and invocations that still fail after Lambda's
 * async retries, land in one DLQ, with an alarm on its first message.
 */
export class LifecycleEvents extends Construct {
  /** The lifecycle bus: a custom one, or the default bus (`useDefaultBus`). Create it before the state machines, which publish to it. */
  static bus(scope: Construct, id: string, props: LifecycleEventBusProps = {}): events.IEventBus {
    if (props.useDefaultBus) return events.EventBus.fromEventBusName(scope, id, 'default');
    return new events.EventBus(scope, id, { eventBusName: props.eventBusName ?? `${Stack.of(scope).stackName}-lifecycle` });
  }

  public readonly router: WorkflowFunction;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly deadLetterAlarm: cloudwatch.Alarm;
  public readonly rules: Readonly<Record<string, events.Rule>>;

  constructor(scope: Construct, id: string, props: LifecycleEventsProps) {
    super(scope, id);
    const defs = props.definitions ?? definitions;
    const routed = Object.entries(LIFECYCLE_ROUTES).filter(([, r]) => props.stateMachines[r.stateMachine]);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });

    const allowedSources = props.allowedSources ? validateAllowedSources(props.allowedSources) : undefined;
    const environment: Record<string, string> = {
      [DEFAULT_LEAVER_POLICY_ENV]: props.defaultLeaverPolicy ?? 'deactivate',
      ...(allowedSources ? { [ALLOWED_SOURCES_ENV]: allowedSources.join(',') } : {}),
    };
    for (const [, route] of routed) {
      const def = defs.find((d) => d.id === route.stateMachine);
      if (!def) throw new Error(`No definition for state machine ${route.stateMachine}`);
      environment[def.arnEnv] = props.stateMachines[route.stateMachine].stateMachineArn;
    }
    this.router = new WorkflowFunction(this, 'Router', {
      entry: 'functions/lifecycle-events/handler.ts',
      description: 'Lifecycle events router: starts the detail-type state machine named from the event id',
      // It only starts executions: no Webex settings, no secret.
      logGroupRetention: props.logRetention,
      timeout: Duration.seconds(30),
      environment,
    });
    // EventBridge invokes the router asynchronously: a function error (a throttled StartExecution, say) is
    // retried by Lambda's async retries, then lands in the same DLQ.
    this.router.configureAsyncInvoke({ onFailure: new SqsDestination(this.deadLetterQueue), retryAttempts: 2, maxEventAge: Duration.hours(6) });
    for (const [, route] of routed) props.stateMachines[route.stateMachine].grantStartExecution(this.router);

    const rules: Record<string, events.Rule> = {};
    for (const [detailType, route] of routed) {
      const rule = new events.Rule(this, `${route.stateMachine}Rule`, {
        eventBus: props.eventBus,
        description: `${detailType} → ${route.stateMachine} state machine (through the router, exactly once per event id)`,
        // The suite's own outcome events come from another source and never match these detail-types.
        eventPattern: { detailType: [detailType], ...(allowedSources ? { source: [...allowedSources] } : {}) },
      });
      rule.addTarget(
        new targets.LambdaFunction(this.router, { deadLetterQueue: this.deadLetterQueue, retryAttempts: 8, maxEventAge: Duration.hours(24) }),
      );
      rules[route.stateMachine] = rule;
    }
    this.rules = rules;

    this.deadLetterAlarm = new cloudwatch.Alarm(this, 'DeadLetterAlarm', {
      alarmDescription: `Lifecycle events that could not be routed (${Stack.of(this).stackName}): see the DLQ's messages`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    for (const action of props.alarmActions ?? []) this.deadLetterAlarm.addAlarmAction(action);

    acknowledge(this, {
      L1: RUNTIME_REASON,
      'IAM5[Resource::*]': XRAY_REASON,
      SQS3: 'This queue is the dead-letter queue (of the rules and the router); a DLQ of a DLQ would only move the same messages, and its alarm fires on the first one.',
    });
  }
}

/** The allowed sources as the rules and the router take them: each a safe `source`, at least one. */
export function validateAllowedSources(sources: readonly string[]): readonly string[] {
  if (sources.length === 0) throw new Error('lifecycleAllowedSources must name at least one source');
  for (const source of sources) {
    if (!EVENT_SOURCE.test(source)) throw new Error(`lifecycleAllowedSources: ${JSON.stringify(source)} is not a valid event source (${EVENT_SOURCE})`);
  }
  return sources;
}
