import { Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { talksToWebex } from '../../functions/lib/http/route';
import { routes as routeTable, type RouteDefinition } from '../../functions/routes';
import type { WebexServiceAppSecret } from './webex-secret';
import { WorkflowFunction } from './workflow-function';
import { acknowledge, RUNTIME_REASON, XRAY_REASON } from '../nag';
import { buildOpenApiDocument } from '../../functions/lib/http/openapi';

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

/** The stage the API is deployed to; it is the first segment of every URL. */
export const API_STAGE_NAME = 'v1';

/**
 * One JSON line per request: who called what, the outcome and the timing. No bodies, no headers, no query
 * strings (which may carry personal data); `errorMessage` is API Gateway's own message (e.g. an IAM denial).
 */
export const ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: apigateway.AccessLogField.contextRequestId(),
  requestTime: apigateway.AccessLogField.contextRequestTime(),
  caller: apigateway.AccessLogField.contextIdentityCaller(),
  userArn: apigateway.AccessLogField.contextIdentityUserArn(),
  sourceIp: apigateway.AccessLogField.contextIdentitySourceIp(),
  method: apigateway.AccessLogField.contextHttpMethod(),
  resourcePath: apigateway.AccessLogField.contextResourcePath(),
  path: apigateway.AccessLogField.contextPath(),
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
   * The routes to serve. Only tests should change this.
   * @default the route table in functions/routes.ts
   */
  readonly routes?: readonly RouteDefinition[];
}

/**
 * The suite's REST API, built from the route table: one WorkflowFunction per route (construct id = route id),
 * Lambda proxy integrations, IAM (SigV4) authorisation on every method, a `v1` stage with JSON access logs,
 * stage-wide throttling and X-Ray tracing. A regional endpoint: edge-optimised endpoints are not available in
 * AWS GovCloud (US), where government-cloud Webex organisations deploy.
 */
export class WorkflowApi extends Construct {
  public readonly api: apigateway.RestApi;
  /** The workflow functions by route id, for constructs that invoke them directly (state machines). */
  public readonly functions: Readonly<Record<string, WorkflowFunction>>;
  public readonly accessLogGroup: logs.LogGroup;
  /** The group API Gateway writes the stage's execution logs (errors) to, made here to set its retention. */
  public readonly executionLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WorkflowApiProps) {
    super(scope, id);
    const throttle = props.throttle ?? DEFAULT_API_THROTTLE;
    const logRetention = props.logRetention ?? logs.RetentionDays.THREE_MONTHS;

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', { retention: logRetention });

    this.api = new apigateway.RestApi(this, 'Api', {
      description: 'Webex provisioning workflows (IAM-authorised)',
      endpointConfiguration: { types: [apigateway.EndpointType.REGIONAL] },
      // Access and execution logs need the Region's API Gateway account setting to name a CloudWatch role. Made
      // here explicitly (whatever @aws-cdk/aws-apigateway:disableCloudWatchRole says) and kept when the stack is
      // deleted: that one setting serves every REST API in the account and Region.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      // Every method, including any added later, defaults to SigV4; the methods below also say so explicitly.
      defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM },
      deployOptions: {
        stageName: API_STAGE_NAME,
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: apigateway.AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
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
    this.executionLogGroup = new logs.LogGroup(this, 'ExecutionLogs', {
      logGroupName: Fn.join('', ['API-Gateway-Execution-Logs_', this.api.restApiId, `/${API_STAGE_NAME}`]),
      retention: logRetention,
    });
    this.api.deploymentStage.node.addDependency(this.executionLogGroup);

    // RestApi adds an `Endpoint` output of its own; the stack outputs the URL once, as `ApiUrl`.
    this.api.node.tryRemoveChild('Endpoint');

    const functions: Record<string, WorkflowFunction> = {};
    const openApi = buildOpenApiDocument(props.routes ?? routeTable);
    for (const route of (props.routes ?? routeTable) as readonly RouteDefinition[]) {
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
      // No test-invoke permission: it would let whoever may test-invoke methods in the console (apigateway:*
      // on the API) run the workflows without execute-api:Invoke; the stage's own permission is all a caller needs.
      this.api.root.resourceForPath(route.path).addMethod(route.method, new apigateway.LambdaIntegration(fn, { allowTestInvoke: false }), {
        authorizationType: apigateway.AuthorizationType.IAM,
        operationName: route.id,
      });
      functions[route.id] = fn;
      // The API's own documentation, from the same OpenAPI document GET /openapi.json serves locally.
      const op = (openApi.paths as Record<string, Record<string, Record<string, unknown>>>)[route.path][route.method.toLowerCase()];
      new apigateway.CfnDocumentationPart(this, `${route.id}Documentation`, {
        restApiId: this.api.restApiId,
        location: { type: 'METHOD', path: route.path, method: route.method },
        properties: JSON.stringify({ summary: op.summary, operationId: op.operationId, parameters: op.parameters, requestBody: op.requestBody }),
      });
    }
    this.functions = functions;

    acknowledge(this, {
      L1: RUNTIME_REASON,
      'IAM5[Resource::*]': XRAY_REASON,
      APIG2: 'Every request is validated in its Lambda with zod before anything is sent to Webex, answering a 400 that names each bad field; an API Gateway model would duplicate the schemas and answer less precisely.',
      APIG3: 'The API is IAM-authorised (SigV4) and regional, called by service-desk systems; attaching a WAF web ACL is left to the deploying organisation, which owns its WAF policy.',
      COG4: 'Callers are IAM principals (service-desk integrations, admins) authorised with SigV4, not Cognito users.',
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]':
        "API Gateway's account-level CloudWatch role (needed for access and execution logs) uses AWS's managed policy, as AWS documents.",
    });
  }

  /** The invoke URL of the `v1` stage. */
  get url(): string {
    return this.api.url;
  }
}
