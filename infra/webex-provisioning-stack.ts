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
import { CallingRules, SCIM_CALLING_RULES_ENV, SCIM_DEACTIVATE_POLICY_ENV, scimDeactivatePolicy, type CallingRule } from '../functions/lib/scim/calling-rules';
import { ReconcileSchedule, scheduledPlanInput, type ReconcileScheduleSettings } from './constructs/reconcile-schedule';
import { E2E_EVENT_SOURCE } from '../e2e/constants';
import { FailureNotifications, validateNotifyWebhook, type NotifyWebhookSettings } from './constructs/failure-notifications';
import { destroyEverythingOnDelete, E2eSimulator } from './constructs/e2e-simulator';
import { ALLOWED_SOURCES_ENV } from '../functions/lib/lifecycle/router';
import { LifecycleEvents, validateAllowedSources } from './constructs/lifecycle-events';
import type { LeaverPolicy } from '../functions/lib/schemas/lifecycle-events';
import { NumberPools } from './constructs/number-pools';
import { OperationsDashboard } from './constructs/operations-dashboard';
import { TokenRotation } from './constructs/token-rotation';
import { WorkflowStateMachines, bulkBudgetEnvironment, pacingEnvironment, type PacingProps } from './constructs/workflow-state-machines';
import { PACING_ENV, pacingSettings } from '../functions/lib/pacing/settings';
import { MAX_MAX_CONCURRENCY } from '../functions/lib/bulk/joiners';
import { stateMachine, type StateMachineId } from '../functions/lib/state-machines/definitions';
import { WebexServiceAppSecret } from './constructs/webex-secret';
import { DEFAULT_API_THROTTLE, WorkflowApi, type ApiAuthMode, type ApiThrottleSettings } from './constructs/workflow-api';
import { CognitoApiIssuer, type ApiClientSettings } from './constructs/oauth-issuer';
import { ScimTokenSecret } from './constructs/scim-token-secret';
import { ReconcileOnUpload } from './constructs/reconcile-on-upload';
import { checkReconcileOnUpload, type ReconcileOnUploadSettings } from '../functions/lib/reconcile/upload-plan';
import { DEFAULT_WEBEX_BASE_URL } from './constructs/workflow-function';

export { DEFAULT_STACK_NAME } from './stack-name';
/** Default retention, in days, of every log group the stack creates. */
export const DEFAULT_LOG_RETENTION_DAYS = 90;

/** Everything an administrator configures; each can also be given as CDK context (`-c name=value`, see app.ts). */
export interface WebexProvisioningStackProps extends StackProps {
  /**
   * Base URL of the Webex REST API the functions call (`WEBEX_BASE_URL`). Organisations in the Webex for
   * Government cloud use their cloud's URL instead. Must be https.
   * @default 'https://webexapis.com/v1'
   */
  readonly webexBaseUrl?: string;

  /**
   * Complete ARN (including Secrets Manager's six-character suffix) of an existing Service App secret, for
   * example the one kept from an earlier deployment of this stack. Given: the secret is imported and the
   * functions are granted read access to it. Not given: the stack creates one (retained on stack deletion)
   * for `npm run connect` to fill.
   * @default - a new secret is created
   */
  readonly existingSecretArn?: string;

  /**
   * ARN of a customer-managed KMS key that encrypts the Service App secret (for an existing secret: the key it
   * is encrypted with, so the functions may decrypt it).
   * @default - the AWS managed key `aws/secretsmanager`
   */
  readonly secretEncryptionKeyArn?: string;

  /**
   * Stage-wide API throttling: steady requests per second (`rateLimit`) and bucket size (`burstLimit`).
   * @default { rateLimit: 10, burstLimit: 20 }
   */
  readonly apiThrottle?: ApiThrottleSettings;

  /**
   * Who may call the API: `iam` (SigV4), `oauth` (OAuth 2.0 client credentials: a bearer token carrying the
   * route's scope), or both at once: two REST APIs built from the same route rows in front of the same functions
   * (`ApiUrl` and `OAuthApiUrl`).
   * @default ['iam']
   */
  readonly apiAuth?: ApiAuthMode[];

  /**
   * The OAuth clients of the stack's Cognito user pool (with `oauth`, unless `oauthIssuer` is given): one
   * confidential app client each, client credentials only, limited to its scopes, e.g.
   * `[{ name: 'jira', scopes: ['users.read', 'users.write', 'calling.write'] }]`.
   * @default - none (the pool and its token endpoint exist; add clients to get tokens)
   */
  readonly apiClients?: ApiClientSettings[];

