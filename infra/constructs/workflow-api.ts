import { Duration, Fn, NestedStack, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { isScimRoute, talksToWebex } from '../../functions/lib/http/route';
import { scimErrorBody, SCIM_MEDIA_TYPE } from '../../functions/lib/scim-auth/scim-error';
import { routes as routeTable, type RouteDefinition } from '../../functions/routes';
import type { WebexServiceAppSecret } from './webex-secret';
import { WorkflowFunction } from './workflow-function';
import { acknowledge, RUNTIME_REASON, XRAY_REASON } from '../nag';
import { buildOpenApiDocument } from '../../functions/lib/http/openapi';
import { INSUFFICIENT_SCOPE, INVALID_TOKEN } from '../../functions/lib/http/bearer-auth';
import { routeScopeKey, type RouteScopes } from '../../functions/lib/http/request-authorizer';
import type { EnvName } from '../../functions/lib/config';

/** Stage-wide request throttling (API Gateway's token bucket). */
export interface ApiThrottleSettings {
  /** Steady-state requests per second across the whole stage. */
  readonly rateLimit: number;
  /** Requests that may arrive at once above the steady rate (the bucket size). */
  readonly burstLimit: number;
}

/**
 * Modest on purpose: every request fans out to several Webex calls and Webex throttles per token (with
 * unpublished limits), so a higher rate only turns into 429 back-offs inside the Lambdas' 28 s budget.
 */
export const DEFAULT_API_THROTTLE: ApiThrottleSettings = { rateLimit: 10, burstLimit: 20 };

/**
 * The SCIM API's stage: Entra ID's provisioning service may send 25 requests a second per tenant (its gallery
 * requirements), and a SCIM write costs no Webex request on the request path (it is recorded, then applied at
 * the Webex budget), so the stage takes that rate rather than answering Entra with 429s.
 */
export const DEFAULT_SCIM_THROTTLE: ApiThrottleSettings = { rateLimit: 25, burstLimit: 50 };

/** The stage the API is deployed to; it is the first segment of every URL. */
export const API_STAGE_NAME = 'v1';

/**
 * One JSON line per request: who called what, the outcome and the timing. No bodies, no headers, no query
 * strings and no request path (`/users/ann%40example.com` is an e-mail address, and API Gateway cannot hash
 * it): the route's template (`resourcePath`, `/users/{user}`) and the request id, which the function's own
 * lines carry as `apiRequestId` with any address hashed. `errorMessage` is API Gateway's own message (e.g. an
 * IAM denial).
 */
export const ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: apigateway.AccessLogField.contextRequestId(),
  requestTime: apigateway.AccessLogField.contextRequestTime(),
  caller: apigateway.AccessLogField.contextIdentityCaller(),
  userArn: apigateway.AccessLogField.contextIdentityUserArn(),
  sourceIp: apigateway.AccessLogField.contextIdentitySourceIp(),
  method: apigateway.AccessLogField.contextHttpMethod(),
  resourcePath: apigateway.AccessLogField.contextResourcePath(),
  status: apigateway.AccessLogField.contextStatus(),
  latency: apigateway.AccessLogField.contextResponseLatency(),
  integrationLatency: apigateway.AccessLogField.contextIntegrationLatency(),
  responseLength: apigateway.AccessLogField.contextResponseLength(),
  errorMessage: apigateway.AccessLogField.contextErrorMessage(),
  xrayTraceId: apigateway.AccessLogField.contextXrayTraceId(),
};

export interface WorkflowApiProps {
  /** The Webex Service App secret every function may read (and nothing else). */
  readonly secret: WebexServiceAppSecret;

  /**
   * Webex REST API base URL handed to the functions.
   * @default 'https://webexapis.com/v1'
   */
  readonly webexBaseUrl?: string;

  /**
   * Stage-wide throttling.
   * @default DEFAULT_API_THROTTLE (10 requests/s, burst 20)
   */
  readonly throttle?: ApiThrottleSettings;

  /**
   * Retention of the access log group and of every function's log group.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Extra environment variables for individual workflow functions, by route id (e.g. the guarded request's
   * allow-list, a state machine's ARN).
   * @default - none
   */
  readonly functionEnvironment?: Readonly<Record<string, Readonly<Record<string, string>>>>;

