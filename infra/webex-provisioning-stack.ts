import { CfnOutput, Fn, Stack, Token, type StackProps } from 'aws-cdk-lib';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { isUnderPrefix, REACHABLE_PREFIXES } from '../functions/lib/webex-spec/prefixes';
import { routes, type RouteDefinition } from '../functions/routes';
import { ActivityTable } from './constructs/activity-table';
import { BulkImports } from './constructs/bulk-imports';
import { RECONCILE_THRESHOLD_ENV } from '../functions/lib/reconcile/threshold-ceiling';
import { LeaverThresholds } from '../functions/lib/reconcile/schemas';
import { DEFAULT_LEAVER_POLICY_ENV } from '../functions/lib/lifecycle/router';
import { CallingRules, SCIM_CALLING_RULES_ENV, SCIM_DEACTIVATE_POLICY_ENV, scimDeactivatePolicy } from '../functions/lib/scim/calling-rules';
import { ReconcileSchedule, scheduledPlanInput } from './constructs/reconcile-schedule';
import { E2E_EVENT_SOURCE } from '../e2e/constants';
import { FailureNotifications, validateNotifyWebhook } from './constructs/failure-notifications';
import { destroyEverythingOnDelete, E2eSimulator } from './constructs/e2e-simulator';
import { ALLOWED_SOURCES_ENV } from '../functions/lib/lifecycle/router';
import { LifecycleEvents, validateAllowedSources } from './constructs/lifecycle-events';
import { NumberPools } from './constructs/number-pools';
import { OperationsDashboard } from './constructs/operations-dashboard';
import { TokenRotation } from './constructs/token-rotation';
import { WorkflowStateMachines, bulkBudgetEnvironment, pacingEnvironment, type PacingProps } from './constructs/workflow-state-machines';
import { PACING_ENV, pacingSettings } from '../functions/lib/pacing/settings';
import { MAX_MAX_CONCURRENCY } from '../functions/lib/bulk/joiners';
import { stateMachine, type StateMachineId } from '../functions/lib/state-machines/definitions';
import { WebexServiceAppSecret } from './constructs/webex-secret';
import { DEFAULT_API_THROTTLE, WorkflowApi, type ApiAuthMode, type ApiThrottleSettings } from './constructs/workflow-api';
import { CognitoApiIssuer } from './constructs/oauth-issuer';
import { ScimTokenSecret } from './constructs/scim-token-secret';
import { ScimWriteStream } from './constructs/scim-write-stream';
import { ReconcileOnUpload } from './constructs/reconcile-on-upload';
import { checkReconcileOnUpload } from '../functions/lib/reconcile/upload-plan';
import { DEFAULT_WEBEX_BASE_URL } from './constructs/workflow-function';
import type { ContextProps } from './context';

/** Default retention, in days, of every log group the stack creates. */
export const DEFAULT_LOG_RETENTION_DAYS = 90;

/**
 * Everything an administrator configures: the CDK context's keys (infra/context.ts, where each is described, and
 * docs/configuration.md), as the context reads them; `-c e2e=true` is the prop `e2eSimulator`.
 */
export interface WebexProvisioningStackProps extends StackProps, ContextProps {}

const RETENTION_VALUES = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number');
const SECRET_COMPLETE_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+-[A-Za-z0-9]{6}$/;

/**
 * The whole suite in one stack, one construct per concern:
 * - `WebexSecret` (WebexServiceAppSecret): the Service App credentials and token pair.
 * - `WorkflowApi`: the IAM-authorised REST API and one workflow function per route of functions/routes.ts.
 * - state machines: `statemachines/*.asl.json` loaded with `DefinitionBody.fromFile` and substitutions mapping
 *   their task resources to `api.functions[...]` ARNs;
 * - `TokenRotation`: the rotator on an EventBridge Scheduler schedule, the secret's only writer (its lease
 *   serialises runs), with its alarms and encrypted SNS topic.
 *
 * Still to come:
 * - lifecycle rules: EventBridge rules starting executions named from the event id.
 */