  /**
   * An external authorization server (Entra ID, Okta) instead of the stack's Cognito user pool: its issuer (`iss`),
   * with `oauthAudience` (`aud`); its tokens must carry `webex-provisioning/<scope>` in `scope`, `scp` or `roles`.
   * @default - the stack's Cognito user pool
   */
  readonly oauthIssuer?: string;
  readonly oauthAudience?: string;
  /**
   * The external issuer's JWKS, where it is not `<oauthIssuer>/.well-known/jwks.json` (Entra ID:
   * `https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys`; Okta: `<issuer>/v1/keys`).
   * @default `${oauthIssuer}/.well-known/jwks.json`
   */
  readonly oauthJwksUri?: string;

  /**
   * The Cognito domain prefix of the token endpoint (`<prefix>.auth.<region>.amazoncognito.com`), unique in the region.
   * @default '<stack name>-<account id>' (lower-cased)
   */
  readonly oauthDomainPrefix?: string;

  /**
   * Days to keep the API access logs and the functions' logs. One of CloudWatch Logs' retention values
   * (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653),
   * or 9999 to keep them forever.
   * @default 90
   */
  readonly logRetentionDays?: number;

  /**
   * Hours between token rotations (EventBridge Scheduler).
   * @default 12
   */
  readonly rotationIntervalHours?: number;

  /**
   * E-mail address subscribed to the alarm topic (failed rotation, refresh token under 14 days from expiry,
   * rotator errors). The address must confirm the subscription.
   * @default - no subscription; subscribe to the `AlarmTopicArn` output yourself
   */
  readonly alarmEmail?: string;

  /**
   * Path prefixes `POST /webex/requests` may reach (and `GET /webex/operations` lists); a subset of /people,
   * /licenses, /locations, /telephony/config, /telephony/pstn and /workspaces/{workspaceId}/features (or
   * paths below them; `{param}` stands for any one segment).
   * @default all six
   */
  readonly webexRequestAllowedPrefixes?: string[];

  /**
   * Let `POST /webex/requests` bodies carry privilege-changing fields: `roles` (admin roles) and, on
   * `PUT /people/{personId}`, `emails` (the sign-in address). Off, they are refused with a 400. Either way,
   * the right to invoke that route is an admin's right over the Webex org: grant it as such.
   * @default false
   */
  readonly webexRequestAllowPrivilegeFields?: boolean;

  /**
   * The Webex Calling license Enable Calling assigns, by name or id.
   * @default 'Webex Calling - Professional'
   */
  readonly callingLicense?: string;

  /**
   * Publish and route lifecycle events on the account's default event bus instead of a bus of the stack's own.
   * @default false - a custom bus
   */
  readonly lifecycleUseDefaultBus?: boolean;

  /**
   * The event `source`s that may start lifecycle flows: in every rule's pattern, and enforced by the router and
   * `POST /events`. Required with `lifecycleUseDefaultBus`, where any principal allowed `events:PutEvents` on the
   * default bus could otherwise delete users (pair it with an `events:source` condition on those principals).
   * @default - any source on the stack's own bus
   */
  readonly lifecycleAllowedSources?: string[];

  /**
   * Reserved concurrency for the token rotator. Off by default: Lambda keeps 100 executions unreserved and
   * refuses a reservation that leaves fewer, so an account whose quota is 10 or 50 (new accounts' may be) cannot
   * reserve at all; the secret's lease already
   * lets only one of two racing rotations refresh.
   * @default - none
   */
  readonly rotatorReservedConcurrency?: number;

  /**
   * An end-to-end test stack (`npm run e2e`, context `e2e=true`): also deploys the built-in Webex simulator as a
   * Lambda behind a function URL, points `webexBaseUrl` at it, outputs `SimulatorUrl`, allows lifecycle events
   * from the scenario's source only (unless `lifecycleAllowedSources` says otherwise), and destroys every
   * resource (the secret and bucket included) with the stack. Never for an organisation's real stack.
   * @default false
   */
  readonly e2eSimulator?: boolean;

  /**
   * What a `Webex User Left` event does to the user when the event names no policy, after its calling license
   * and numbers are freed: `delete` it, `deactivate` it (login disabled; Webex deletes users deactivated for
   * 30 days, help.webex.com article v5wksr), or `removeCalling` (the user stays active, without calling).
   * @default 'deactivate'
   */
  readonly defaultLeaverPolicy?: LeaverPolicy;

  /**
   * SCIM (the /scim/v2 endpoint): the ordered calling rules that give a provisioned user calling from attributes the
   * directory already holds, `[{ when: { department?, group?, title?, … }, location, license?, autoAssignNumber? }]`,
   * the first match winning; the user's own extension attributes (callingLocation, phoneNumber, …) override them.
   * @default none: calling only where the extension attributes give a location
   */
  readonly scimCallingRules?: readonly CallingRule[];

  /**
   * What SCIM `active: false` does: `removeCalling` (the user stays, without calling; `active: true` restores it),
   * `deactivate` (sign-in off; Webex deletes users deactivated for 30 days, help.webex.com article v5wksr) or `delete`.
   * A SCIM DELETE always deletes.
   * @default 'removeCalling'
   */
  readonly scimDeactivatePolicy?: LeaverPolicy;

