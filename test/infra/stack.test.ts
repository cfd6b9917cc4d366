import { flatTemplate } from '../support/flat-template';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { routes, type RouteDefinition } from '../../functions/routes';
import { functionRows } from '../../functions/function-rows';
import { isScimRoute, talksToWebex } from '../../functions/lib/http/route';
import { stateMachines as machineRows, type StateMachineDefinition, type TaskFunctionDefinition } from '../../functions/lib/state-machines/definitions';

const stateMachines: readonly StateMachineDefinition[] = machineRows;
import { ENV, READ_SECRET_THROUGH_EXTENSION, ServiceAppSecretSchema } from '../../functions/lib/tokens/service-app-secret';
import { configFromContext } from '../../infra/config';
import { PLACEHOLDER_SECRET_TEMPLATE } from '../../infra/constructs/webex-secret';
import { DEFAULT_API_THROTTLE } from '../../infra/constructs/workflow-api';
import { DEFAULT_WEBEX_BASE_URL, WorkflowFunction } from '../../infra/constructs/workflow-function';
import { WebexProvisioningStack, type WebexProvisioningStackProps } from '../../infra/webex-provisioning-stack';
import { SCIM_TOKEN_PLACEHOLDER } from '../../infra/constructs/scim-token-secret';

// Every Lambda of the stack: the route functions, every state machine's task functions, and the functions with a
// row of their own (the lifecycle router, the rotator, the count of free numbers, the API authorizer, the stream consumer).
const SCIM_ROUTES = (routes as readonly RouteDefinition[]).filter((r) => isScimRoute(r));
const TASK_FUNCTIONS = stateMachines.reduce((n, m) => n + m.taskFunctions.length, 0);
const ALL_FUNCTIONS = routes.length + TASK_FUNCTIONS + functionRows.length;
// Functions that read the secret: those whose row declares Webex requests (routes, task functions, function rows).
const SECRET_READERS =
  functionRows.filter((r) => r.webex).length +
  (routes as readonly RouteDefinition[]).filter((r) => talksToWebex(r)).length +
  stateMachines.flatMap((m) => m.taskFunctions as readonly TaskFunctionDefinition[]).filter((t) => t.webex !== false).length;

// Asset bundling is skipped for every stack here except in the one bundling test at the end.
const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] as string[] };
const EXISTING_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:webex-provisioning-AbC123';
const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

type Json = Record<string, any>;

// What the Parameters and Secrets extension layer brings (CDK's defaults), with its cache turned off (TTL 0):
// the functions' own 60 s token cache is the only one (see workflow-function.ts).
const SECRETS_EXTENSION_ENV = {
  [ENV.secretReader]: READ_SECRET_THROUGH_EXTENSION,
  PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED: 'true',
  PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE: '1000',
  PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: '2773',
  PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: 'info',
  PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS: '3',
  SECRETS_MANAGER_TIMEOUT_MILLIS: '0',
  SECRETS_MANAGER_TTL: '0',
  SSM_PARAMETER_STORE_TIMEOUT_MILLIS: '0',
  SSM_PARAMETER_STORE_TTL: '300',
};
const SECRETS_EXTENSION_LAYER = [{ 'Fn::FindInMap': [expect.any(String), { Ref: 'AWS::Region' }, '1x0x103xarm64'] }];
type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };

function synth(props: WebexProvisioningStackProps = {}) {
  const app = new App({ context: SKIP_BUNDLING });
  const stack = new WebexProvisioningStack(app, 'WebexProvisioning', props);
  return { stack, template: flatTemplate(stack) };
}

const logicalId = (stack: Stack, construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as never);

const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resources = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

/** Every IAM statement in the template: AWS::IAM::Policy documents and roles' inline policies. */
function allStatements(template: Template): Statement[] {
  const out: Statement[] = [];
  for (const p of Object.values(template.findResources('AWS::IAM::Policy'))) out.push(...p.Properties.PolicyDocument.Statement);
  for (const r of Object.values(template.findResources('AWS::IAM::Role'))) {
    for (const p of r.Properties.Policies ?? []) out.push(...p.PolicyDocument.Statement);
  }
  return out;
}