  /**
   * Who may call: `iam` (SigV4), `oauth` (a bearer token with the route's scope), or both, served by two REST APIs
   * built from the same route rows in front of the same functions.
   * @default ['iam']
   */
  readonly auth?: readonly ApiAuthMode[];

  /** Where the OAuth API's tokens come from; required with `oauth`. */
  readonly oauthIssuer?: OAuthIssuerSettings;

  /** The SCIM token's secret: the authorizer of the SCIM API reads it. Required when any route is a SCIM route. */
  readonly scimTokenSecret?: secretsmanager.ISecret;

  /**
   * The SCIM API's stage throttling.
   * @default DEFAULT_SCIM_THROTTLE (25 requests/s, burst 50)
   */
  readonly scimThrottle?: ApiThrottleSettings;

  /**
   * The routes to serve. Only tests should change this.
   * @default the route table in functions/routes.ts
   */
  readonly routes?: readonly RouteDefinition[];
}

export type ApiAuthMode = 'iam' | 'oauth';

/** The OAuth API's issuer: the stack's Cognito user pool and its clients, or an external server (Entra ID, Okta). */
export type OAuthIssuerSettings =
  | { readonly kind: 'cognito'; readonly userPoolId: string; readonly clientIds: readonly string[] }
  | { readonly kind: 'jwt'; readonly issuer: string; readonly audience: string; readonly jwksUri?: string };

/** How long API Gateway keeps an authorizer's answer for one token, method and resource. */
export const AUTHORIZER_CACHE_TTL = Duration.minutes(5);

/**
 * The suite's REST API, built from the route table: one WorkflowFunction per route (construct id = route id),
 * Lambda proxy integrations, IAM (SigV4) authorisation on every method, a `v1` stage with JSON access logs,
 * stage-wide throttling and X-Ray tracing. A regional endpoint: edge-optimised endpoints are not available in
 * AWS GovCloud (US), where government-cloud Webex organisations deploy.
 */