export class WebexProvisioningStack extends Stack {
  public readonly secret: WebexServiceAppSecret;
  public readonly api: WorkflowApi;
  /** The OAuth API's Cognito user pool and clients (with `apiAuth` oauth and no `oauthIssuer`). */
  public readonly apiIssuer?: CognitoApiIssuer;
  public readonly rotation: TokenRotation;
  public readonly workflows: WorkflowStateMachines;
  public readonly lifecycle: LifecycleEvents;
  public readonly bulkImports: BulkImports;
  public readonly notifications: FailureNotifications;
  public readonly activity: ActivityTable;
  /** The daily count of free numbers per location, and its alarm. */
  public readonly numberPools: NumberPools;
  /** The CloudWatch dashboard of outcomes, Webex faults, tokens, queues, long runs and number pools. */
  public readonly dashboard: OperationsDashboard;
  /** The SCIM bearer token's digests (`npm run scim-token`), read by the SCIM API's authorizer. */
  public readonly scimToken: ScimTokenSecret;
  /** The SCIM writes' consumer: the activity table's stream starts each write's apply. */
  public readonly scimWrites: ScimWriteStream;
  /** The nightly reconciliation plan, when `reconcileSchedule` is set. */
  public readonly reconcileSchedule?: ReconcileSchedule;
  /** The upload rule, when `reconcileOnUpload` is set. */
  public readonly reconcileOnUpload?: ReconcileOnUpload;