/** Statements granted to one function's execution role. */
function roleStatements(template: Template, roleId: string): Statement[] {
  const out: Statement[] = [];
  const role = template.toJSON().Resources[roleId];
  for (const p of role.Properties.Policies ?? []) out.push(...p.PolicyDocument.Statement);
  for (const p of Object.values(template.findResources('AWS::IAM::Policy'))) {
    if (p.Properties.Roles.some((r: Json) => r.Ref === roleId)) out.push(...p.Properties.PolicyDocument.Statement);
  }
  return out;
}

/** "METHOD /full/path" for every API Gateway method, rebuilt from the resource tree. */
function apiRoutes(template: Template): { key: string; method: Json }[] {
  const resourcesById = template.findResources('AWS::ApiGateway::Resource');
  const pathOf = (ref: Json): string => {
    if (ref['Fn::GetAtt']?.[1] === 'RootResourceId') return '';
    const res = resourcesById[ref.Ref];
    if (!res) throw new Error(`unknown parent ${JSON.stringify(ref)}`);
    return `${pathOf(res.Properties.ParentId)}/${res.Properties.PathPart}`;
  };
  return Object.values(template.findResources('AWS::ApiGateway::Method')).map((method) => ({
    key: `${method.Properties.HttpMethod} ${pathOf(method.Properties.ResourceId) || '/'}`,
    method,
  }));
}

