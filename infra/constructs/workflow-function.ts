import { Aws, CfnRule, Duration, Fn, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Fact, FactName, RegionInfo } from 'aws-cdk-lib/region-info';
import type { Construct } from 'constructs';
import { ENV, READ_SECRET_THROUGH_EXTENSION } from '../../functions/lib/tokens/service-app-secret';
import { DEFAULT_WEBEX_BASE_URL } from '../../functions/lib/webex/client';
import { fromRepoRoot } from '../paths';
import type { ContextKey } from '../context';

/** The commercial-cloud Webex base URL, from the client that uses it (government-cloud organisations set another). */
export { DEFAULT_WEBEX_BASE_URL };

/**
 * The bundle is ESM (`@middy/core` 6 ships ESM only). A CommonJS dependency that `require()`s a Node built-in
 * would, in an ESM bundle, go through esbuild's shim, which throws "Dynamic require of ... is not supported"
 * unless a real `require` is in scope: this banner provides one. With `mainFields: ['module', 'main']` today's
 * bundles contain no such call (with esbuild's default order, main first, the AWS SDK's CommonJS builds bring
 * eleven and the first AWS call fails), so the banner is insurance against the next CommonJS-only dependency.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

export interface WorkflowFunctionProps
  extends Omit<NodejsFunctionProps, 'entry' | 'handler' | 'projectRoot' | 'depsLockFilePath' | 'logRetention' | 'logGroup'> {
  /** The handler module (TypeScript, exporting `handler`), relative to the repository root as in routes.ts. */
  readonly entry: string;

  /**
   * Webex REST API base URL, passed to the function as `WEBEX_BASE_URL`.
   * @default 'https://webexapis.com/v1'
   */
  readonly webexBaseUrl?: string;

  /**
   * ARN of the Webex Service App secret, passed to the function as `WEBEX_SECRET_ARN`. Reading it is granted by
   * the caller (`WebexServiceAppSecret.grantRead`), not here. Not given: the function does not talk to Webex, and
   * gets neither the secret's ARN, nor `WEBEX_BASE_URL`, nor the secrets extension.
   */
  readonly webexSecretArn?: string;

  /**
   * Read the secret through the AWS Parameters and Secrets Lambda Extension: its layer is attached and
   * `WEBEX_SECRET_READER=extension` set, so the function's bundle needs no AWS SDK to read it. Turn it off for a
   * function that needs the SDK client to write it (the rotator).
   * @default true when `webexSecretArn` is given
   */
  readonly readSecretThroughExtension?: boolean;

  /**
   * The log group the function writes to. The role made for the function may write to this group only; a `role`
   * passed in must be granted that by its owner.
   * @default - a log group made for the function, with `logGroupRetention`
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * Retention of the log group made for the function. Ignored when `logGroup` is given.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logGroupRetention?: logs.RetentionDays;

  /**
   * `POWERTOOLS_SERVICE_NAME`: the `service` field of every log line and metric.
   * @default 'webex-provisioning'
   */
  readonly serviceName?: string;

  /**
   * `POWERTOOLS_LOG_LEVEL`.
   * @default 'INFO'
   */
  readonly powertoolsLogLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

/**
 * The Parameters and Secrets extension with its cache off (TTL 0): each read is a fresh GetSecretValue, and the
 * function's own 60 s token cache (SecretTokenProvider) stays the only one, as it was with the SDK client.
 *
 * After a 401 the Webex client drops our cached token and re-reads the secret once, because the rotator may have
 * just refreshed it. A caching extension could answer that re-read from its cache (for up to its TTL) with the
 * token Webex has just refused, and the request would fail. That would be harmless only if Webex kept accepting
 * the previous access token after a refresh, and shared/webex-api.md does not say so: §5.3 records that a refresh
 * repeated within 24 h often returns the same values and that whether the previous *refresh* token stays valid is
 * unverified; of the previous access token it says nothing. Nor would the extension's cache save calls: it lives
 * in the same execution environment as ours, so a TTL up to 60 s adds no hits, and a longer one gains hits only by
 * serving a secret older than our 60 s allows.
 */
/**
 * CDK knows the extension layer's ARN for some regions only (SECRETS_EXTENSION_LAYER_REGIONS); elsewhere (newer
 * regions, GovCloud, China) name the arm64 layer's ARN with the `secretsExtensionLayerArn` context value.
 */
export const SECRETS_EXTENSION_LAYER_CONTEXT = 'secretsExtensionLayerArn' satisfies ContextKey;

const SECRETS_EXTENSION_VERSION = lambda.ParamsAndSecretsVersions.V1_0_103;
const LAYER_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:layer:[A-Za-z0-9_-]+:\d+$/;

/** The regions for which the installed aws-cdk-lib maps the arm64 extension layer (its region-info facts). */
export const SECRETS_EXTENSION_LAYER_REGIONS: readonly string[] = RegionInfo.regions
  .map((r) => r.name)
  .filter((region) => Fact.find(region, FactName.paramsAndSecretsLambdaLayer(SECRETS_EXTENSION_VERSION, 'arm64')) !== undefined);

const unmappedRegionMessage = (region: string) =>
  `aws-cdk-lib has no AWS Parameters and Secrets Lambda Extension layer for ${region}: give the arm64 layer's ARN ` +
  `for that region with -c ${SECRETS_EXTENSION_LAYER_CONTEXT}=arn:aws:lambda:<region>:<account>:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:<version> ` +
  `(AWS lists them per region in the Secrets Manager user guide)`;

