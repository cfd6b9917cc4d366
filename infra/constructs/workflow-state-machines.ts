import { readFileSync } from 'node:fs';
import { PACING_ENV } from '../../functions/lib/pacing/settings';
import { ArnFormat, Duration, Stack, type CfnElement } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { ActivityTable } from './activity-table';
import { Construct, type IConstruct } from 'constructs';
import { TASK_FUNCTION_TIMEOUT_SECONDS, stateMachines, type StateMachineDefinition, type TaskFunctionDefinition } from '../../functions/lib/state-machines/definitions';
import { MAX_CONCURRENCY_ENV } from '../../functions/lib/bulk/joiners';
import { IMPORTS_BUCKET_ENV } from '../../functions/lib/storage/imports-bucket';
import { fromRepoRoot } from '../paths';
import { MACHINE_TIMEOUT_SUBSTITUTION, machineTimeoutSeconds, withMachineTimeout } from '../../functions/lib/state-machines/machine-timeout';
import type { WebexServiceAppSecret } from './webex-secret';
import { WorkflowFunction } from './workflow-function';
import type { BulkImports } from './bulk-imports';
import { acknowledge, RUNTIME_REASON, XRAY_REASON } from '../nag';

export interface WorkflowStateMachinesProps {
  readonly secret: WebexServiceAppSecret;
  readonly webexBaseUrl?: string;
  readonly logRetention?: logs.RetentionDays;
  /**
   * The Webex Calling license Enable Calling assigns, by name or id (WEBEX_CALLING_LICENSE).
   * @default 'Webex Calling - Professional'
   */
  readonly callingLicense?: string;
  /** The bus lifecycle machines publish their Completed/Failed outcome to. Required when a machine publishes. */
  readonly lifecycleEventBus?: events.IEventBus;
  /** The bucket Distributed Maps read from and write to, and the CSV steps use. Required when a machine has one. */
  readonly importsBucket?: BulkImports;
  /**
   * Extra environment of task functions, by task id (definitions.ts): the settings a step reads, e.g. the
   * reconciliation planner's defaults. A task that uses the imports bucket gets BULK_IMPORTS_BUCKET anyway.
   */
  readonly taskEnvironment?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The bulk Webex request budget, set as BULK_WEBEX_REQUESTS_PER_SECOND on the task functions that pace to it (`bulkBudget`). @default - the functions' own default */
  readonly bulkWebexRequestsPerSecond?: number;
  /** The pacing controller's settings, set on the task functions that use the budget (`pacing`). @default - the functions' own defaults */
  readonly pacing?: PacingProps;
  /** The activity table the task functions that record (`recordsActivity`) write to. Required when one does. */
  readonly activityTable?: ActivityTable;
  /** Distributed and inline Map concurrency of bulk runs and reconcile applies, set as BULK_JOINERS_MAX_CONCURRENCY with the budget. @default - the functions' own default */
  readonly bulkMaxConcurrency?: number;
  /** Only tests should change this. @default the table in functions/lib/state-machines/definitions.ts */
  readonly definitions?: readonly StateMachineDefinition[];
}

/**
 * Every state machine of functions/lib/state-machines/definitions.ts, built from its ASL file in
 * statemachines/ (the same file the tests and the local runtime execute) with its task resources
 * substituted by the ARNs of their functions; CloudWatch logging and X-Ray tracing on.
 */
export class WorkflowStateMachines extends Construct {
  public readonly stateMachines: Readonly<Record<string, sfn.StateMachine>>;
  public readonly taskFunctions: Readonly<Record<string, WorkflowFunction>>;
  private readonly definitions: readonly StateMachineDefinition[];