  constructor(scope: Construct, id: string, props: WebexProvisioningStackProps = {}) {
    super(scope, id, {
      description: 'webex-provisioning: Cisco Webex user provisioning workflows behind an IAM-authorised API',
      ...props,
    });
    if (props.e2eSimulator && props.webexBaseUrl) throw new Error('e2e stacks use the simulator: do not give webexBaseUrl with e2e');
    const simulator = props.e2eSimulator ? new E2eSimulator(this, 'E2eSimulator', { logRetention: validateRetention(props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS) }) : undefined;
    if (simulator) destroyEverythingOnDelete(this);
    // Checked before anything is built: a bad webhook fails synth naming its key.
    if (props.notifyWebhook !== undefined) validateNotifyWebhook(props.notifyWebhook);
    const webexBaseUrl = simulator ? simulator.webexBaseUrl : validateBaseUrl(props.webexBaseUrl ?? DEFAULT_WEBEX_BASE_URL);
    const throttle = validateThrottle(props.apiThrottle ?? DEFAULT_API_THROTTLE);
    const logRetention = validateRetention(props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS);
    if (
      props.existingSecretArn !== undefined &&
      !Token.isUnresolved(props.existingSecretArn) &&
      !SECRET_COMPLETE_ARN.test(props.existingSecretArn)
    ) {
      throw new Error(
        `existingSecretArn must be a complete Secrets Manager secret ARN, ending in the six-character suffix ` +
          `Secrets Manager adds to the name (got ${props.existingSecretArn})`,
      );
    }

    this.secret = new WebexServiceAppSecret(this, 'WebexSecret', {
      existingSecretArn: props.existingSecretArn,
      encryptionKey: props.secretEncryptionKeyArn
        ? kms.Key.fromKeyArn(this, 'SecretEncryptionKey', props.secretEncryptionKeyArn)
        : undefined,
    });

    this.bulkImports = new BulkImports(this, 'BulkImports');
    this.activity = new ActivityTable(this, 'Activity', { retentionDays: props.activityRetentionDays });
    const bulkRate = validateBulkRate(props.bulkWebexRequestsPerSecond);
    const bulkConcurrency = validateBulkConcurrency(props.bulkMaxConcurrency);
    const pacing = validatePacing(props);
    // The starters of bulk runs pace them to the budget; the routes reading uploads know the bucket.
    const bulkEnvironment: Record<string, Record<string, string>> = {};
    for (const route of routes as readonly RouteDefinition[]) {
      const env = {
        ...(route.importsBucket ? { BULK_IMPORTS_BUCKET: this.bulkImports.bucket.bucketName } : {}),
        ...(route.bulkBudget ? bulkBudgetEnvironment(bulkRate, bulkConcurrency) : {}),
        ...(route.needs.includes('activity') || route.needs.includes('scim') || route.needs.includes('pacing') ? this.activity.environment() : {}),
        ...(route.needs.includes('pacing') ? pacingEnvironment(pacing, bulkRate) : {}),
      };
      if (Object.keys(env).length) bulkEnvironment[route.id] = env;
    }

    if (props.lifecycleUseDefaultBus && !props.lifecycleAllowedSources?.length) {
      throw new Error(
        'lifecycleUseDefaultBus needs lifecycleAllowedSources (e.g. -c lifecycleAllowedSources=hr.workday): on the default bus ' +
          'any principal allowed events:PutEvents could otherwise start joiners and leavers',
      );
    }
    // An e2e stack accepts its scenario's events only, so a run also proves the rules' source patterns.
    const sources = props.lifecycleAllowedSources ?? (props.e2eSimulator ? [E2E_EVENT_SOURCE] : undefined);
    const allowedSources = sources ? validateAllowedSources(sources) : undefined;

    // The bus exists before the machines, which publish their outcome to it.
    const lifecycleBus = LifecycleEvents.bus(this, 'LifecycleBus', { useDefaultBus: props.lifecycleUseDefaultBus });
    const planEnvironment = reconcilePlanEnvironment(props);
    // The thresholds alone (the ceiling) for the plan route and the apply, which take no leaver policy.
    const ceilingEnvironment = Object.fromEntries(Object.entries(planEnvironment).filter(([name]) => name !== DEFAULT_LEAVER_POLICY_ENV));
    this.workflows = new WorkflowStateMachines(this, 'StateMachines', {
      secret: this.secret,
      webexBaseUrl,
      logRetention,
      callingLicense: props.callingLicense,
      lifecycleEventBus: lifecycleBus,
      importsBucket: this.bulkImports,
      activityTable: this.activity,
      // The planner, its route and the apply all hold a plan to the deployment's thresholds (a ceiling).
      taskEnvironment: { ReconcilePlanSteps: planEnvironment, ReconcileApplySteps: ceilingEnvironment, ScimApplySteps: scimEnvironment(props) },
      bulkWebexRequestsPerSecond: bulkRate,
      bulkMaxConcurrency: bulkConcurrency,
      pacing,
    });

    const apiAuth = validateApiAuth(props);
    if (apiAuth.includes('oauth') && !props.oauthIssuer) {
      this.apiIssuer = new CognitoApiIssuer(this, 'ApiIssuer', { clients: props.apiClients ?? [], domainPrefix: props.oauthDomainPrefix });
    }
    this.scimToken = new ScimTokenSecret(this, 'ScimToken');
    this.api = new WorkflowApi(this, 'WorkflowApi', {
      secret: this.secret,
      scimTokenSecret: this.scimToken.secret,
      webexBaseUrl,
      throttle,
      logRetention,
      auth: apiAuth,
      oauthIssuer: !apiAuth.includes('oauth')
        ? undefined
        : this.apiIssuer
          ? { kind: 'cognito', userPoolId: this.apiIssuer.userPool.userPoolId, clientIds: Object.values(this.apiIssuer.clients).map((c) => c.userPoolClientId) }
          : { kind: 'jwt', issuer: props.oauthIssuer!, audience: props.oauthAudience!, jwksUri: props.oauthJwksUri },
      functionEnvironment: {
        // POST /events runs the router's code: the same sources as the rules.
        ...mergeEnvironments(this.workflows.routeEnvironment(), bulkEnvironment, { CreateReconcilePlan: ceilingEnvironment }, allowedSources ? { LifecycleEvents: { [ALLOWED_SOURCES_ENV]: allowedSources.join(',') } } : {}),
        ...guardedRequestEnvironment(props),
      },
    });
    this.workflows.grantStart(this.api.functions);
    // What apply runs and reports is written by the planner and the apply's steps alone (plan-integrity.ts checks it too).
    const roleOf = (task: 'ReconcilePlanSteps' | 'ReconcileApplySteps') => this.workflows.taskFunctions[task].role!;
    this.bulkImports.reserveWriters('plans/', [roleOf('ReconcilePlanSteps')]);
    this.bulkImports.reserveWriters('applies/', [roleOf('ReconcileApplySteps')]);
    for (const route of routes as readonly RouteDefinition[]) {
      const fn = this.api.functions[route.id];
      if (route.importsBucket === 'read') this.bulkImports.grantReadFiles(fn);
      if (route.importsBucket === 'reports') this.bulkImports.grantReadReports(fn);
      if (route.needs.includes('activity')) this.activity.grantQuery(fn);
      if (route.needs.includes('pacing')) this.activity.grantPaceRead(fn);
      if (route.recordsActivity) this.activity.grantRecord(fn);
      if (route.needs.includes('scim')) this.activity.grantScim(fn);
    }

    this.rotation = new TokenRotation(this, 'TokenRotation', {
      secret: this.secret,
      webexBaseUrl,
      rotationIntervalHours: props.rotationIntervalHours,
      alarmEmail: props.alarmEmail,
      logRetention,
      reservedConcurrency: props.rotatorReservedConcurrency,
    });
    this.lifecycle = new LifecycleEvents(this, 'Lifecycle', {
      eventBus: lifecycleBus,
      stateMachines: this.workflows.stateMachines,
      defaultLeaverPolicy: props.defaultLeaverPolicy,
      allowedSources,
      logRetention,
      alarmActions: [new cwActions.SnsAction(this.rotation.alarmTopic)],
    });
    // Failures reach people: the alarm topic (alarmEmail), and notifyWebhook when set.
    this.notifications = new FailureNotifications(this, 'Notifications', {
      eventBus: lifecycleBus,
      alarmTopic: this.rotation.alarmTopic,
      deadLetterQueue: this.lifecycle.deadLetterQueue,
      webhook: props.notifyWebhook,
    });
    this.numberPools = new NumberPools(this, 'NumberPools', {
      secret: this.secret,
      webexBaseUrl,
      logRetention,
      alarmTopic: this.rotation.alarmTopic,
      lowWatermark: props.numberPoolLowWatermark,
    });
    if (props.reconcileSchedule) {
      this.reconcileSchedule = new ReconcileSchedule(this, 'ReconcileSchedule', {
        settings: props.reconcileSchedule,
        stateMachine: this.workflows.stateMachines.ReconcilePlan,
        alarmActions: [new cwActions.SnsAction(this.rotation.alarmTopic)],
        thresholdCeiling: props.reconcileLeaverThresholds,
      });
    }
    if (props.reconcileOnUpload) {
      this.reconcileOnUpload = new ReconcileOnUpload(this, 'ReconcileOnUpload', {
        settings: props.reconcileOnUpload,
        bucket: this.bulkImports.bucket,
        stateMachine: this.workflows.stateMachines.ReconcilePlan,
        alarmActions: [new cwActions.SnsAction(this.rotation.alarmTopic)],
        thresholdCeiling: props.reconcileLeaverThresholds,
      });
    }
    this.scimWrites = new ScimWriteStream(this, 'ScimWrites', {
      table: this.activity,
      scimApply: this.workflows.stateMachines.ScimApply,
      logRetention,
      alarmActions: [new cwActions.SnsAction(this.rotation.alarmTopic)],
    });
    this.dashboard = new OperationsDashboard(this, 'Operations', {
      stateMachines: this.workflows.stateMachines,
      deadLetterQueues: {
        'lifecycle events and notifications': this.lifecycle.deadLetterQueue,
        'SCIM writes': this.scimWrites.deadLetterQueue,
        ...(this.reconcileSchedule ? { 'scheduled reconciliation': this.reconcileSchedule.deadLetterQueue } : {}),
      },
      numberPools: this.numberPools,
    });
    new CfnOutput(this, 'DashboardName', { description: 'CloudWatch dashboard of the suite (outcomes, Webex faults, tokens, queues, runs, number pools)', value: this.dashboard.dashboard.dashboardName });
    new CfnOutput(this, 'LifecycleEventBusName', { description: 'Event bus for Webex User Joined/Moved/Left events', value: lifecycleBus.eventBusName });

    new CfnOutput(this, 'BulkImportsBucketName', {
      description: 'Bucket for joiner CSV files (POST /bulk/joiners/csv) and their reports (reports/)',
      value: this.bulkImports.bucket.bucketName,
    });

    new CfnOutput(this, 'ActivityTableName', { description: 'DynamoDB table of the activity records (user history, bulk runs, plans)', value: this.activity.table.tableName });

    new CfnOutput(this, 'AlarmTopicArn', { description: 'SNS topic of the alarms and the failures that reach people (alarmEmail subscribes to it)', value: this.rotation.alarmTopic.topicArn });

    if (simulator) new CfnOutput(this, 'SimulatorUrl', { description: 'e2e: the Webex simulator the functions call', value: simulator.webexBaseUrl });
    if (simulator) {
      // npm run e2e stops what still runs before it empties the bucket, so no run writes into it during the delete.
      const standard = Object.entries(this.workflows.stateMachines).filter(([id]) => stateMachine(id as StateMachineId).type === 'STANDARD');
      new CfnOutput(this, 'StandardStateMachineArns', { description: 'e2e: the Standard state machines, stopped before teardown', value: Fn.join(',', standard.map(([, m]) => m.stateMachineArn)) });
    }

    if (this.api.iamApi) new CfnOutput(this, 'ApiUrl', { description: 'Invoke URL of the v1 stage (requests are SigV4-signed)', value: this.api.iamApi.url });
    if (this.api.oauthApi) new CfnOutput(this, 'OAuthApiUrl', { description: 'Invoke URL of the v1 stage for OAuth clients (Authorization: Bearer)', value: this.api.oauthApi.url });
    if (this.api.scimApi) new CfnOutput(this, 'ScimApiUrl', { description: "SCIM 2.0 base URL: Entra ID's Tenant URL, Okta's SCIM connector base URL", value: `${this.api.scimApi.url}scim/v2` });
    new CfnOutput(this, 'ScimTokenSecretArn', {
      description: 'Secret of the SCIM bearer token: create or rotate the token with `npm run scim-token -- --secret-arn <this>`',
      value: this.scimToken.secret.secretArn,
    });
    if (this.apiIssuer) {
      new CfnOutput(this, 'OAuthTokenUrl', { description: 'Client-credentials token endpoint of the OAuth API', value: this.apiIssuer.tokenUrl });
      new CfnOutput(this, 'OAuthUserPoolId', { description: 'Cognito user pool of the OAuth clients (read a client secret with describe-user-pool-client)', value: this.apiIssuer.userPool.userPoolId });
      new CfnOutput(this, 'OAuthClientIds', {
        description: 'The OAuth client id of each apiClients entry, by name (JSON)',
        value: this.toJsonString(Object.fromEntries(Object.entries(this.apiIssuer.clients).map(([name, c]) => [name, c.userPoolClientId]))),
      });
    }
    new CfnOutput(this, 'WebexSecretArn', {
      description: 'ARN of the Webex Service App secret: pass it to `npm run connect -- --secret-arn`',
      value: this.secret.secret.secretArn,
    });
  }
}