describe('WebexProvisioning stack (defaults)', () => {
  let stack: WebexProvisioningStack;
  let template: Template;
  beforeAll(() => {
    ({ stack, template } = synth());
  });

  test('one workflow function per route, on Node.js 22 / arm64 with the suite defaults and env', () => {
    // One per route, plus the token rotator and the state machine's task function.
    template.resourceCountIs('AWS::Lambda::Function', ALL_FUNCTIONS);
    const secretId = logicalId(stack, stack.secret.secret);
    for (const route of routes) {
      const fn = stack.api.functions[route.id];
      expect(fn).toBeInstanceOf(WorkflowFunction);
      expect(fn.node.id).toBe(route.id);
      const props = template.toJSON().Resources[logicalId(stack, fn)].Properties;
      expect(props).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 512,
        Timeout: 28,
        TracingConfig: { Mode: 'Active' },
      });
      const webexRoute = talksToWebex(route as RouteDefinition);
      expect(props.Environment.Variables).toEqual({
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'webex-provisioning',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        // Only a function that talks to Webex knows where, and which secret.
        ...(webexRoute ? { [ENV.baseUrl]: DEFAULT_WEBEX_BASE_URL, [ENV.secretArn]: { Ref: secretId }, ...SECRETS_EXTENSION_ENV } : {}),
        ...((route as RouteDefinition).importsBucket ? { BULK_IMPORTS_BUCKET: { Ref: logicalId(stack, stack.bulkImports.bucket) } } : {}),
        // A function that reads or writes the activity table knows it, and the retention.
        ...(route.needs.includes('activity') || route.needs.includes('scim') ? { ACTIVITY_TABLE_NAME: { Ref: logicalId(stack, stack.activity.table) }, ACTIVITY_RETENTION_DAYS: '400' } : {}),
        // A function that starts (or reports on) a state machine also gets its ARN.
        ...Object.fromEntries(
          stateMachines
            .filter((m) => m.startedByRoute === route.id || (m as { alsoStartedByRoutes?: readonly string[] }).alsoStartedByRoutes?.includes(route.id) || (m as { describedByRoutes?: readonly string[] }).describedByRoutes?.includes(route.id))
            .map((m) => [m.arnEnv, { Ref: logicalId(stack, stack.workflows.stateMachines[m.id]) }]),
        ),
      });
    }
  });

  test('functions that talk to Webex read the secret through the Parameters and Secrets extension; the others, the rotator and the router have no layer', () => {
    const webexRoutes = (routes as readonly RouteDefinition[]).filter((r) => talksToWebex(r)).map((r) => stack.api.functions[r.id]);
    const webexTasks = stateMachines.flatMap((m) => m.taskFunctions as readonly TaskFunctionDefinition[]).filter((t) => t.webex !== false).map((t) => stack.workflows.taskFunctions[t.id]);
    const functions = [...webexRoutes, ...webexTasks];
    expect(functions.length).toBeGreaterThan(10);
    for (const fn of functions) {
      const props = template.toJSON().Resources[logicalId(stack, fn)].Properties;
      expect(props.Layers).toEqual(SECRETS_EXTENSION_LAYER);
      expect(props.Environment.Variables).toMatchObject(SECRETS_EXTENSION_ENV);
    }
    // The rotator writes versions with the SDK client; the others never read the secret.
    const others = [
      ...(routes as readonly RouteDefinition[]).filter((r) => !talksToWebex(r)).map((r) => stack.api.functions[r.id]),
      ...stateMachines.flatMap((m) => m.taskFunctions as readonly TaskFunctionDefinition[]).filter((t) => t.webex === false).map((t) => stack.workflows.taskFunctions[t.id]),
    ];
    expect(others.length).toBeGreaterThan(0);
    for (const fn of [stack.rotation.function, stack.lifecycle.router, ...others]) {
      const props = template.toJSON().Resources[logicalId(stack, fn)].Properties;
      expect(props.Layers).toBeUndefined();
      expect(Object.keys(props.Environment.Variables).filter((k) => k in SECRETS_EXTENSION_ENV)).toEqual([]);
    }
  });

  test('the extension layer can be named for a partition CDK does not list (secretsExtensionLayerArn)', () => {
    const arn = 'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:1';
    const app = new App({ context: { secretsExtensionLayerArn: arn } });
    const govStack = new WebexProvisioningStack(app, 'Gov');
    const fn = govStack.api.functions.GetUser;
    expect(flatTemplate(govStack).toJSON().Resources[logicalId(govStack, fn)].Properties.Layers).toEqual([arn]);
  });

  test('every API method uses IAM authorisation, but the SCIM routes, behind the authorizer on the SCIM API', () => {
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method'));
    expect(methods.filter((m) => m.Properties.AuthorizationType === 'AWS_IAM')).toHaveLength(routes.length - SCIM_ROUTES.length);
    expect(methods.filter((m) => m.Properties.AuthorizationType === 'CUSTOM')).toHaveLength(SCIM_ROUTES.length);
    expect(methods).toHaveLength(routes.length);
  });

  test('methods and resources are exactly the route table, each proxying to its own function', () => {
    const found = apiRoutes(template);
    expect(found.map((r) => r.key).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());

    for (const route of routes) {
      const { method } = found.find((r) => r.key === `${route.method} ${route.path}`)!;
      expect(method.Properties.Integration.Type).toBe('AWS_PROXY');
      expect(method.Properties.Integration.IntegrationHttpMethod).toBe('POST');
      expect(method.Properties.OperationName).toBe(route.id);
      const uri = JSON.stringify(method.Properties.Integration.Uri);
      expect(uri).toContain(`"${logicalId(stack, stack.api.functions[route.id])}","Arn"`);
    }

    // Resources: exactly the path prefixes the routes need, no more.
    const prefixes = new Set<string>();
    for (const r of routes) {
      const parts = r.path.split('/').filter(Boolean);
      parts.forEach((_, i) => prefixes.add('/' + parts.slice(0, i + 1).join('/')));
    }
    template.resourceCountIs('AWS::ApiGateway::Resource', prefixes.size);
  });

  test('stage v1 has JSON access logs (no bodies or headers), throttling and tracing', () => {
    // The IAM API's, and the SCIM API's (scim-api.test.ts).
    template.resourceCountIs('AWS::ApiGateway::Stage', 2);
    const iamApi = { Ref: logicalId(stack, stack.api.api) };
    const stage = Object.values(template.findResources('AWS::ApiGateway::Stage')).find((st) => JSON.stringify(st.Properties.RestApiId) === JSON.stringify(iamApi))!.Properties;
    expect(stage.StageName).toBe('v1');
    expect(stage.TracingEnabled).toBe(true);
    expect(stage.AccessLogSetting.DestinationArn).toEqual({ 'Fn::GetAtt': [logicalId(stack, stack.api.accessLogGroup), 'Arn'] });

    const format = JSON.parse(stage.AccessLogSetting.Format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      caller: '$context.identity.caller',
      method: '$context.httpMethod',
      resourcePath: '$context.resourcePath',
      status: '$context.status',
      latency: '$context.responseLatency',
    });
    for (const value of Object.values<string>(format)) {
      expect(value).not.toMatch(/\$input|\.header|requestOverride|responseOverride|body|querystring|userAgent/i);
    }
    // The request path holds {user}, an e-mail address: only the route's template is logged.
    expect(Object.values<string>(format)).not.toContain('$context.path');

    expect(stage.MethodSettings).toEqual([
      expect.objectContaining({
        HttpMethod: '*',
        ResourcePath: '/*',
        ThrottlingRateLimit: DEFAULT_API_THROTTLE.rateLimit,
        ThrottlingBurstLimit: DEFAULT_API_THROTTLE.burstLimit,
        DataTraceEnabled: false,
      }),
    ]);
    // Execution logging for errors only, never data tracing: full logging would write request bodies.
    expect(stage.MethodSettings[0].LoggingLevel).toBe('ERROR');
    expect(stage.MethodSettings[0].DataTraceEnabled).toBe(false);
  });

  test('the API is regional (edge-optimised endpoints do not exist in GovCloud)', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'] } });
  });

  test('a secret is created, retained, and holds only the frozen placeholder template', () => {
    // Besides the SCIM token's digests (scim-api.test.ts).
    template.resourceCountIs('AWS::SecretsManager::Secret', 2);
    const secret = template.toJSON().Resources[logicalId(stack, stack.secret.secret)];
    expect(secret.DeletionPolicy).toBe('Retain');
    expect(secret.UpdateReplacePolicy).toBe('Retain');
    // Pinned: changing this string makes CloudFormation overwrite the connected token pair on the next deploy.
    expect(secret.Properties.SecretString).toBe('{"clientId":"","clientSecret":"","accessToken":"","refreshToken":""}');
    expect(secret.Properties.GenerateSecretString).toBeUndefined();
  });

  test('the placeholder keys are Service App secret fields, and the placeholder is not a usable secret', () => {
    const schemaKeys = Object.keys(ServiceAppSecretSchema.shape);
    for (const key of Object.keys(PLACEHOLDER_SECRET_TEMPLATE)) expect(schemaKeys).toContain(key);
    // Readers must report it as not yet connected rather than send it to Webex.
    expect(ServiceAppSecretSchema.safeParse(PLACEHOLDER_SECRET_TEMPLATE).success).toBe(false);
    expect(Object.values(PLACEHOLDER_SECRET_TEMPLATE).every((v) => v === '')).toBe(true);
  });

  test('IAM: functions read the secret and nothing else; no wildcard grants', () => {
    const secretRef = { Ref: logicalId(stack, stack.secret.secret) };
    const scimTokenRef = { Ref: logicalId(stack, stack.scimToken.secret) };
    for (const s of allStatements(template)) {
      expect(actions(s)).not.toContain('*');
      for (const a of actions(s)) expect(a).not.toMatch(/^[a-z0-9-]+:\*$/);
      if (resources(s).includes('*')) {
        // X-Ray and CloudWatch Logs' log delivery (Step Functions logging) have no resource-level permissions;
        // nothing else may use "*".
        expect([
          ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
          ['xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
          ['logs:CreateLogDelivery', 'logs:DeleteLogDelivery', 'logs:DescribeLogGroups', 'logs:DescribeResourcePolicies',
            'logs:GetLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:UpdateLogDelivery'],
        ]).toContainEqual(actions(s).sort());
      }
      if (actions(s).some((a) => a.startsWith('secretsmanager:'))) {
        // The Webex secret; the authorizer reads the SCIM token's digests.
        expect([[secretRef], [scimTokenRef]]).toContainEqual(resources(s));
        // Reads everywhere; the one write (PutSecretValue) is the rotator's, checked in token-rotation.test.ts.
        expect([['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], ['secretsmanager:PutSecretValue']]).toContainEqual(
          actions(s).sort(),
        );
      }
    }

    for (const route of routes) {
      const fn = stack.api.functions[route.id];
      const roleId = logicalId(stack, fn.role as never);
      const role = template.toJSON().Resources[roleId];
      expect(role.Properties.ManagedPolicyArns).toBeUndefined(); // no AWSLambdaBasicExecutionRole (logs on *)
      const statements = roleStatements(template, roleId);
      const webexRoute = talksToWebex(route as RouteDefinition);
      if (webexRoute) {
        expect(statements).toContainEqual(
          expect.objectContaining({ Action: expect.arrayContaining(['secretsmanager:GetSecretValue']), Resource: secretRef }),
        );
      }
      expect(statements).toContainEqual(
        expect.objectContaining({
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [logicalId(stack, fn.functionLogGroup as never), 'Arn'] },
        }),
      );
      const granted = statements.flatMap(actions).sort();
      expect(granted).toEqual(
        [
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          // The secret, for the functions that talk to Webex only.
          ...(webexRoute ? ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'] : []),
          'xray:PutTelemetryRecords',
          'xray:PutTraceSegments',
          // WorkflowStateMachines.grantStart today: StartSyncExecution per machine the route starts.
          ...stateMachines
            .filter((m) => m.startedByRoute === route.id || (m as { alsoStartedByRoutes?: readonly string[] }).alsoStartedByRoutes?.includes(route.id))
            .map((m) => (m.type === 'EXPRESS' ? 'states:StartSyncExecution' : 'states:StartExecution')),
          // ...and DescribeExecution per machine the route reports on, with its map run's progress where it has a Distributed Map.
          ...stateMachines
            .filter((m) => (m as { describedByRoutes?: readonly string[] }).describedByRoutes?.includes(route.id))
            .flatMap((m) => ['states:DescribeExecution', ...('distributedMap' in m ? ['states:ListMapRuns', 'states:DescribeMapRun'] : [])]),
          // ...and the imports bucket, for the routes that read uploaded files (ListBucket: a missing key is a 404).
          ...((route as { importsBucket?: string }).importsBucket ? ['s3:GetObject', 's3:ListBucket'] : []),
          // ...and the activity table: Query for the routes that list it, PutItem/UpdateItem for those recording a run.
          ...(route.needs.includes('activity') ? ['dynamodb:Query'] : []),
          ...((route as RouteDefinition).recordsActivity ? ['dynamodb:PutItem', 'dynamodb:UpdateItem'] : []),
          // ...and the SCIM routes their resources: items and unique-value markers, and Query by e-mail and list.
          ...(route.needs.includes('scim') ? ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'] : []),
          // ...and the pacing budget's one item, read for a running job's pace.
          ...(route.needs.includes('pacing') ? ['dynamodb:GetItem'] : []),
        ].sort(),
      );
    }
  });

  test('every log group has a retention (90 days by default) and every function logs to its own', () => {
    const groups = template.findResources('AWS::Logs::LogGroup');
    // one per function (routes, rotator, authorizer, task functions) + one per state machine + access and execution logs of the IAM and SCIM APIs
    expect(Object.keys(groups)).toHaveLength(ALL_FUNCTIONS + stateMachines.length + 4);
    for (const g of Object.values(groups)) expect(g.Properties.RetentionInDays).toBe(90);
    for (const route of routes) {
      const fn = stack.api.functions[route.id];
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: Match.absent(),
        LoggingConfig: { LogGroup: { Ref: logicalId(stack, fn.functionLogGroup as never) } },
      });
    }
  });

  test('X-Ray tracing is on for every function and the stage', () => {
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
    template.hasResourceProperties('AWS::ApiGateway::Stage', { TracingEnabled: true });
  });

  test('outputs: the API URL, the secret ARN, the SCIM token secret, the alarm topic, the bus, the imports bucket and the activity table, once each', () => {
    const outputs = template.toJSON().Outputs;
    expect(Object.keys(outputs).sort()).toEqual(['ActivityTableName', 'AlarmTopicArn', 'ApiUrl', 'BulkImportsBucketName', 'DashboardName', 'LifecycleEventBusName', 'ScimApiUrl', 'ScimTokenSecretArn', 'WebexSecretArn']);
    expect(outputs.WebexSecretArn.Value).toEqual({ Ref: logicalId(stack, stack.secret.secret) });
    expect(JSON.stringify(outputs.ApiUrl.Value)).toContain('execute-api');
  });
});

