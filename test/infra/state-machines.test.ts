import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CSV_BATCH_SIZE, CSV_MAX_ROWS } from '../../functions/lib/bulk/csv-joiners';
import { stateMachines, type StateMachineDefinition } from '../../functions/lib/state-machines/definitions';
import { MACHINE_TIMEOUT_SUBSTITUTION } from '../../functions/lib/state-machines/machine-timeout';
import { WebexProvisioningStack } from '../../infra/webex-provisioning-stack';

const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
const stack = new WebexProvisioningStack(app, 'WebexProvisioning', { callingLicense: 'Webex Calling - Basic' });
const template = Template.fromStack(stack);
const id = (c: { node: { defaultChild?: unknown } }) => Stack.of(stack).getLogicalId(c.node.defaultChild as never);

describe('state machines', () => {
  it.each(stateMachines.map((m) => [m.id, m] as const))('%s is the ASL file from statemachines/, with its tasks substituted', (name, def) => {
    const machine = stack.workflows.stateMachines[name];
    const resource = template.toJSON().Resources[id(machine)];
    expect(resource.Properties.StateMachineType).toBe(def.type);
    // DefinitionBody.fromFile ships the file itself as an asset; CloudFormation applies the substitutions. A machine
    // with a TimeoutSeconds of its own (a shared file) ships the file's text inline with that timeout in its place.
    const file = readFileSync(join(__dirname, '..', '..', def.definitionFile), 'utf8');
    const own = (def as StateMachineDefinition).timeoutSeconds;
    if (own === undefined) {
      expect(resource.Properties.DefinitionS3Location).toMatchObject({ Key: expect.stringMatching(/\.json$/) });
      expect(resource.Properties.DefinitionString).toBeUndefined();
    } else {
      expect(resource.Properties.DefinitionS3Location).toBeUndefined();
      expect(JSON.parse(resource.Properties.DefinitionString)).toEqual({ ...JSON.parse(file), TimeoutSeconds: own });
    }
    expect(resource.Properties.DefinitionSubstitutions[MACHINE_TIMEOUT_SUBSTITUTION]).toBe(String(own ?? JSON.parse(file).TimeoutSeconds));
    for (const task of def.taskFunctions) {
      expect(file).toContain(`\${${task.substitution}}`);
      expect(resource.Properties.DefinitionSubstitutions[task.substitution]).toEqual({
        'Fn::GetAtt': [id(stack.workflows.taskFunctions[task.id]), 'Arn'],
      });
    }
    expect(resource.Properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(resource.Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
  });

  it('lets each state machine invoke its task functions', () => {
    for (const def of stateMachines) {
      const role = id(stack.workflows.stateMachines[def.id].role as never);
      const statements = Object.values(template.findResources('AWS::IAM::Policy'))
        .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role))
        .flatMap((p) => p.Properties.PolicyDocument.Statement);
      for (const task of def.taskFunctions) {
        const fnId = id(stack.workflows.taskFunctions[task.id]);
        expect(statements).toContainEqual(
          expect.objectContaining({ Action: 'lambda:InvokeFunction', Resource: expect.arrayContaining([{ 'Fn::GetAtt': [fnId, 'Arn'] }]) }),
        );
      }
    }
  });

  it('gives the starting API function the ARN and the right to start that machine only (sync for Express)', () => {
    for (const def of stateMachines as readonly StateMachineDefinition[]) {
      // ScimApply is started by the activity table's stream (scim-write-stream.test.ts).
      if (!def.startedByRoute) continue;
      const starter = stack.api.functions[def.startedByRoute];
      const fn = template.toJSON().Resources[id(starter)];
      expect(fn.Properties.Environment.Variables[def.arnEnv]).toEqual({ Ref: id(stack.workflows.stateMachines[def.id]) });
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: fn.Properties.Role['Fn::GetAtt'][0] }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Action: def.type === 'EXPRESS' ? 'states:StartSyncExecution' : 'states:StartExecution',
              Resource: { Ref: id(stack.workflows.stateMachines[def.id]) },
            }),
          ]),
        },
      });
    }
  });

  it('passes the configured calling license to the steps function', () => {
    const steps = template.toJSON().Resources[id(stack.workflows.taskFunctions.EnableCallingSteps)];
    expect(steps.Properties.Environment.Variables.WEBEX_CALLING_LICENSE).toBe('Webex Calling - Basic');
    expect(steps.Properties.Timeout).toBe(30);
  });
});