export class WorkflowApi extends Construct {
  /** The IAM API, or the OAuth API when it is the only one. */
  public readonly api: apigateway.RestApi;
  /** The SigV4 API (`iam`). */
  public readonly iamApi?: apigateway.RestApi;
  /** The bearer-token API (`oauth`) and its authorizer function (also the SCIM API's). */
  public readonly oauthApi?: apigateway.RestApi;
  /** The SCIM routes' API (whatever `auth` says), when there are SCIM routes: the IdPs' Tenant URL is under it. */
  public readonly scimApi?: apigateway.RestApi;
  public readonly authorizer?: WorkflowFunction;
  /** The workflow functions by route id, for constructs that invoke them directly (state machines). */
  public readonly functions: Readonly<Record<string, WorkflowFunction>>;
  public readonly accessLogGroup: logs.LogGroup;
  /** The group API Gateway writes the stage's execution logs (errors) to, made here to set its retention. */
  public readonly executionLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WorkflowApiProps) {
    super(scope, id);
    const throttle = props.throttle ?? DEFAULT_API_THROTTLE;
    const logRetention = props.logRetention ?? logs.RetentionDays.THREE_MONTHS;

    const allRoutes = props.routes ?? routeTable;
    // The SCIM routes live on an API of their own (ARCHITECTURE.md, "The SCIM API"); the others keep `auth`'s APIs.
    const scimRoutes = allRoutes.filter(isScimRoute);
    const routes = allRoutes.filter((r) => !isScimRoute(r));
    if (scimRoutes.length && !props.scimTokenSecret) throw new Error('SCIM routes need the SCIM token secret (scimTokenSecret)');
    const modes = props.auth ?? ['iam'];
    if (!modes.length || new Set(modes).size !== modes.length) throw new Error(`auth must name iam, oauth or both, once each (got ${modes.join(',')})`);

    const functions: Record<string, WorkflowFunction> = {};
    for (const route of allRoutes as readonly RouteDefinition[]) {
      if (functions[route.id]) throw new Error(`Duplicate route id ${route.id} in the route table`);
      const fn = new WorkflowFunction(this, route.id, {
        entry: route.entry,
        description: `${route.method} ${route.path}: ${route.summary}`,
        // A route that only starts or reads executions never sees the Webex secret.
        ...(!talksToWebex(route) ? {} : { webexBaseUrl: props.webexBaseUrl, webexSecretArn: props.secret.secret.secretArn }),
        logGroupRetention: logRetention,
        environment: { ...props.functionEnvironment?.[route.id] },
      });
      if (talksToWebex(route)) props.secret.grantRead(fn);
      functions[route.id] = fn;
    }

    // The IAM API keeps the construct ids it always had (its URL survives an upgrade); the OAuth API's are prefixed.
    let primary: { api: apigateway.RestApi; access: logs.LogGroup; execution: logs.LogGroup } | undefined;
    if (modes.includes('iam')) {
      const built = this.restApi('', 'IAM-authorised (SigV4)', throttle, logRetention);
      this.iamApi = built.api;
      this.addMethods(built.api, '', routes, functions, { authorizationType: apigateway.AuthorizationType.IAM });
      primary = built;
    }
    const oauth = modes.includes('oauth');
    if (oauth && !props.oauthIssuer) throw new Error('auth oauth needs an issuer: the Cognito user pool, or oauthIssuer and oauthAudience');
    if (oauth || scimRoutes.length) {
      // One authorizer function for both bearer APIs: the scope table holds every method either serves.
      this.authorizer = new WorkflowFunction(this, 'Authorizer', {
        entry: 'functions/api-authorizer/handler.ts',
        description: 'Verifies OAuth bearer tokens and the route scope (aws-jwt-verify), or the SCIM token on SCIM routes',
        memorySize: 256,
        timeout: Duration.seconds(10),
        logGroupRetention: logRetention,
        // The SCIM token secret through the Parameters and Secrets extension: no AWS SDK in its bundle.
        readSecretThroughExtension: scimRoutes.length > 0,
        environment: authorizerEnvironment(oauth ? props.oauthIssuer : undefined, [...(oauth ? routes : []), ...scimRoutes], scimRoutes.length ? props.scimTokenSecret : undefined),
      });
      if (scimRoutes.length) props.scimTokenSecret!.grantRead(this.authorizer);
    }
    // In the API's own (nested) stack: an authorizer is a resource of the REST API that uses it.
    const requestAuthorizer = (scope: Construct, id: string) =>
      new apigateway.RequestAuthorizer(scope, id, {
        handler: this.authorizer!,
        // Cached per token, method and resource: each cached answer is for one method, so a Deny can name its scope.
        identitySources: [apigateway.IdentitySource.header('Authorization'), apigateway.IdentitySource.context('httpMethod'), apigateway.IdentitySource.context('resourcePath')],
        resultsCacheTtl: AUTHORIZER_CACHE_TTL,
      });
    if (oauth) {
      const built = this.restApi('OAuth', 'OAuth 2.0 bearer tokens with the route scopes', throttle, logRetention);
      this.oauthApi = built.api;
      this.addMethods(built.api, 'OAuth', routes, functions, { authorizationType: apigateway.AuthorizationType.CUSTOM, authorizer: requestAuthorizer(built.scope, 'RequestAuthorizer') });
      addOAuthGatewayResponses(built.api);
      primary ??= built;
    }
    if (scimRoutes.length) {
      const built = this.restApi('Scim', 'SCIM 2.0 for Entra ID and Okta: the SCIM token, or OAuth bearer tokens with the scim scope', props.scimThrottle ?? DEFAULT_SCIM_THROTTLE, logRetention);
      this.scimApi = built.api;
      this.addMethods(built.api, 'Scim', scimRoutes, functions, { authorizationType: apigateway.AuthorizationType.CUSTOM, authorizer: requestAuthorizer(built.scope, 'ScimRequestAuthorizer') });
      primary ??= built;
    }
    this.api = primary!.api;
    this.accessLogGroup = primary!.access;
    this.executionLogGroup = primary!.execution;
    this.functions = functions;

    acknowledge(this, {
      L1: RUNTIME_REASON,
      'IAM5[Resource::*]': XRAY_REASON,
      APIG2: 'Every request is validated in its Lambda with zod before anything is sent to Webex, answering a 400 that names each bad field; an API Gateway model would duplicate the schemas and answer less precisely.',
      APIG3: 'The API is authorised (SigV4, or OAuth bearer tokens) and regional, called by service-desk systems; attaching a WAF web ACL is left to the deploying organisation, which owns its WAF policy.',
      COG4: 'Callers are IAM principals authorised with SigV4, or OAuth clients whose tokens (Cognito or an external issuer) a Lambda authorizer verifies with aws-jwt-verify: a Cognito authorizer cannot answer a missing scope with 403 InsufficientScope naming it, nor verify an external issuer.',
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]':
        "API Gateway's account-level CloudWatch role (needed for access and execution logs) uses AWS's managed policy, as AWS documents.",
    });
  }

  /** The invoke URL of the `v1` stage (of the IAM API, or the OAuth API when it is the only one). */
  get url(): string {
    return this.api.url;
  }

  private madeAccountSetting = false;

  /** A REST API with the suite's stage settings; `prefix` keeps the IAM API's construct ids unprefixed. */
  private restApi(prefix: ApiPrefix, what: string, throttle: ApiThrottleSettings, logRetention: logs.RetentionDays) {
    // The IAM API stays in the stack (its construct ids and URL survive an upgrade); the bearer-token APIs each get a
    // nested stack, since their methods, permissions and documentation would take the stack past CloudFormation's
    // 500 resources once both apiAuth modes and the SCIM routes are on (test/infra/deploy-limits.test.ts).
    const scope: Construct = prefix === '' ? this : new NestedStack(this, `${prefix}ApiStack`, { description: `Webex provisioning: the ${what} REST API` });
    const access = new logs.LogGroup(scope, `${prefix}AccessLogs`, { retention: logRetention });
    // Access and execution logs need the Region's API Gateway account setting to name a CloudWatch role. The first
    // API made here makes it explicitly (whatever @aws-cdk/aws-apigateway:disableCloudWatchRole says) and it is kept
    // when the stack is deleted: that one setting serves every REST API in the account and Region, so a second API
    // of this stack must not declare another.
    const accountSetting = !this.madeAccountSetting;
    this.madeAccountSetting = true;
    const api = new apigateway.RestApi(scope, `${prefix}Api`, {
      description: `Webex provisioning workflows (${what})`,
      endpointConfiguration: { types: [apigateway.EndpointType.REGIONAL] },
      cloudWatchRole: accountSetting,
      ...(accountSetting ? { cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN } : {}),
      // Every method, including any added later, defaults to SigV4 or the authorizer; the methods below also say so explicitly.
      ...(prefix === '' ? { defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM } } : {}),
      deployOptions: {
        stageName: API_STAGE_NAME,
        accessLogDestination: new apigateway.LogGroupLogDestination(access),
        accessLogFormat: apigateway.AccessLogFormat.custom(JSON.stringify(prefix === '' ? ACCESS_LOG_FIELDS : OAUTH_ACCESS_LOG_FIELDS)),
        throttlingRateLimit: throttle.rateLimit,
        throttlingBurstLimit: throttle.burstLimit,
        tracingEnabled: true,
        // Execution logs for errors only, and no data tracing: full request logging would write bodies
        // (names, e-mails, numbers) to CloudWatch.
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
      },
    });
    // API Gateway writes execution logs to `API-Gateway-Execution-Logs_{restApiId}/{stage}`, creating that group
    // without a retention on its first log line. Made here first (before the stage exists, so before any request),
    // it gets one; a LogRetention custom resource would need logs:PutRetentionPolicy on every group.
    const execution = new logs.LogGroup(scope, `${prefix}ExecutionLogs`, {
      logGroupName: Fn.join('', ['API-Gateway-Execution-Logs_', api.restApiId, `/${API_STAGE_NAME}`]),
      retention: logRetention,
    });
    api.deploymentStage.node.addDependency(execution);
    // RestApi adds an `Endpoint` output of its own; the stack outputs each URL once.
    api.node.tryRemoveChild('Endpoint');
    if (prefix === 'Scim') addScimGatewayResponses(api);
    else addErrorGatewayResponses(api);
    return { api, access, execution, scope };
  }

  private addMethods(api: apigateway.RestApi, prefix: ApiPrefix, routes: readonly RouteDefinition[], functions: Record<string, WorkflowFunction>, options: apigateway.MethodOptions): void {
    const openApi = buildOpenApiDocument(routes);
    for (const route of routes) {
      // No test-invoke permission: it would let whoever may test-invoke methods in the console (apigateway:* on the
      // API) run the workflows without execute-api:Invoke; the stage's own permission is all a caller needs.
      api.root.resourceForPath(route.path).addMethod(route.method, new apigateway.LambdaIntegration(functions[route.id], { allowTestInvoke: false }), { ...options, operationName: route.id });
      // The API's own documentation, from the same OpenAPI document GET /openapi.json serves locally.
      const op = (openApi.paths as Record<string, Record<string, Record<string, unknown>>>)[route.path][route.method.toLowerCase()];
      new apigateway.CfnDocumentationPart(prefix === '' ? this : Stack.of(api), `${prefix}${route.id}Documentation`, {
        restApiId: api.restApiId,
        location: { type: 'METHOD', path: route.path, method: route.method },
        properties: JSON.stringify({ summary: op.summary, operationId: op.operationId, parameters: op.parameters, requestBody: op.requestBody }),
      });
    }
  }
}