  constructor(scope: Construct, id: string, props: WorkflowStateMachinesProps) {
    super(scope, id);
    this.definitions = props.definitions ?? stateMachines;
    const machines: Record<string, sfn.StateMachine> = {};
    const functions: Record<string, WorkflowFunction> = {};

    for (const def of this.definitions) {
      const file = readFileSync(fromRepoRoot(def.definitionFile), 'utf8');
      const substitutions: Record<string, string> = { [MACHINE_TIMEOUT_SUBSTITUTION]: String(machineTimeoutSeconds(def, file)) };
      const tasks: WorkflowFunction[] = [];
      for (const task of def.taskFunctions) {
        const fn = new WorkflowFunction(this, task.id, {
          entry: task.entry,
          description: task.summary,
          ...(task.webex === false ? {} : { webexBaseUrl: props.webexBaseUrl, webexSecretArn: props.secret.secret.secretArn }),
          logGroupRetention: props.logRetention,
          // Under the Task states' TimeoutSeconds (40 s for the 30 s steps), so a slow step fails as a Lambda
          // timeout, retried by the ASL (test/infra/state-machines.test.ts).
          timeout: Duration.seconds(task.timeoutSeconds ?? TASK_FUNCTION_TIMEOUT_SECONDS),
          environment: taskEnvironment(props, task),
        });
        if (task.webex !== false) props.secret.grantRead(fn);
        if (task.importsBucket === 'readWrite') requireBucket(props, def.id).grantResultsAndReports(fn);
        else if (task.importsBucket) requireBucket(props, def.id).grantWriteOnly(fn, task.importsBucket.writeOnly);
        if (task.recordsActivity) requireActivityTable(props, task.id).grantRecord(fn);
        if (task.scimStore) requireActivityTable(props, task.id).grantScim(fn);
        if (task.pacing) requireActivityTable(props, task.id).grantPace(fn);
        functions[task.id] = fn;
        substitutions[task.substitution] = fn.functionArn;
        tasks.push(fn);
      }

      for (const nested of def.nestedStateMachines ?? []) {
        const child = machines[nested.stateMachine];
        if (!child) throw new Error(`State machine ${def.id} nests ${nested.stateMachine}, which must come earlier in the table`);
        substitutions[nested.substitution] = child.stateMachineArn;
      }
      for (const started of def.startsStateMachines ?? []) {
        const child = machines[started.stateMachine];
        if (!child) throw new Error(`State machine ${def.id} starts ${started.stateMachine}, which must come earlier in the table`);
        substitutions[started.substitution] = child.stateMachineArn;
      }
      if (def.eventBusSubstitution) {
        if (!props.lifecycleEventBus) throw new Error(`State machine ${def.id} publishes its outcome: give lifecycleEventBus`);
        substitutions[def.eventBusSubstitution] = props.lifecycleEventBus.eventBusName;
      }

      // Under /aws/vendedlogs/states/, as Step Functions advises: for other names it adds the log group to the
      // account's CloudWatch Logs resource policy, whose 5,120-character limit a few stacks exhaust
      // (docs.aws.amazon.com/step-functions/latest/dg/bp-cwl.html).
      const logGroup = new logs.LogGroup(this, `${def.id}Logs`, {
        logGroupName: stateMachineLogGroupName(Stack.of(this).stackName, def.id),
        retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      });
      const machine = new sfn.StateMachine(this, def.id, {
        comment: def.summary,
        // The file itself as an asset, unless this machine sets its own TimeoutSeconds (a shared file): then inline.
        definitionBody: def.timeoutSeconds === undefined ? sfn.DefinitionBody.fromFile(fromRepoRoot(def.definitionFile)) : sfn.DefinitionBody.fromString(withMachineTimeout(def, file)),
        definitionSubstitutions: substitutions,
        stateMachineType: def.type === 'EXPRESS' ? sfn.StateMachineType.EXPRESS : sfn.StateMachineType.STANDARD,
        tracingEnabled: true,
        // Every state transition is recorded; inputs and outputs (names, e-mails, numbers) are not.
        logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      });
      // A definition loaded from a file is opaque to CDK: the invoke grants must be explicit.
      for (const fn of tasks) fn.grantInvoke(machine.role);
      for (const nested of def.nestedStateMachines ?? []) this.grantNestedRun(machine, machines[nested.stateMachine]);
      // A start without .sync leaves the child running: starting it is all the parent does, and all it may do.
      for (const started of def.startsStateMachines ?? []) machines[started.stateMachine].grantStartExecution(machine);
      if (def.startsItself) {
        // Its own policy: the machine depends on its role's default policy, which therefore cannot name it.
        new iam.Policy(this, `${def.id}StartsItself`, {
          roles: [machine.role],
          statements: [new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [machine.stateMachineArn] })],
        });
      }
      for (const nested of def.nestedStateMachines ?? []) {
        // cdk-nag names the finding by the rendered ARN, token for the child's name included.
        const childId = Stack.of(this).getLogicalId(machines[nested.stateMachine].node.defaultChild as CfnElement);
        const name = `{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${childId}"}]}]}`;
        const reason = `${def.id} follows and stops the executions of ${nested.stateMachine}, which it nests; execution names are made per run.`;
        acknowledge(this, Object.fromEntries(['execution', 'express'].map((kind) => [
          `IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:${kind}:${name}:*]`, reason,
        ])));
      }
      if (def.eventBusSubstitution) props.lifecycleEventBus!.grantPutEventsTo(machine);
      if (def.distributedMap) {
        requireBucket(props, def.id).grantDistributedMap(machine);
        this.grantChildExecutions(machine, def.id);
      }
      machines[def.id] = machine;
      acknowledge(this, Object.fromEntries(tasks.map((fn) => [
        `IAM5[Resource::<${Stack.of(this).getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
        `The ${def.id} state machine may invoke its task function and that function's versions (CDK's grantInvoke), nothing else.`,
      ])));
    }
    this.stateMachines = machines;
    this.taskFunctions = functions;
    acknowledge(this, {
      L1: RUNTIME_REASON,
      'IAM5[Resource::*]': `${XRAY_REASON} For the state machines also CloudWatch Logs' log-delivery actions (logging), which likewise take no resource.`,
    });
  }