  /**
   * Webex requests a second that bulk joiners (the JSON and the CSV path) may spend: joiners are started
   * this far apart (the requests one joiner makes ÷ this). Webex publishes no per-org limit; raise it only
   * when the org's 429s allow, and leave room for the service desk's own requests.
   * @default 5
   */
  readonly bulkWebexRequestsPerSecond?: number;

  /**
   * The pacing controller (functions/lib/pacing/): the rate it starts at, requests a second. It then finds the
   * organisation's rate from Webex's 429s (AIMD) and keeps it in the activity table for the next run.
   * @default bulkWebexRequestsPerSecond, else 5
   */
  readonly webexInitialRequestsPerSecond?: number;
  /** The most requests a second the pacing controller lets the runs' rate reach. @default 100 */
  readonly webexMaxRequestsPerSecond?: number;
  /** The share of the found rate left to interactive (API) calls: runs draw the rest. From 0 to below 1. @default 0.2 */
  readonly webexInteractiveShare?: number;

  /**
   * How many joiners (bulk runs) or plan items (reconcile apply) run at once: the Map's MaxConcurrency. Each
   * runs at most one Lambda invocation at a time, and a CSV runs two batches at once, so a run holds up to this
   * many (twice this for a CSV) of the account's concurrent executions. The default fits an account whose Lambda
   * concurrency quota is still 10 (new accounts); with the usual 1,000, 16 fills the default request budget.
   * @default 4
   */
  readonly bulkMaxConcurrency?: number;

  /**
   * When a reconciliation plan needs a person's confirmation (`POST /reconcile/plans`, and the schedule):
   * more leavers than `maxLeaverPercent` of the in-scope users, or than `maxLeavers`. A request's own
   * `thresholds` override these.
   * @default { maxLeaverPercent: 10, maxLeavers: 50 }
   */
  readonly reconcileLeaverThresholds?: LeaverThresholds;

  /**
   * Plan a reconciliation on a schedule (EventBridge Scheduler) from a fixed roster key in the imports bucket,
   * e.g. `{ expression: 'cron(0 2 * * ? *)', timezone: 'Europe/Berlin', key: 'rosters/nightly.csv',
   * scope: { emailDomains: ['example.com'] } }`. Each run stores a plan and publishes Webex Reconcile Planned
   * or Webex Reconcile Confirmation Required; with `autoApply`, a plan that needs no confirmation is applied
   * (see the README).
   * @default - no schedule
   */
  readonly reconcileSchedule?: ReconcileScheduleSettings;

  /**
   * Plan a reconciliation whenever a roster file is created under a prefix of the imports bucket (an HR system's
   * nightly export), e.g. `{ prefix: 'rosters/', scope: { emailDomains: ['example.com'] }, autoApply: false }`
   * (also `leaverPolicy`, `allowMoves`, `thresholds`, as the schedule). The bucket sends its events to EventBridge
   * and a rule on "Object Created" under the prefix starts the planner; the same safeguards and events as
   * `reconcileSchedule`. The prefix may not overlap where the suite writes (plans/, applies/, reports/, bulk-results/).
   * @default - off
   */
  readonly reconcileOnUpload?: ReconcileOnUploadSettings;

  /**
   * Days the activity table keeps a record (user history, bulk runs, plans) before DynamoDB's TTL removes it.
   * @default 400
   */
  readonly activityRetentionDays?: number;

  /**
   * Also send the failures the alarm topic gets (Webex Lifecycle Failed, Webex Reconcile Failed, Webex Reconcile
   * Confirmation Required, Webex Bulk Joiners Failed) to a webhook through an EventBridge connection and API
   * destination, e.g. `{ url: 'https://example.service-now.com/api/…', auth: { type: 'basic', username: 'webex-notify',
   * secretArn: 'arn:aws:secretsmanager:…' }, format: 'json' }`. Credentials come from an existing Secrets Manager
   * secret (never in the template); `url` may be such a secret's ARN too (a Slack webhook URL is a credential).
   * `invocationRateLimitPerSecond` defaults to 1. Checked at synth: a bad value fails naming its key.
   * @default - the alarm topic only
   */
  readonly notifyWebhook?: NotifyWebhookSettings;

  /**
   * The free-number alarm fires when a Webex Calling location has fewer free numbers than this (the daily count,
   * LowestFreeNumbers), so joiners do not fail on an empty pool.
   * @default 5
   */
  readonly numberPoolLowWatermark?: number;
}

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
    this.dashboard = new OperationsDashboard(this, 'Operations', {
      stateMachines: this.workflows.stateMachines,
      deadLetterQueues: {
        'lifecycle events and notifications': this.lifecycle.deadLetterQueue,
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