describe('WebexProvisioning stack (configured)', () => {
  test('existingSecretArn: no secret is created and everything points at the given ARN', () => {
    const { stack, template } = synth({ existingSecretArn: EXISTING_SECRET_ARN });
    // Only the SCIM token's, which the stack always makes.
    expect(Object.values(template.findResources('AWS::SecretsManager::Secret')).map((s) => s.Properties.SecretString)).toEqual([SCIM_TOKEN_PLACEHOLDER]);
    const withSecret = Object.values(template.findResources('AWS::Lambda::Function')).filter((fn) => ENV.secretArn in fn.Properties.Environment.Variables);
    expect(withSecret).toHaveLength(SECRET_READERS);
    for (const fn of withSecret) expect(fn.Properties.Environment.Variables[ENV.secretArn]).toBe(EXISTING_SECRET_ARN);
    // The Webex secret's readers (the authorizer reads the SCIM token's own secret).
    const scimToken = JSON.stringify({ Ref: logicalId(stack, stack.scimToken.secret) });
    const secretStatements = allStatements(template).filter((s) => actions(s).includes('secretsmanager:GetSecretValue') && JSON.stringify(resources(s)) !== `[${scimToken}]`);
    expect(secretStatements).toHaveLength(SECRET_READERS);
    for (const s of secretStatements) expect(resources(s)).toEqual([EXISTING_SECRET_ARN]);
    expect(template.toJSON().Outputs.WebexSecretArn.Value).toBe(EXISTING_SECRET_ARN);
  });

  /** The functions that start or pace bulk runs: the routes and the task function with `bulkBudget`. */
  const BULK_FUNCTIONS = ['ApplyReconcilePlan', 'ReconcileApplySteps', 'StartBulkJoiners', 'StartBulkJoinersCsv'];
  /** The functions (routes and task functions) whose environment sets `variable`, by id, with its value, sorted. */
  const functionsWith = (props: WebexProvisioningStackProps, variable: string) => {
    const { stack, template } = synth(props);
    const resources = template.toJSON().Resources;
    // Compared as a set: the routes come in the order functions/routes.ts finds them (by folder).
    return Object.entries({ ...stack.api.functions, ...stack.workflows.taskFunctions })
      .map(([id, fn]) => [id, resources[logicalId(stack, fn)].Properties.Environment?.Variables?.[variable]])
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
  };

  test('bulkWebexRequestsPerSecond reaches the functions that start or pace bulk runs (routes and task functions), and no other', () => {
    expect(functionsWith({ bulkWebexRequestsPerSecond: 12 }, 'BULK_WEBEX_REQUESTS_PER_SECOND')).toEqual(BULK_FUNCTIONS.map((id) => [id, '12']));
    expect(() => synth({ bulkWebexRequestsPerSecond: 0 })).toThrow(/bulkWebexRequestsPerSecond must be a number above 0/);
  });

  test('bulkMaxConcurrency (context key too) reaches the same functions as BULK_JOINERS_MAX_CONCURRENCY; 1..40', () => {
    expect(functionsWith({ bulkMaxConcurrency: 10 }, 'BULK_JOINERS_MAX_CONCURRENCY')).toEqual(BULK_FUNCTIONS.map((id) => [id, '10']));
    expect(configFromContext(new App({ context: { bulkMaxConcurrency: '8' } }).node).stackProps.bulkMaxConcurrency).toBe(8);
    for (const bad of [0, 41, 2.5]) expect(() => synth({ bulkMaxConcurrency: bad })).toThrow(/bulkMaxConcurrency must be an integer from 1 to 40/);
  });

  test('a partial secret ARN (without the six-character suffix) is refused', () => {
    expect(() => synth({ existingSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:webex' })).toThrow(
      /complete Secrets Manager secret ARN/,
    );
  });

  test('webexBaseUrl, apiThrottle and logRetentionDays reach the functions, stage and log groups', () => {
    const govUrl = 'https://webex-gov.example.com/v1';
    const { template } = synth({ webexBaseUrl: govUrl, apiThrottle: { rateLimit: 3, burstLimit: 7 }, logRetentionDays: 365 });
    const webexFunctions = Object.values(template.findResources('AWS::Lambda::Function')).filter((fn) => ENV.baseUrl in fn.Properties.Environment.Variables);
    expect(webexFunctions).toHaveLength(SECRET_READERS);
    for (const fn of webexFunctions) expect(fn.Properties.Environment.Variables[ENV.baseUrl]).toBe(govUrl);
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 3, ThrottlingBurstLimit: 7 })],
    });
    for (const g of Object.values(template.findResources('AWS::Logs::LogGroup'))) expect(g.Properties.RetentionInDays).toBe(365);
  });

  test('invalid settings fail synthesis with a clear message', () => {
    expect(() => synth({ webexBaseUrl: 'http://webexapis.com/v1' })).toThrow(/https/);
    expect(() => synth({ logRetentionDays: 42 })).toThrow(/logRetentionDays must be one of/);
    expect(() => synth({ apiThrottle: { rateLimit: 0, burstLimit: 5 } })).toThrow(/rateLimit/);
    expect(() => synth({ apiThrottle: { rateLimit: 5, burstLimit: 1.5 } })).toThrow(/burstLimit/);
  });

  test('a customer-managed key: the secret is encrypted with it and readers may decrypt via Secrets Manager only', () => {
    for (const props of [{ secretEncryptionKeyArn: KEY_ARN }, { secretEncryptionKeyArn: KEY_ARN, existingSecretArn: EXISTING_SECRET_ARN }]) {
      const { template } = synth(props);
      if (!props.existingSecretArn) template.hasResourceProperties('AWS::SecretsManager::Secret', { KmsKeyId: KEY_ARN });
      const decrypt = allStatements(template).filter((s) => actions(s).includes('kms:Decrypt'));
      expect(decrypt).toHaveLength(SECRET_READERS);
      for (const s of decrypt) {
        expect(s.Resource).toBe(KEY_ARN);
        expect(JSON.stringify(s.Condition)).toContain('kms:ViaService');
      }
    }
  });
});