/** The construct id prefix of each REST API: the IAM API keeps the unprefixed ids it always had. */
type ApiPrefix = '' | 'OAuth' | 'Scim';

/** The OAuth and SCIM APIs' access log: the IAM fields (its caller fields empty) and the client the authorizer named. */
const OAUTH_ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  ...ACCESS_LOG_FIELDS,
  clientId: '$context.authorizer.clientId',
};

const json = (value: unknown) => ({ 'application/json': JSON.stringify(value) });

/** API Gateway's own refusals (unknown path, throttling, too large…) in the product's error JSON. */
function addErrorGatewayResponses(api: apigateway.RestApi): void {
  // `messageString` is API Gateway's message already quoted as a JSON string.
  const template = { 'application/json': '{"error":{"code":"$context.error.responseType","message":$context.error.messageString}}' };
  api.addGatewayResponse('Default4xx', { type: apigateway.ResponseType.DEFAULT_4XX, templates: template });
  api.addGatewayResponse('Default5xx', { type: apigateway.ResponseType.DEFAULT_5XX, templates: template });
}

/** The authorizer's answers, as the local API sends them (http/bearer-auth.ts): 401 invalid_token, 403 InsufficientScope. */
function addOAuthGatewayResponses(api: apigateway.RestApi): void {
  api.addGatewayResponse('Unauthorized', {
    type: apigateway.ResponseType.UNAUTHORIZED,
    statusCode: String(INVALID_TOKEN.status),
    responseHeaders: { 'WWW-Authenticate': `'${INVALID_TOKEN.wwwAuthenticate}'` },
    templates: json({ error: { code: INVALID_TOKEN.code, message: INVALID_TOKEN.message } }),
  });
  api.addGatewayResponse('AccessDenied', {
    type: apigateway.ResponseType.ACCESS_DENIED,
    statusCode: String(INSUFFICIENT_SCOPE.status),
    responseHeaders: { 'WWW-Authenticate': `'${INSUFFICIENT_SCOPE.wwwAuthenticate}'` },
    templates: json({ error: { code: INSUFFICIENT_SCOPE.code, message: INSUFFICIENT_SCOPE.message('$context.authorizer.requiredScope') } }),
  });
  for (const [id, type] of [['AuthorizerFailure', apigateway.ResponseType.AUTHORIZER_FAILURE], ['AuthorizerConfigurationError', apigateway.ResponseType.AUTHORIZER_CONFIGURATION_ERROR]] as const) {
    api.addGatewayResponse(id, {
      type,
      statusCode: '503',
      templates: json({ error: { code: 'AuthorizerUnavailable', message: "The token could not be checked: the issuer's keys could not be read" } }),
    });
  }
}