const secretsExtension = (scope: Construct) => {
  const options = { secretsManagerTtl: Duration.seconds(0) };
  const layerArn: unknown = scope.node.tryGetContext(SECRETS_EXTENSION_LAYER_CONTEXT);
  if (typeof layerArn === 'string' && layerArn) {
    if (!LAYER_ARN.test(layerArn)) throw new Error(`${SECRETS_EXTENSION_LAYER_CONTEXT} must be a Lambda layer version ARN (got ${layerArn})`);
    return lambda.ParamsAndSecretsLayerVersion.fromVersionArn(layerArn, options);
  }
  const stack = Stack.of(scope);
  if (!Token.isUnresolved(stack.region)) {
    if (!SECRETS_EXTENSION_LAYER_REGIONS.includes(stack.region)) throw new Error(unmappedRegionMessage(stack.region));
  } else {
    requireMappedRegionAtDeploy(stack);
  }
  return lambda.ParamsAndSecretsLayerVersion.fromVersion(SECRETS_EXTENSION_VERSION, options);
};

/**
 * An environment-agnostic stack (app.ts) learns its region only at deploy time, where CDK's Fn::FindInMap would
 * fail mid-deploy with a bare "key not found". A template rule fails it first, before any resource is touched,
 * with the same advice. (A rule may test the AWS::Region pseudo parameter like any parameter.)
 */
function requireMappedRegionAtDeploy(stack: Stack): void {
  const id = 'SecretsExtensionLayerRegion';
  if (stack.node.tryFindChild(id)) return;
  new CfnRule(stack, id, {
    assertions: [
      {
        assert: Fn.conditionContains([...SECRETS_EXTENSION_LAYER_REGIONS], Aws.REGION),
        assertDescription: unmappedRegionMessage('this region'),
      },
    ],
  });
}

/**
 * A workflow Lambda with the suite's defaults: Node.js 22 on arm64, 512 MB, a 28 s timeout (inside API Gateway's
 * 29 s integration limit), active X-Ray tracing, its own log group with a retention, and an execution role that
 * may write to that log group and nothing else until the caller grants more (the Webex secret, typically).
 *
 * Bundling runs the repository's own esbuild (never Docker) into one minified ESM file with a source map. Every
 * dependency is bundled, the AWS SDK v3 clients included, so the deployed code runs the versions package-lock.json
 * pins (and the tests ran) rather than whichever SDK the Lambda runtime ships that month.
 *
 * The log group and the role are created next to the function (ids `<id>LogGroup`, `<id>ServiceRole`) because
 * they must exist before `super()` runs.
 */
export class WorkflowFunction extends NodejsFunction {
  /** The log group the function writes to. */
  public readonly functionLogGroup: logs.ILogGroup;

  constructor(scope: Construct, id: string, props: WorkflowFunctionProps) {
    const {
      entry,
      webexBaseUrl,
      webexSecretArn,
      readSecretThroughExtension = webexSecretArn !== undefined,
      logGroupRetention,
      serviceName,
      powertoolsLogLevel,
      environment,
      bundling,
      ...rest
    } = props;

    const logGroup =
      rest.logGroup ??
      new logs.LogGroup(scope, `${id}LogGroup`, { retention: logGroupRetention ?? logs.RetentionDays.THREE_MONTHS });
    // Instead of AWSLambdaBasicExecutionRole (logs:CreateLogGroup/CreateLogStream/PutLogEvents on every log group):
    // the function's own group only. The group already exists, so no CreateLogGroup.
    const role =
      rest.role ??
      new iam.Role(scope, `${id}ServiceRole`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `Execution role of the ${id} workflow function`,
        inlinePolicies: {
          Logs: new iam.PolicyDocument({
            statements: [
              new iam.PolicyStatement({
                actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                // logGroupArn ends in `:*`, which covers the group's log streams.
                resources: [logGroup.logGroupArn],
              }),
            ],
          }),
        },
      });

    super(scope, id, {
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(28),
      tracing: lambda.Tracing.ACTIVE,
      ...rest,
      logGroup,
      role,
      entry: fromRepoRoot(entry),
      handler: 'handler',
      paramsAndSecrets: readSecretThroughExtension ? secretsExtension(scope) : undefined,
      projectRoot: fromRepoRoot('.'),
      depsLockFilePath: fromRepoRoot('package-lock.json'),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: serviceName ?? 'webex-provisioning',
        POWERTOOLS_LOG_LEVEL: powertoolsLogLevel ?? 'INFO',
        ...(webexSecretArn !== undefined ? { [ENV.baseUrl]: webexBaseUrl ?? DEFAULT_WEBEX_BASE_URL, [ENV.secretArn]: webexSecretArn } : {}),
        ...(readSecretThroughExtension ? { [ENV.secretReader]: READ_SECRET_THROUGH_EXTENSION } : {}),
        ...environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        // Mappings are enough for stack traces; the original sources would double the asset for nothing.
        sourcesContent: false,
        // Prefer packages' ESM builds (the AWS SDK ships both): ~140 KB smaller, no CommonJS require() of built-ins.
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        externalModules: [],
        ...bundling,
      },
    });
    this.functionLogGroup = logGroup;
  }
}