describe('configuration from CDK context', () => {
  const read = (context: Record<string, unknown>) => configFromContext(new App({ context }).node);

  test('defaults', () => {
    expect(read({})).toEqual({
      stackName: 'WebexProvisioning',
      stackProps: {
        webexBaseUrl: undefined,
        existingSecretArn: undefined,
        secretEncryptionKeyArn: undefined,
        apiThrottle: undefined,
        logRetentionDays: undefined,
      },
    });
  });

  test('command-line strings and cdk.json values', () => {
    const cfg = read({
      stackName: 'WebexProvisioning-Lab',
      webexBaseUrl: 'https://webex-gov.example.com/v1',
      existingSecretArn: EXISTING_SECRET_ARN,
      apiThrottle: '{"rateLimit":5,"burstLimit":10}',
      logRetentionDays: '365',
    });
    expect(cfg.stackName).toBe('WebexProvisioning-Lab');
    expect(cfg.stackProps).toMatchObject({
      webexBaseUrl: 'https://webex-gov.example.com/v1',
      existingSecretArn: EXISTING_SECRET_ARN,
      apiThrottle: { rateLimit: 5, burstLimit: 10 },
      logRetentionDays: 365,
    });
    expect(read({ apiThrottle: { rateLimit: 2, burstLimit: 4 }, logRetentionDays: 30 }).stackProps).toMatchObject({
      apiThrottle: { rateLimit: 2, burstLimit: 4 },
      logRetentionDays: 30,
    });
  });

  test('malformed values are refused', () => {
    expect(() => read({ apiThrottle: 'fast' })).toThrow(/apiThrottle must be JSON/);
    expect(() => read({ apiThrottle: '{"rate":5}' })).toThrow(/unknown keys: rate/);
    expect(() => read({ logRetentionDays: 'forever' })).toThrow(/logRetentionDays must be a number/);
    expect(() => read({ defaultLeaverPolicy: 'purge' })).toThrow(/defaultLeaverPolicy must be one of delete, deactivate, removeCalling/);
  });

  test('defaultLeaverPolicy takes every leaver policy, removeCalling included', () => {
    expect(read({ defaultLeaverPolicy: 'removeCalling' }).stackProps).toMatchObject({ defaultLeaverPolicy: 'removeCalling' });
  });
});