  /** Environment for the API functions that start executions, by route id. */
  routeEnvironment(): Record<string, Record<string, string>> {
    const env: Record<string, Record<string, string>> = {};
    for (const def of this.definitions) {
      for (const route of [...(def.startedByRoute ? [def.startedByRoute] : []), ...(def.alsoStartedByRoutes ?? []), ...(def.describedByRoutes ?? [])]) {
        env[route] = { ...env[route], [def.arnEnv]: this.stateMachines[def.id].stateMachineArn };
      }
    }
    return env;
  }

  /**
   * Lets each starting function start its machine: StartSyncExecution for Express machines (answered within
   * the request), StartExecution for Standard ones; on that machine only.
   */
  grantStart(functionsByRoute: Readonly<Record<string, iam.IGrantable>>): void {
    for (const def of this.definitions) {
      if (def.startedByRoute) {
        const starter = functionsByRoute[def.startedByRoute];
        if (!starter) throw new Error(`State machine ${def.id} is started by route ${def.startedByRoute}, which does not exist`);
        if (def.type === 'EXPRESS') this.stateMachines[def.id].grantStartSyncExecution(starter);
        else this.stateMachines[def.id].grantStartExecution(starter);
      } else if (!def.startedByStream) throw new Error(`State machine ${def.id} names no starter: a route (startedByRoute) or a stream consumer (startedByStream)`);
      for (const route of def.alsoStartedByRoutes ?? []) {
        const also = functionsByRoute[route];
        if (!also) throw new Error(`State machine ${def.id} is started by route ${route}, which does not exist`);
        this.stateMachines[def.id].grantStartExecution(also);
      }
      for (const route of def.describedByRoutes ?? []) {
        const reader = functionsByRoute[route];
        if (!reader) throw new Error(`State machine ${def.id} is described by route ${route}, which does not exist`);
        // Execution ARNs are made per run: the right covers this machine's executions only. A machine with a
        // Distributed Map also has its run's progress read (ListMapRuns on the execution, DescribeMapRun on its map run).
        this.stateMachines[def.id].grantExecution(reader, 'states:DescribeExecution', ...(def.distributedMap ? ['states:ListMapRuns'] : []));
        if (def.distributedMap) this.grantMapRunReader(reader, def.id, route);
        // The grant lands in the reader's role's policy: acknowledge it there.
        acknowledge(reader.grantPrincipal as unknown as IConstruct, {
          [`IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${Stack.of(this).getLogicalId(this.stateMachines[def.id].node.defaultChild as CfnElement)}"}]}]}:*]`]:
            `${route} reads the executions of ${def.id} it reports on; their names are made per request.`,
        });
      }
    }
  }