/**
 * The SCIM API's refusals in the SCIM error form (RFC 7644 §3.12, `application/scim+json`), which Entra ID and Okta
 * show in their provisioning logs: a bad token (401 with WWW-Authenticate Bearer), a token without the scim scope,
 * throttling, a body too large, a path that does not exist. Each with its own status, since a gateway response's
 * template cannot read the status it answers with; the rest (DEFAULT_4XX/5XX) carry API Gateway's message.
 */
function addScimGatewayResponses(api: apigateway.RestApi): void {
  const scimJson = (status: number | undefined, detail: string | typeof MESSAGE) => {
    const body = JSON.stringify(scimErrorBody(status ?? 0, 'DETAIL'));
    const withStatus = status === undefined ? body.replace(',"status":"0"', '') : body;
    // API Gateway's own message is already a quoted JSON string.
    return { 'application/json': withStatus.replace('"DETAIL"', detail === MESSAGE ? MESSAGE : JSON.stringify(detail)) };
  };
  const headers = { 'Content-Type': `'${SCIM_MEDIA_TYPE}'` };
  const responses: [string, apigateway.ResponseType, number, string | typeof MESSAGE, Record<string, string>?][] = [
    ['Unauthorized', apigateway.ResponseType.UNAUTHORIZED, INVALID_TOKEN.status, 'A valid bearer token is required: the SCIM token (npm run scim-token) or an OAuth token with the scim scope', { 'WWW-Authenticate': `'${INVALID_TOKEN.wwwAuthenticate}'` }],
    ['AccessDenied', apigateway.ResponseType.ACCESS_DENIED, INSUFFICIENT_SCOPE.status, INSUFFICIENT_SCOPE.message('webex-provisioning/scim'), { 'WWW-Authenticate': `'${INSUFFICIENT_SCOPE.wwwAuthenticate}'` }],
    ['AuthorizerFailure', apigateway.ResponseType.AUTHORIZER_FAILURE, 503, 'The token could not be checked: try again'],
    ['AuthorizerConfigurationError', apigateway.ResponseType.AUTHORIZER_CONFIGURATION_ERROR, 503, 'The token could not be checked: try again'],
    ['Throttled', apigateway.ResponseType.THROTTLED, 429, MESSAGE],
    ['RequestTooLarge', apigateway.ResponseType.REQUEST_TOO_LARGE, 413, MESSAGE],
    ['MissingAuthenticationToken', apigateway.ResponseType.MISSING_AUTHENTICATION_TOKEN, 404, 'No such SCIM endpoint: the Tenant URL ends in /scim/v2'],
    ['ResourceNotFound', apigateway.ResponseType.RESOURCE_NOT_FOUND, 404, MESSAGE],
    ['UnsupportedMediaType', apigateway.ResponseType.UNSUPPORTED_MEDIA_TYPE, 415, MESSAGE],
    ['IntegrationTimeout', apigateway.ResponseType.INTEGRATION_TIMEOUT, 504, MESSAGE],
  ];
  for (const [id, type, status, detail, extra] of responses) {
    api.addGatewayResponse(id, { type, statusCode: String(status), responseHeaders: { ...headers, ...extra }, templates: scimJson(status, detail) });
  }
  api.addGatewayResponse('Default4xx', { type: apigateway.ResponseType.DEFAULT_4XX, responseHeaders: headers, templates: scimJson(undefined, MESSAGE) });
  api.addGatewayResponse('Default5xx', { type: apigateway.ResponseType.DEFAULT_5XX, responseHeaders: headers, templates: scimJson(undefined, MESSAGE) });
}