describe('bundling', () => {
  test('bundles one function with the local esbuild (never Docker) into a minified ESM file that loads', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'webex-cdk-bundle-'));
    const dockerBefore = process.env.CDK_DOCKER;
    // The module object itself (not an import namespace, whose properties cannot be redefined).
    const childProcess: typeof import('node:child_process') = require('node:child_process');
    const realSpawnSync = childProcess.spawnSync;
    const spawned: string[] = [];
    let spy: jest.SpyInstance | undefined;
    try {
      // Any attempt to bundle in Docker fails loudly instead of quietly using a container where one runs...
      process.env.CDK_DOCKER = '/nonexistent/docker-must-not-be-used';
      // ...and every command CDK spawns is recorded, to show esbuild ran here.
      spy = jest.spyOn(childProcess, 'spawnSync').mockImplementation(((command: string, args?: readonly string[], options?: object) => {
        spawned.push([command, ...(args ?? [])].join(' '));
        return realSpawnSync(command, args ?? [], options ?? {});
      }) as typeof childProcess.spawnSync);

      const route = routes.find((r) => r.id === 'GetConnection')!;
      const app = new App({ outdir: path.join(tmp, 'cdk.out') });
      const stack = new Stack(app, 'BundlingCheck');
      const fn = new WorkflowFunction(stack, route.id, {
        entry: route.entry,
        webexSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:x-AbC123',
      });
      const assembly = app.synth();
      spy.mockRestore();
      spy = undefined;
      expect(spawned.some((c) => /\besbuild\b.*--bundle/.test(c))).toBe(true);
      expect(spawned.filter((c) => /docker/i.test(c))).toEqual([]);
      const template = flatTemplate(stack);

      const s3Key: string = template.toJSON().Resources[logicalId(stack, fn)].Properties.Code.S3Key;
      const assetDir = path.join(assembly.directory, `asset.${s3Key.replace(/\.zip$/, '')}`);
      expect(fs.readdirSync(assetDir).sort()).toEqual(['index.mjs', 'index.mjs.map']);

      const code = fs.readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');
      expect(code.startsWith("import { createRequire as __createRequire } from 'node:module';")).toBe(true);
      // Minified: a few very long lines, not one statement per line.
      const lines = code.split('\n').length;
      expect(code.length / lines).toBeGreaterThan(1000);
      expect(code).toMatch(/export\s*\{[^}]*\bas handler\b[^}]*\}|export\s*\{\s*handler\s*\}/);
      expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
      // Everything bundled: no bare imports left for the Lambda runtime to resolve (the AWS SDK included).
      const imports = [...code.matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]);
      expect(imports.filter((spec) => !spec.startsWith('node:'))).toEqual([]);

      // It loads as ESM outside the repository (no node_modules to fall back on) and exports the handler.
      const probeDir = path.join(tmp, 'probe');
      fs.mkdirSync(probeDir);
      fs.copyFileSync(path.join(assetDir, 'index.mjs'), path.join(probeDir, 'index.mjs'));
      const exported = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', "const m = await import('./index.mjs'); console.log(typeof m.handler);"],
        { cwd: probeDir, env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }, encoding: 'utf8' },
      );
      expect(exported.trim()).toBe('function');
    } finally {
      spy?.mockRestore();
      if (dockerBefore === undefined) delete process.env.CDK_DOCKER;
      else process.env.CDK_DOCKER = dockerBefore;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('API documentation', () => {
  it('documents every method from the generated OpenAPI document', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const template = flatTemplate(new WebexProvisioningStack(app, 'WebexProvisioning'));
    const parts = Object.values(template.findResources('AWS::ApiGateway::DocumentationPart'));
    expect(parts).toHaveLength(routes.length);
    for (const route of routes) {
      const part = parts.find((p) => p.Properties.Location.Path === route.path && p.Properties.Location.Method === route.method);
      expect(JSON.parse(part!.Properties.Properties)).toMatchObject({ operationId: route.id, summary: route.summary });
    }
  });
});