function validateApiAuth(props: WebexProvisioningStackProps): ApiAuthMode[] {
  const modes = props.apiAuth ?? ['iam'];
  const known = ['iam', 'oauth'];
  if (!modes.length || modes.some((m) => !known.includes(m)) || new Set(modes).size !== modes.length) {
    throw new Error(`apiAuth must be iam, oauth or iam,oauth (got ${modes.join(',')})`);
  }
  const oauth = modes.includes('oauth');
  if (!oauth && (props.apiClients || props.oauthIssuer || props.oauthAudience)) throw new Error('apiClients, oauthIssuer and oauthAudience need apiAuth oauth (or iam,oauth)');
  if (props.oauthIssuer || props.oauthAudience) {
    if (!props.oauthIssuer || !props.oauthAudience) throw new Error('oauthIssuer and oauthAudience go together');
    if (props.apiClients) throw new Error('apiClients are the stack\'s own Cognito clients: with an external oauthIssuer, register the clients there');
    for (const [key, value] of [['oauthIssuer', props.oauthIssuer], ['oauthJwksUri', props.oauthJwksUri]] as const) {
      if (value !== undefined && !/^https:\/\/[^\s/]+/.test(value)) throw new Error(`${key} must be an https URL (got ${value})`);
    }
  } else if (oauth && !props.apiClients?.length) {
    // The stack's own pool with no client deploys an OAuth API nobody can get a token for: say so now, not as a
    // 401 for every caller after a deployment.
    throw new Error(
      `apiAuth ${modes.join(',')} with the stack's Cognito pool needs at least one apiClients entry, e.g. -c apiClients='[{"name":"jira","scopes":["users.read"]}]' (or oauthIssuer and oauthAudience for an external issuer)`,
    );
  }
  return modes;
}

function validateBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new Error(`webexBaseUrl is not a URL: ${value}`, { cause: error });
  }
  if (url.protocol !== 'https:') throw new Error(`webexBaseUrl must use https: ${value}`);
  return value;
}

function validateThrottle(throttle: ApiThrottleSettings): ApiThrottleSettings {
  const { rateLimit, burstLimit } = throttle;
  if (!(Number.isFinite(rateLimit) && rateLimit > 0)) throw new Error(`apiThrottle.rateLimit must be a positive number (got ${rateLimit})`);
  if (!(Number.isInteger(burstLimit) && burstLimit > 0)) {
    throw new Error(`apiThrottle.burstLimit must be a positive integer (got ${burstLimit})`);
  }
  return throttle;
}

/** The planner's defaults: the lifecycle's leaver policy, and the thresholds (checked here, so a bad prop fails synth). */
function reconcilePlanEnvironment(props: WebexProvisioningStackProps): Record<string, string> {
  const env: Record<string, string> = { [DEFAULT_LEAVER_POLICY_ENV]: props.defaultLeaverPolicy ?? 'deactivate' };
  if (props.reconcileLeaverThresholds) {
    const parsed = LeaverThresholds.safeParse(props.reconcileLeaverThresholds);
    if (!parsed.success) {
      throw new Error(`reconcileLeaverThresholds is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    }
    for (const [field, name] of Object.entries(RECONCILE_THRESHOLD_ENV) as [keyof LeaverThresholds, string][]) {
      const value = parsed.data[field];
      if (value !== undefined) env[name] = String(value);
    }
  }
  // Checked before anything is built: a bad schedule fails synth naming its field.
  if (props.reconcileSchedule) scheduledPlanInput(props.reconcileSchedule, props.reconcileLeaverThresholds);
  if (props.reconcileOnUpload) checkReconcileOnUpload(props.reconcileOnUpload, props.reconcileLeaverThresholds);
  return env;
}

/** The pacing settings, each checked as the functions will check it (pacing/settings.ts), at synth. */
function validatePacing(props: WebexProvisioningStackProps): PacingProps {
  const pacing: PacingProps = {
    initialRequestsPerSecond: props.webexInitialRequestsPerSecond,
    maxRequestsPerSecond: props.webexMaxRequestsPerSecond,
    interactiveShare: props.webexInteractiveShare,
  };
  const keys: Record<string, string> = {
    [PACING_ENV.initialRate]: 'webexInitialRequestsPerSecond', [PACING_ENV.legacyInitialRate]: 'bulkWebexRequestsPerSecond',
    [PACING_ENV.maxRate]: 'webexMaxRequestsPerSecond', [PACING_ENV.interactiveShare]: 'webexInteractiveShare',
  };
  try {
    pacingSettings(pacingEnvironment(pacing, props.bulkWebexRequestsPerSecond));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(Object.entries(keys).reduce((m, [env, key]) => m.replaceAll(env, key), message));
  }
  return pacing;
}

function validateBulkRate(rate: number | undefined): number | undefined {
  if (rate === undefined) return undefined;
  if (!(Number.isFinite(rate) && rate > 0 && rate <= 1000)) throw new Error(`bulkWebexRequestsPerSecond must be a number above 0 and at most 1000 (got ${rate})`);
  return rate;
}

function validateBulkConcurrency(n: number | undefined): number | undefined {
  if (n === undefined) return undefined;
  if (!(Number.isInteger(n) && n >= 1 && n <= MAX_MAX_CONCURRENCY)) throw new Error(`bulkMaxConcurrency must be an integer from 1 to ${MAX_MAX_CONCURRENCY} (got ${n})`);
  return n;
}

function mergeEnvironments(...envs: Record<string, Record<string, string>>[]): Record<string, Record<string, string>> {
  const merged: Record<string, Record<string, string>> = {};
  for (const env of envs) for (const [route, vars] of Object.entries(env)) merged[route] = { ...merged[route], ...vars };
  return merged;
}

function validateRetention(days: number): logs.RetentionDays {
  if (!RETENTION_VALUES.includes(days)) {
    throw new Error(`logRetentionDays must be one of ${RETENTION_VALUES.join(', ')} (got ${days})`);
  }
  return days as logs.RetentionDays;
}

function validatePrefixes(prefixes: string[]): string[] {
  for (const p of prefixes) {
    if (!REACHABLE_PREFIXES.some((allowed) => isUnderPrefix(p, allowed)) || /[?#,]|\.\./.test(p)) {
      throw new Error(`webexRequestAllowedPrefixes: ${p} is not under ${REACHABLE_PREFIXES.join(', ')}`);
    }
  }
  return prefixes;
}

/** The guarded request's settings, for the function that sends it and the one that lists what it accepts. */
function guardedRequestEnvironment(props: WebexProvisioningStackProps): Record<string, Record<string, string>> {
  const env: Record<string, string> = {
    ...(props.webexRequestAllowedPrefixes ? { WEBEX_REQUEST_ALLOWED_PREFIXES: validatePrefixes(props.webexRequestAllowedPrefixes).join(',') } : {}),
  };
  const list = { ...env };
  if (props.webexRequestAllowPrivilegeFields) env.WEBEX_REQUEST_ALLOW_PRIVILEGE_FIELDS = 'true';
  return { ...(Object.keys(env).length ? { WebexRequest: env } : {}), ...(Object.keys(list).length ? { ListWebexOperations: list } : {}) };
}

/** The SCIM apply's settings, checked at synth with the apply's own schema: a bad rule fails `cdk synth`, not a user's apply. */
function scimEnvironment(props: WebexProvisioningStackProps): Record<string, string> {
  const rules = props.scimCallingRules === undefined ? undefined : CallingRules.safeParse(props.scimCallingRules);
  if (rules && !rules.success) {
    const issue = rules.error.issues[0];
    throw new Error(`scimCallingRules: ${issue.path.join('.') || 'rules'}: ${issue.message}`);
  }
  const policy = scimDeactivatePolicy({ [SCIM_DEACTIVATE_POLICY_ENV]: props.scimDeactivatePolicy });
  return { [SCIM_DEACTIVATE_POLICY_ENV]: policy, ...(rules?.data.length ? { [SCIM_CALLING_RULES_ENV]: JSON.stringify(rules.data) } : {}) };
}