describe('lifecycle state machines', () => {
  const roleStatements = (machineId: string) => {
    const role = id(stack.workflows.stateMachines[machineId].role as never);
    return Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role))
      .flatMap((p) => p.Properties.PolicyDocument.Statement) as { Action: string | string[]; Resource: unknown }[];
  };
  const allows = (machineId: string, action: string) =>
    roleStatements(machineId).filter((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]).includes(action));

  it('lets a machine that nests another start it and follow its executions (startExecution.sync:2)', () => {
    for (const def of stateMachines) {
      for (const nested of (def as { nestedStateMachines?: readonly { stateMachine: string; substitution: string }[] }).nestedStateMachines ?? []) {
        expect(allows(def.id, 'states:StartExecution').map((s) => s.Resource)).toContainEqual({ Ref: id(stack.workflows.stateMachines[nested.stateMachine]) });
        // One statement per nested machine's executions (a Distributed Map adds one for its own children).
        const nestedCount = (def as { nestedStateMachines?: readonly unknown[] }).nestedStateMachines?.length ?? 0;
        expect(allows(def.id, 'states:DescribeExecution')).toHaveLength(nestedCount + ((def as { distributedMap?: unknown }).distributedMap ? 1 : 0));
        expect(JSON.stringify(allows(def.id, 'events:PutRule')[0].Resource)).toContain('StepFunctionsGetEventsForStepFunctionsExecutionRule');
        const resource = template.toJSON().Resources[id(stack.workflows.stateMachines[def.id])];
        expect(resource.Properties.DefinitionSubstitutions[nested.substitution]).toEqual({ Ref: id(stack.workflows.stateMachines[nested.stateMachine]) });
      }
    }
  });

  it('lets the machines that publish outcomes put events on the lifecycle bus only', () => {
    for (const def of stateMachines.filter((m) => (m as { eventBusSubstitution?: string }).eventBusSubstitution)) {
      const put = allows(def.id, 'events:PutEvents');
      expect(put).toHaveLength(1);
      expect(JSON.stringify(put[0].Resource)).toContain('LifecycleBus');
    }
  });
});