/** API Gateway's own message, already quoted as a JSON string. */
const MESSAGE = '$context.error.messageString';

/** What the authorizer reads (http/request-authorizer.ts): the issuer, each method's scope (from the route rows), the SCIM token's secret. */
function authorizerEnvironment(issuer: OAuthIssuerSettings | undefined, routes: readonly RouteDefinition[], scimTokenSecret: secretsmanager.ISecret | undefined): Partial<Record<EnvName, string>> {
  const scopes: RouteScopes = Object.fromEntries(routes.map((r) => [routeScopeKey(r.method, r.path), r.scope]));
  return {
    API_AUTH_ROUTE_SCOPES: JSON.stringify(scopes),
    ...(scimTokenSecret ? { SCIM_TOKEN_SECRET_ARN: scimTokenSecret.secretArn } : {}),
    ...(!issuer ? {} : issuer.kind === 'cognito'
      ? { API_AUTH_USER_POOL_ID: issuer.userPoolId, API_AUTH_CLIENT_IDS: Fn.join(',', [...issuer.clientIds]) }
      : { API_AUTH_ISSUER: issuer.issuer, API_AUTH_AUDIENCE: issuer.audience, ...(issuer.jwksUri ? { API_AUTH_JWKS_URI: issuer.jwksUri } : {}) }),
  };
}
