import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RECONCILE_PLAN_TIMEOUT_SECONDS } from '../../functions/lib/state-machines/definitions';
import { WebexProvisioningStack, type WebexProvisioningStackProps } from '../../infra/webex-provisioning-stack';

/** The reconciliation plan side in the stack: its two routes, the ReconcilePlan machine, the optional nightly schedule. */
const synth = (props: WebexProvisioningStackProps = {}) => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new WebexProvisioningStack(app, 'WebexProvisioning', props);
  return { stack, template: Template.fromStack(stack) };
};
const id = (stack: Stack, c: { node: { defaultChild?: unknown } }) => Stack.of(stack).getLogicalId(c.node.defaultChild as never);
const statementsOf = (template: Template, roleId: string) =>
  Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement) as { Action: string | string[]; Resource: unknown; Condition?: unknown }[];
const actions = (s: { Action: string | string[] }) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

const SCHEDULE = { expression: 'cron(0 2 * * ? *)', timezone: 'Europe/Berlin', key: 'rosters/nightly.csv', scope: { emailDomains: ['example.com'] }, allowMoves: true, autoApply: true };

describe('reconciliation plan', () => {
  const { stack, template } = synth({ defaultLeaverPolicy: 'delete', reconcileLeaverThresholds: { maxLeaverPercent: 5, maxLeavers: 20 } });
  const resources = template.toJSON().Resources;

  it('serves POST /reconcile/plans and GET /reconcile/plans/{id} with their own functions, neither holding the Webex secret', () => {
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method')).map((m) => m.Properties.HttpMethod);
    expect(methods).toEqual(expect.arrayContaining(['POST', 'GET']));
    const paths = Object.values(template.findResources('AWS::ApiGateway::Resource')).map((r) => r.Properties.PathPart);
    expect(paths).toEqual(expect.arrayContaining(['reconcile', 'plans', '{id}']));
    const machine = { Ref: id(stack, stack.workflows.stateMachines.ReconcilePlan) };
    for (const route of ['CreateReconcilePlan', 'GetReconcilePlan']) {
      const fn = resources[id(stack, stack.api.functions[route])];
      expect(fn.Properties.Environment.Variables).toMatchObject({ RECONCILE_PLAN_STATE_MACHINE_ARN: machine, BULK_IMPORTS_BUCKET: { Ref: id(stack, stack.bulkImports.bucket as never) } });
      expect(fn.Properties.Environment.Variables.WEBEX_SECRET_ARN).toBeUndefined();
      // POST holds a request to the deployment's thresholds (a ceiling) before it starts anything.
      if (route === 'CreateReconcilePlan') expect(fn.Properties.Environment.Variables).toMatchObject({ RECONCILE_MAX_LEAVER_PERCENT: '5', RECONCILE_MAX_LEAVERS: '20' });
      const statements = statementsOf(template, fn.Properties.Role['Fn::GetAtt'][0]);
      expect(statements.flatMap(actions)).not.toContain('secretsmanager:GetSecretValue');
      expect(statements.filter((s) => actions(s).includes('states:StartExecution')).map((s) => s.Resource)).toEqual(route === 'CreateReconcilePlan' ? [machine] : []);
      expect(statements.some((s) => actions(s).includes('states:DescribeExecution'))).toBe(true);
    }
  });

  it('the ReconcilePlan machine is Standard; its planner may run for Lambda\'s 15 minutes, read Webex and write plans, and knows the defaults', () => {
    const machine = resources[id(stack, stack.workflows.stateMachines.ReconcilePlan)];
    expect(machine.Properties.StateMachineType).toBe('STANDARD');
    const fn = resources[id(stack, stack.workflows.taskFunctions.ReconcilePlanSteps)];
    expect(fn.Properties.Timeout).toBe(RECONCILE_PLAN_TIMEOUT_SECONDS);
    expect(fn.Properties.Environment.Variables).toMatchObject({
      LIFECYCLE_DEFAULT_LEAVER_POLICY: 'delete', RECONCILE_MAX_LEAVER_PERCENT: '5', RECONCILE_MAX_LEAVERS: '20',
      BULK_IMPORTS_BUCKET: { Ref: id(stack, stack.bulkImports.bucket as never) }, WEBEX_SECRET_ARN: expect.anything(),
    });
    const s3 = statementsOf(template, fn.Properties.Role['Fn::GetAtt'][0]).filter((s) => actions(s).some((a) => a.startsWith('s3:')));
    expect(s3.flatMap(actions).sort()).toEqual(['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
    // The Task outlasts its function (the rule of test/infra/state-machines.test.ts), and the execution both.
    const asl = JSON.parse(readFileSync(join(__dirname, '../../statemachines/reconcile-plan.asl.json'), 'utf8'));
    expect(asl.States.CreatePlan.TimeoutSeconds).toBeGreaterThan(RECONCILE_PLAN_TIMEOUT_SECONDS);
    expect(asl.TimeoutSeconds).toBeGreaterThan(asl.States.CreatePlan.TimeoutSeconds * 3);
    expect(machine.Properties.DefinitionSubstitutions.LifecycleEventBusName).toBeDefined();
  });

  it("autoApply's grant: the ReconcilePlan machine may start the ReconcileApply machine (no .sync), and nothing more on it", () => {
    const plan = stack.workflows.stateMachines.ReconcilePlan;
    const apply = { Ref: id(stack, stack.workflows.stateMachines.ReconcileApply) };
    expect(resources[id(stack, plan)].Properties.DefinitionSubstitutions.ReconcileApplyStateMachineArn).toEqual(apply);
    const statements = statementsOf(template, id(stack, plan.role as never));
    // And itself: a scheduled run starts plan-<id> (startsItself).
    expect(statements.filter((s) => actions(s).includes('states:StartExecution')).map((s) => ({ Action: s.Action, Resource: s.Resource }))).toEqual([
      { Action: 'states:StartExecution', Resource: apply },
      { Action: 'states:StartExecution', Resource: { Ref: id(stack, plan) } },
    ]);
    // Fire and forget: no following or stopping its executions, no managed rule for .sync.
    const states = statements.flatMap(actions).filter((a) => a.startsWith('states:'));
    expect([...new Set(states)]).toEqual(['states:StartExecution']);
    expect(statements.flatMap(actions)).not.toContain('events:PutRule');
    // The ASL's start is the one the grant covers.
    const asl = JSON.parse(readFileSync(join(__dirname, '../../statemachines/reconcile-plan.asl.json'), 'utf8'));
    expect(asl.States.StartApply).toMatchObject({ Resource: 'arn:aws:states:::states:startExecution', Parameters: { StateMachineArn: '${ReconcileApplyStateMachineArn}' } });
  });

  it('GET /reconcile/plans/{id} may describe the ReconcileApply executions (applying, apply-failed) and has its ARN', () => {
    const fn = resources[id(stack, stack.api.functions.GetReconcilePlan)];
    const apply = stack.workflows.stateMachines.ReconcileApply;
    expect(fn.Properties.Environment.Variables.RECONCILE_APPLY_STATE_MACHINE_ARN).toEqual({ Ref: id(stack, apply) });
    const described = statementsOf(template, fn.Properties.Role['Fn::GetAtt'][0]).filter((s) => actions(s).includes('states:DescribeExecution'));
    expect(JSON.stringify(described.map((s) => s.Resource))).toContain(id(stack, apply));
    expect(JSON.stringify(described.map((s) => s.Resource))).toContain(id(stack, stack.workflows.stateMachines.ReconcilePlan));
  });

  it('creates no schedule unless reconcileSchedule is set', () => {
    expect(stack.reconcileSchedule).toBeUndefined();
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule'));
    expect(schedules.map((s) => s.Properties.Target.Arn)).not.toContainEqual({ Ref: id(stack, stack.workflows.stateMachines.ReconcilePlan) });
    expect(schedules).toHaveLength(2); // the token rotator's and the daily count of free numbers
  });
});

describe('reconcileSchedule', () => {
  const { stack, template } = synth({ reconcileSchedule: SCHEDULE });
  const machineRef = { Ref: id(stack, stack.workflows.stateMachines.ReconcilePlan) };

  it('starts the ReconcilePlan machine on the expression, in the time zone, with the fixed key, scope and policy', () => {
    const schedule = Object.values(template.findResources('AWS::Scheduler::Schedule')).find((s) => JSON.stringify(s.Properties.Target.Arn) === JSON.stringify(machineRef));
    expect(schedule).toBeDefined();
    expect(schedule!.Properties).toMatchObject({ ScheduleExpression: 'cron(0 2 * * ? *)', ScheduleExpressionTimezone: 'Europe/Berlin', State: 'ENABLED' });
    // The schedule's ARN and the time the start was due: the plan id derives from them, the same on every retry.
    expect(JSON.parse(schedule!.Properties.Target.Input)).toEqual({
      request: { key: 'rosters/nightly.csv', scope: { emailDomains: ['example.com'] }, allowMoves: true },
      autoApply: true,
      scheduleArn: '<aws.scheduler.schedule-arn>',
      scheduledTime: '<aws.scheduler.scheduled-time>',
    });
    expect(schedule!.Properties.Target.RetryPolicy).toMatchObject({ MaximumRetryAttempts: 2 });
  });

  it('a start that still fails after the retries goes to an encrypted DLQ; the DLQ, target errors and drops alarm on the alarm topic', () => {
    const schedule = Object.values(template.findResources('AWS::Scheduler::Schedule')).find((s) => JSON.stringify(s.Properties.Target.Arn) === JSON.stringify(machineRef))!;
    const dlq = stack.reconcileSchedule!.deadLetterQueue;
    expect(schedule.Properties.Target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [id(stack, dlq as never), 'Arn'] } });
    expect(template.toJSON().Resources[id(stack, dlq as never)].Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
    // The role may send to it (Scheduler sends with the schedule's role).
    const roleId = id(stack, stack.reconcileSchedule!.role as never);
    expect(statementsOf(template, roleId).filter((s) => actions(s).includes('sqs:SendMessage')).map((s) => s.Resource)).toEqual([{ 'Fn::GetAtt': [id(stack, dlq as never), 'Arn'] }]);
    const topic = { Ref: id(stack, stack.rotation.alarmTopic as never) };
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    const on = (metricName: string) => alarms.filter((a) => a.Properties.MetricName === metricName);
    expect(on('ApproximateNumberOfMessagesVisible').filter((a) => JSON.stringify(a.Properties.Dimensions).includes(id(stack, dlq as never)))).toEqual([
      expect.objectContaining({ Properties: expect.objectContaining({ Threshold: 1, AlarmActions: [topic] }) }),
    ]);
    for (const metric of ['TargetErrorCount', 'InvocationDroppedCount']) {
      expect(on(metric)).toEqual([
        expect.objectContaining({ Properties: expect.objectContaining({ Namespace: 'AWS/Scheduler', Dimensions: [{ Name: 'ScheduleGroup', Value: 'default' }], Threshold: 1, AlarmActions: [topic] }) }),
      ]);
    }
  });

  it('the ReconcilePlan machine may start itself (the scheduled run starts plan-<id>), in a policy of its own', () => {
    const plan = stack.workflows.stateMachines.ReconcilePlan;
    const roleId = id(stack, plan.role as never);
    const starts = statementsOf(template, roleId).filter((s) => actions(s).includes('states:StartExecution')).map((s) => s.Resource);
    expect(starts).toEqual(expect.arrayContaining([machineRef]));
    const asl = JSON.parse(readFileSync(join(__dirname, '../../statemachines/reconcile-plan.asl.json'), 'utf8'));
    expect(asl.States.StartScheduledPlan).toMatchObject({ Resource: 'arn:aws:states:::states:startExecution', Parameters: { 'StateMachineArn.$': '$$.StateMachine.Id' } });
  });

  it("the schedule's role may start that machine and nothing else, assumed by EventBridge Scheduler only", () => {
    const roleId = id(stack, stack.reconcileSchedule!.role as never);
    const role = template.toJSON().Resources[roleId];
    // Only Scheduler acting for this account's schedules (the confused deputy): aws:SourceAccount.
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } },
    ]);
    expect(statementsOf(template, roleId).filter((s) => !actions(s).includes('sqs:SendMessage')).map((s) => ({ Action: s.Action, Resource: s.Resource }))).toEqual([{ Action: 'states:StartExecution', Resource: machineRef }]);
  });

  it.each([
    [{ ...SCHEDULE, expression: '0 2 * * *' }, /reconcileSchedule.expression/],
    [{ ...SCHEDULE, timezone: 'Mars/Olympus' }, /reconcileSchedule.timezone/],
    [{ ...SCHEDULE, key: undefined as unknown as string }, /reconcileSchedule.key is required/],
    [{ ...SCHEDULE, key: '../etc/passwd' }, /reconcileSchedule.key/],
    [{ ...SCHEDULE, scope: {} }, /reconcileSchedule.scope.emailDomains/],
    [{ ...SCHEDULE, scope: { emailDomains: ['@example.com'] } }, /reconcileSchedule.scope.emailDomains.0/],
    [{ ...SCHEDULE, leaverPolicy: 'purge' as never }, /reconcileSchedule.leaverPolicy/],
    [{ ...SCHEDULE, users: [] } as never, /reconcileSchedule/],
  ])('a bad schedule fails synth naming the field (%#)', (reconcileSchedule, message) => {
    expect(() => synth({ reconcileSchedule })).toThrow(message);
  });

  it("a schedule's thresholds may tighten the stack's, never raise them: synth fails naming the field", () => {
    const ceiling = { maxLeaverPercent: 5, maxLeavers: 20 };
    expect(() => synth({ reconcileLeaverThresholds: ceiling, reconcileSchedule: { ...SCHEDULE, thresholds: { maxLeavers: 21 } } })).toThrow(/reconcileSchedule.thresholds.maxLeavers/);
    expect(() => synth({ reconcileSchedule: { ...SCHEDULE, thresholds: { maxLeaverPercent: 50 } } })).toThrow(/reconcileSchedule.thresholds.maxLeaverPercent/);
    expect(() => synth({ reconcileLeaverThresholds: ceiling, reconcileSchedule: { ...SCHEDULE, thresholds: { maxLeaverPercent: 1, maxLeavers: 20 } } })).not.toThrow();
  });

  it('the stored plans are written by the planner alone, the apply\'s items and reports by the apply\'s steps alone: the bucket policy denies everyone else', () => {
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy'))[0];
    const bucket = id(stack, stack.bulkImports.bucket as never);
    const roleArn = (task: string) => ({ 'Fn::GetAtt': [id(stack, stack.workflows.taskFunctions[task].role as never), 'Arn'] });
    const denies = (policy.Properties.PolicyDocument.Statement as { Effect: string; Principal: unknown; Action: string[]; Resource: unknown; Condition?: unknown }[]).filter((s) => s.Effect === 'Deny' && s.Condition && 'ArnNotEquals' in (s.Condition as object));
    const under = (prefix: string) => denies.find((s) => JSON.stringify(s.Resource).includes(`/${prefix}*`));
    for (const [prefix, writer] of [['plans/', 'ReconcilePlanSteps'], ['applies/', 'ReconcileApplySteps']] as const) {
      const statement = under(prefix);
      expect(statement).toMatchObject({ Principal: { AWS: '*' }, Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucket, 'Arn'] }, `/${prefix}*`]] }, Condition: { ArnNotEquals: { 'aws:PrincipalArn': [roleArn(writer)] } } });
      expect(statement!.Action).toEqual(expect.arrayContaining(['s3:PutObject', 's3:DeleteObject']));
    }
    // The roster uploader's grant (the plan route's, any role with s3:PutObject on the bucket) is not among the writers.
    const createRole = template.toJSON().Resources[id(stack, stack.api.functions.CreateReconcilePlan)].Properties.Role;
    expect(JSON.stringify(denies.map((s) => s.Condition))).not.toContain(JSON.stringify(createRole));
  });

  it('bad thresholds fail synth naming the field', () => {
    expect(() => synth({ reconcileLeaverThresholds: { maxLeaverPercent: 150 } })).toThrow(/reconcileLeaverThresholds is invalid: maxLeaverPercent/);
    expect(() => synth({ reconcileLeaverThresholds: { maxLeavers: 2.5 } })).toThrow(/maxLeavers/);
  });
});