describe('bulk joiners from CSV (Distributed Map)', () => {
  const policiesOf = (roleId: string) =>
    Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement) as { Action: string | string[]; Resource: unknown }[];
  const actionsOf = (s: { Action: string | string[] }) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
  const machine = () => stack.workflows.stateMachines.BulkJoinersCsv;
  const bucketId = () => id(stack.bulkImports.bucket as never);

  it('reads the CSV and writes its results in the imports bucket only, and runs and follows its own child executions', () => {
    const statements = policiesOf(id(machine().role as never));
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3.flatMap(actionsOf).sort()).toEqual(['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListBucket', 's3:ListMultipartUploadParts', 's3:PutObject']);
    for (const s of s3) expect(JSON.stringify(s.Resource)).toContain(bucketId());
    const self = { Ref: id(machine()) };
    expect(statements.filter((s) => actionsOf(s).includes('states:StartExecution')).map((s) => s.Resource)).toContainEqual(self);
    const children = statements.filter((s) => actionsOf(s).includes('states:DescribeExecution') && JSON.stringify(s.Resource).includes(id(machine())));
    expect(JSON.stringify(children[0].Resource)).toContain('/*');
  });

  it('the bucket is encrypted, TLS-only, private, retained, and expires the raw map results', () => {
    const bucket = template.toJSON().Resources[bucketId()];
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.LifecycleConfiguration.Rules).toContainEqual(expect.objectContaining({ Prefix: 'bulk-results/', ExpirationInDays: 30, Status: 'Enabled' }));
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy'))[0];
    expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('aws:SecureTransport');
  });

  it('the starting route reads uploads (with ListBucket) and knows the bucket; the steps read results and write reports', () => {
    const start = template.toJSON().Resources[id(stack.api.functions.StartBulkJoinersCsv)];
    expect(start.Properties.Environment.Variables.BULK_IMPORTS_BUCKET).toEqual({ Ref: bucketId() });
    const steps = policiesOf(id(stack.workflows.taskFunctions.BulkJoinersCsvSteps.role as never));
    expect(steps.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:'))).flatMap(actionsOf).sort()).toEqual(['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
  });

  it('the definition keeps its Distributed Map: CSV ItemReader, batches of 100 (the preflight limits agree), ResultWriter', () => {
    const definition = JSON.parse(readFileSync(join(__dirname, '../../statemachines/bulk-joiners-csv.asl.json'), 'utf8'));
    const map = definition.States.JoinRows;
    expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
    expect(map.ItemReader.ReaderConfig).toEqual({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItems: CSV_MAX_ROWS });
    expect(map.ItemBatcher.MaxItemsPerBatch).toBe(CSV_BATCH_SIZE);
    expect(map.ResultWriter.Resource).toBe('arn:aws:states:::s3:putObject');
  });

  it('every Lambda Task outlasts its function (a slow step ends as Sandbox.Timedout, never a second invocation racing the first) and retries its timeouts', () => {
    type State = { Type: string; Resource?: string; TimeoutSeconds?: number; Retry?: { ErrorEquals: string[] }[]; Branches?: { States: Record<string, State> }[]; ItemProcessor?: { States: Record<string, State> } };
    const tasks = (states: Record<string, State>): [string, State][] =>
      Object.entries(states).flatMap(([name, st]) => [
        ...(st.Type === 'Task' ? [[name, st] as [string, State]] : []),
        ...(st.Branches ?? []).flatMap((b) => tasks(b.States)),
        ...(st.ItemProcessor ? tasks(st.ItemProcessor.States) : []),
      ]);
    let checked = 0;
    for (const def of stateMachines) {
      const file = JSON.parse(readFileSync(join(__dirname, '..', '..', def.definitionFile), 'utf8'));
      for (const [name, state] of tasks(file.States)) {
        const task = def.taskFunctions.find((f) => state.Resource === `\${${f.substitution}}`);
        if (!task) continue;
        const timeout = template.toJSON().Resources[id(stack.workflows.taskFunctions[task.id])].Properties.Timeout as number;
        expect([def.id, name, state.TimeoutSeconds! >= timeout && state.TimeoutSeconds! <= timeout + 15]).toEqual([def.id, name, true]);
        const retried = (state.Retry ?? []).flatMap((r) => r.ErrorEquals);
        expect([def.id, name, retried]).toEqual([def.id, name, expect.arrayContaining(['Sandbox.Timedout', 'Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException'])]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(25);
  });
});

describe('reconcile apply (Distributed Map over a plan)', () => {
  const policiesOf = (roleId: string) =>
    Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement) as { Action: string | string[]; Resource: unknown }[];
  const actionsOf = (s: { Action: string | string[] }) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
  const machine = () => stack.workflows.stateMachines.ReconcileApply;
  const bucketId = () => id(stack.bulkImports.bucket as never);
  const fn = (c: { node: { defaultChild?: unknown } }) => template.toJSON().Resources[id(c)];
  const roleOf = (c: { role?: unknown }) => id(c.role as never);

  it('reads the items and writes the results in the imports bucket only, runs its own children, and nests the four machines', () => {
    const statements = policiesOf(id(machine().role as never));
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3.flatMap(actionsOf).sort()).toEqual(['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListBucket', 's3:ListMultipartUploadParts', 's3:PutObject']);
    for (const s of s3) expect(JSON.stringify(s.Resource)).toContain(bucketId());
    const started = statements.filter((s) => actionsOf(s).includes('states:StartExecution')).map((s) => s.Resource);
    for (const m of ['ReconcileApply', 'Joiner', 'Mover', 'Leaver', 'EnableCalling']) expect(started).toContainEqual({ Ref: id(stack.workflows.stateMachines[m]) });
    expect(JSON.stringify(statements.filter((s) => actionsOf(s).includes('events:PutEvents')))).toContain('LifecycleBus');
  });

  it('the route knows the bucket and the machine, may read plans and start it (not describe: GET does); no Webex secret', () => {
    const route = fn(stack.api.functions.ApplyReconcilePlan);
    expect(route.Properties.Environment.Variables).toMatchObject({ BULK_IMPORTS_BUCKET: { Ref: bucketId() }, RECONCILE_APPLY_STATE_MACHINE_ARN: { Ref: id(machine()) } });
    expect(route.Properties.Environment.Variables.WEBEX_SECRET_ARN).toBeUndefined();
    const statements = policiesOf(route.Properties.Role['Fn::GetAtt'][0]);
    expect(statements.flatMap(actionsOf)).toEqual(expect.arrayContaining(['s3:GetObject', 'states:StartExecution']));
    expect(statements.flatMap(actionsOf)).not.toContain('states:DescribeExecution');
    expect(statements.flatMap(actionsOf)).not.toContain('s3:PutObject');
  });

  it('the steps function has the bucket (read, write) and no Webex; the check function has Webex and no bucket', () => {
    const steps = stack.workflows.taskFunctions.ReconcileApplySteps;
    const check = stack.workflows.taskFunctions.ReconcileApplyCheck;
    expect(fn(steps).Properties.Environment.Variables).toMatchObject({ BULK_IMPORTS_BUCKET: { Ref: bucketId() } });
    expect(fn(steps).Properties.Environment.Variables.WEBEX_SECRET_ARN).toBeUndefined();
    expect(policiesOf(roleOf(steps)).flatMap(actionsOf).filter((a) => a.startsWith('s3:')).sort()).toEqual(['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
    expect(fn(check).Properties.Environment.Variables.WEBEX_SECRET_ARN).toBeDefined();
    expect(fn(check).Properties.Environment.Variables.BULK_IMPORTS_BUCKET).toBeUndefined();
    expect(policiesOf(roleOf(check)).flatMap(actionsOf).some((a) => a.startsWith('s3:'))).toBe(false);
  });

  it('the stack budget reaches the task function that paces to it, as it reaches the routes', () => {
    const budgeted = new WebexProvisioningStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Budgeted', { bulkWebexRequestsPerSecond: 12 });
    const resources = Template.fromStack(budgeted).toJSON().Resources;
    const env = (c: { node: { defaultChild?: unknown } }) => resources[Stack.of(budgeted).getLogicalId(c.node.defaultChild as never)].Properties.Environment.Variables;
    expect(env(budgeted.workflows.taskFunctions.ReconcileApplySteps).BULK_WEBEX_REQUESTS_PER_SECOND).toBe('12');
    expect(env(budgeted.api.functions.ApplyReconcilePlan).BULK_WEBEX_REQUESTS_PER_SECOND).toBe('12');
    expect(env(budgeted.workflows.taskFunctions.ReconcileApplyCheck).BULK_WEBEX_REQUESTS_PER_SECOND).toBeUndefined();
  });
});