  /** DescribeMapRun on this machine's map runs (`mapRun:<machine name>/<label>:<id>`, made per run), for the route reporting progress. */
  private grantMapRunReader(reader: iam.IGrantable, id: string, route: string): void {
    const stack = Stack.of(this);
    const machine = this.stateMachines[id];
    const name = stack.splitArn(machine.stateMachineArn, ArnFormat.COLON_RESOURCE_NAME).resourceName!;
    iam.Grant.addToPrincipal({
      grantee: reader,
      actions: ['states:DescribeMapRun'],
      resourceArns: [stack.formatArn({ service: 'states', resource: 'mapRun', resourceName: `${name}/*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
    });
    const machineId = stack.getLogicalId(machine.node.defaultChild as CfnElement);
    acknowledge(reader.grantPrincipal as unknown as IConstruct, {
      [`IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:mapRun:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}/*]`]:
        `${route} reads the progress of ${id}'s map runs, whose ids Step Functions makes per run.`,
    });
  }

  /**
   * A Distributed Map runs its items as child executions of its own machine (ARNs
   * `execution:<machine name>/<map run>:<id>`). The statement names the machine's own ARN, so it lives in
   * a separate policy: in the role's default policy it would make the machine depend on itself.
   */
  private grantChildExecutions(machine: sfn.StateMachine, id: string): void {
    const stack = Stack.of(this);
    const name = stack.splitArn(machine.stateMachineArn, ArnFormat.COLON_RESOURCE_NAME).resourceName!;
    const policy = new iam.Policy(this, `${id}ChildExecutions`, {
      statements: [
        new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [machine.stateMachineArn] }),
        new iam.PolicyStatement({
          actions: ['states:DescribeExecution', 'states:StopExecution'],
          resources: [stack.formatArn({ service: 'states', resource: 'execution', resourceName: `${name}/*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
        }),
      ],
    });
    policy.attachToRole(machine.role);
    const machineId = stack.getLogicalId(machine.node.defaultChild as CfnElement);
    acknowledge(policy, {
      [`IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}/*]`]:
        `${id}'s Distributed Map follows and stops its own child executions, whose names Step Functions makes per map run.`,
    });
  }

  /** What `states:startExecution.sync:2` needs: start the child, follow and stop its executions, and the managed rule. */
  private grantNestedRun(parent: sfn.StateMachine, child: sfn.StateMachine): void {
    child.grantStartExecution(parent);
    const stack = Stack.of(this);
    const childName = stack.splitArn(child.stateMachineArn, ArnFormat.COLON_RESOURCE_NAME).resourceName!;
    parent.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['states:DescribeExecution', 'states:StopExecution'],
        resources: ['execution', 'express'].map((kind) =>
          stack.formatArn({ service: 'states', resource: kind, resourceName: `${childName}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
        ),
      }),
    );
    parent.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        resources: [stack.formatArn({ service: 'events', resource: 'rule', resourceName: 'StepFunctionsGetEventsForStepFunctionsExecutionRule' })],
      }),
    );
  }
}

/**
 * What a function that starts or paces bulk work (`bulkBudget`, a route's or a task's) is given: the Webex
 * request budget and the Map concurrency, each only when the stack sets it.
 */
export function bulkBudgetEnvironment(requestsPerSecond: number | undefined, maxConcurrency: number | undefined): Record<string, string> {
  return {
    ...(requestsPerSecond !== undefined ? { BULK_WEBEX_REQUESTS_PER_SECOND: String(requestsPerSecond) } : {}),
    ...(maxConcurrency !== undefined ? { [MAX_CONCURRENCY_ENV]: String(maxConcurrency) } : {}),
  };
}

/** The stack's pacing settings (context `webexInitialRequestsPerSecond`, `webexMaxRequestsPerSecond`, `webexInteractiveShare`). */
export interface PacingProps {
  readonly initialRequestsPerSecond?: number;
  readonly maxRequestsPerSecond?: number;
  readonly interactiveShare?: number;
}

/**
 * What a function using the pacing budget is given: each setting only when the stack sets it. The older
 * bulkWebexRequestsPerSecond is the initial rate when no initial rate is set.
 */
export function pacingEnvironment(pacing: PacingProps | undefined, bulkRequestsPerSecond: number | undefined): Record<string, string> {
  const initial = pacing?.initialRequestsPerSecond ?? bulkRequestsPerSecond;
  return {
    ...(initial !== undefined ? { [PACING_ENV.initialRate]: String(initial) } : {}),
    ...(pacing?.maxRequestsPerSecond !== undefined ? { [PACING_ENV.maxRate]: String(pacing.maxRequestsPerSecond) } : {}),
    ...(pacing?.interactiveShare !== undefined ? { [PACING_ENV.interactiveShare]: String(pacing.interactiveShare) } : {}),
  };
}

/** `/aws/vendedlogs/states/<stack>-<machine>`: unique per stack and machine. */
export function stateMachineLogGroupName(stackName: string, machineId: string): string {
  return `/aws/vendedlogs/states/${stackName}-${machineId}`;
}

/** What a task function's row says it needs: the calling license (Webex callers), the bucket's name, the bulk budget, and the settings the stack gives that task (taskEnvironment). */
function taskEnvironment(props: WorkflowStateMachinesProps, task: TaskFunctionDefinition): Record<string, string> | undefined {
  const env: Record<string, string> = {
    ...(props.callingLicense ? { WEBEX_CALLING_LICENSE: props.callingLicense } : {}),
    ...(task.importsBucket && props.importsBucket ? { [IMPORTS_BUCKET_ENV]: props.importsBucket.bucket.bucketName } : {}),
    ...(task.recordsActivity || task.scimStore || task.pacing ? requireActivityTable(props, task.id).environment() : {}),
    ...(task.pacing ? pacingEnvironment(props.pacing, props.bulkWebexRequestsPerSecond) : {}),
    ...(task.bulkBudget ? bulkBudgetEnvironment(props.bulkWebexRequestsPerSecond, props.bulkMaxConcurrency) : {}),
    ...props.taskEnvironment?.[task.id],
  };
  return Object.keys(env).length ? env : undefined;
}

function requireActivityTable(props: WorkflowStateMachinesProps, task: string): ActivityTable {
  if (!props.activityTable) throw new Error(`Task function ${task} records activity: give activityTable`);
  return props.activityTable;
}

function requireBucket(props: WorkflowStateMachinesProps, machine: string): BulkImports {
  if (!props.importsBucket) throw new Error(`State machine ${machine} reads or writes the bulk imports bucket: give importsBucket`);
  return props.importsBucket;
}
