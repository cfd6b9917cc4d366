import * as z from 'zod';
import { LEAVER_POLICIES } from '../functions/lib/schemas/lifecycle-events';
import type { CallingRule } from '../functions/lib/scim/calling-rules';
import type { LeaverThresholds } from '../functions/lib/reconcile/schemas';
import type { ReconcileOnUploadSettings } from '../functions/lib/reconcile/upload-plan';
import type { NotifyWebhookSettings } from './constructs/failure-notifications';
import type { ApiClientSettings } from './constructs/oauth-issuer';
import type { ReconcileScheduleSettings } from './constructs/reconcile-schedule';
import type { ApiAuthMode, ApiThrottleSettings } from './constructs/workflow-api';

/**
 * The CDK context the app reads (cdk.json, cdk.context.json or `-c key=value`), one row per key: how its value is
 * read, its default and what it does. `CONTEXT_KEYS`, `configFromContext` (config.ts), the stack's props and the
 * table in docs/configuration.md (`npm run config-docs`) all follow from it. Values given on the command line
 * arrive as strings, so numbers, flags, lists and objects are also read from text (objects as JSON).
 *
 * The objects are only read here: the stack checks them with the schemas the API and the functions use, so props
 * given directly are checked the same way.
 */

/** What the doc table says of a key. */
export interface ContextKeyDoc {
  /** The default, as Markdown (a value in backticks, or words). */
  readonly default: string;
  /** What the key does, as Markdown; links are relative to docs/. */
  readonly description: string;
}

export const contextDocs = z.registry<ContextKeyDoc>();

const absent = (value: unknown) => value === undefined || value === null || value === '';
const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** A key whose value may be absent (undefined, null or ''), read with `read`, documented once. */
function key<T extends z.ZodType>(read: T, doc: ContextKeyDoc) {
  return z.preprocess((value) => (absent(value) ? undefined : value), read.optional()).register(contextDocs, doc);
}

const text = () => z.string({ error: (issue) => `must be a string (got ${shown(issue.input)})` });

/** A number, or its text. */
const number = () =>
  z.unknown().transform((value, ctx) => {
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
    if (Number.isFinite(n)) return n;
    ctx.addIssue({ code: 'custom', message: `must be a number (got ${shown(value)})` });
    return z.NEVER;
  });

/** `true` or `false`, or their text; `false` reads as not set. */
const flag = () =>
  z.unknown().transform((value, ctx) => {
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return undefined;
    ctx.addIssue({ code: 'custom', message: `must be true or false (got ${shown(value)})` });
    return z.NEVER;
  });

/** Comma-separated text, as a list (blank entries dropped); `T` is what the stack checks the entries to be. */
const list = <T extends string = string>() => text().transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean) as T[]);

/** JSON text, or (from cdk.json or code) the value itself. */
const json = (what: string, example: string | undefined, holds: (value: unknown) => boolean) => {
  const like = example ? ` like ${example}` : '';
  return z.unknown().transform((value, ctx) => {
    let parsed: unknown = value;
    if (typeof value === 'string') {
      try {
        parsed = JSON.parse(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be ${example ? `JSON${like}` : `a JSON ${what}`} (got ${value})` });
        return z.NEVER;
      }
    }
    if (holds(parsed)) return parsed;
    ctx.addIssue({ code: 'custom', message: `must be a JSON ${what}${like}` });
    return z.NEVER;
  });
};
/** A JSON object the stack checks (so typed as `T` here). */
const jsonObject = <T>(example?: string) =>
  json('object', example, (v) => typeof v === 'object' && v !== null && !Array.isArray(v)).transform((v) => v as T);
/** A JSON array the stack checks (so typed as `T[]` here). */
const jsonArray = <T>(example: string) => json('array', example, Array.isArray).transform((v) => v as T[]);

const leaverPolicy = () =>
  z.enum(LEAVER_POLICIES, { error: (issue) => `must be one of ${LEAVER_POLICIES.join(', ')} (got ${shown(issue.input)})` });

const THROTTLE_EXAMPLE = '{"rateLimit":10,"burstLimit":20}';
const apiThrottle = () =>
  jsonObject<unknown>(THROTTLE_EXAMPLE).pipe(
    z.strictObject(
      { rateLimit: number(), burstLimit: number() },
      { error: (issue) => (issue.code === 'unrecognized_keys' ? `has unknown keys: ${issue.keys.join(', ')}` : undefined) },
    ),
  ) satisfies z.ZodType<ApiThrottleSettings, unknown>;

export const CdkContext = z.object({
  stackName: key(text(), { default: '`WebexProvisioning`', description: "the stack's name (and construct id)" }),
  webexBaseUrl: key(text(), {
    default: '`https://webexapis.com/v1`',
    description: 'the Webex API the functions call (https), e.g. a Webex for Government cloud',
  }),
  existingSecretArn: key(text(), {
    default: 'a new secret',
    description:
      'import a Service App secret you already have, e.g. the one kept from an earlier deployment (complete ARN, with the six-character suffix Secrets Manager adds), instead of creating one (retained on stack deletion) for `npm run connect` to fill',
  }),
  secretEncryptionKeyArn: key(text(), {
    default: 'AWS managed key',
    description: 'a customer-managed KMS key for the secret (for an existing secret: the key it is encrypted with, so the functions may decrypt it)',
  }),
  apiThrottle: key(apiThrottle(), {
    default: `\`${THROTTLE_EXAMPLE}\``,
    description: 'stage-wide API throttling: steady requests per second (`rateLimit`) and bucket size (`burstLimit`)',
  }),
  logRetentionDays: key(number(), {
    default: '`90`',
    description:
      "retention of every log group: one of CloudWatch Logs' retention values (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653), or 9999 to keep them forever",
  }),
  rotationIntervalHours: key(number(), { default: '`12`', description: 'how often the token rotator runs (EventBridge Scheduler)' }),
  alarmEmail: key(text(), {
    default: 'none',
    description:
      'an address subscribed to the alarm topic (failed rotation, refresh token under 14 days, rotator errors or throttles, undeliverable lifecycle events, a location low on free numbers, and the [failures below](#failures-reach-people)); it must confirm the subscription',
  }),
  numberPoolLowWatermark: key(number(), {
    default: '`5`',
    description:
      'the [free-number alarm](#dashboard-and-the-free-number-alarm) fires when a Webex Calling location has fewer free numbers than this (the daily count, LowestFreeNumbers), so joiners do not fail on an empty pool',
  }),
  webexRequestAllowedPrefixes: key(list(), {
    default: 'all six',
    description:
      'comma-separated subset of `/people,/licenses,/locations,/telephony/config,/telephony/pstn,/workspaces/{workspaceId}/features` (or paths below them; `{param}` stands for any one segment) for `POST /webex/requests` and `GET /webex/operations`',
  }),
  webexRequestAllowPrivilegeFields: key(flag(), {
    default: '`false`',
    description:
      'let `POST /webex/requests` bodies carry `roles`, and `emails` on `PUT /people/{personId}` (see [the API guide](api-guide.md#post-webexrequests--any-people-or-calling-configuration-call-guarded)); off, they are refused with a 400. Either way, the right to invoke that route is an admin\'s right over the Webex org: grant it as such',
  }),
  callingLicense: key(text(), { default: '`Webex Calling - Professional`', description: 'the calling license Enable Calling assigns, by name or id' }),
  lifecycleUseDefaultBus: key(flag(), {
    default: '`false`',
    description: "publish and route lifecycle events on the account's default event bus instead of the stack's own bus",
  }),
  defaultLeaverPolicy: key(leaverPolicy(), {
    default: '`deactivate`',
    description:
      'what `Webex User Left` does when the event names no policy, after its calling license and numbers are freed: `delete`, `deactivate` (Webex deletes users deactivated for 30 days, [help.webex.com v5wksr](https://help.webex.com/en-us/article/v5wksr): deactivating does not keep a user for good) or `removeCalling` (the user stays active, without calling)',
  }),
  webexInitialRequestsPerSecond: key(number(), {
    default: '`bulkWebexRequestsPerSecond`, else `5`',
    description:
      "the rate the pacing controller (functions/lib/pacing/) starts at; it then finds the organisation's rate from Webex's 429s (AIMD) and keeps it in the activity table for the next run (see [Bulk joiners](api-guide.md#bulk-joiners--post-bulkjoiners-post-bulkjoinerscsv-get-bulkjoinersexecutionname))",
  }),
  webexMaxRequestsPerSecond: key(number(), { default: '`100`', description: 'the most requests a second the pacing controller lets the found rate reach' }),
  webexInteractiveShare: key(number(), {
    default: '`0.2`',
    description: 'the share of the found rate left to interactive (API) calls, from 0 to below 1: bulk runs draw the rest',
  }),
  bulkWebexRequestsPerSecond: key(number(), {
    default: '`5`',
    description:
      "the older fixed budget of Webex requests a second for bulk joiners: now the pacing controller's initial rate when `webexInitialRequestsPerSecond` is not set. Webex publishes no per-org limit: raise it only when the org's 429s allow",
  }),
  bulkMaxConcurrency: key(number(), {
    default: '`4`',
    description:
      "joiners / reconcile items run at once (the Maps' concurrency); each runs at most one Lambda invocation at a time, and a CSV runs two batches at once. 4 fits an account with 10 concurrent Lambdas, 16 fills the default budget where the quota is 1,000",
  }),
  secretsExtensionLayerArn: key(text(), {
    default: "CDK's table",
    description:
      "the arm64 AWS Parameters and Secrets Lambda Extension layer ARN, for a region CDK does not map (see [Regions](../ARCHITECTURE.md#regions)); read by every WorkflowFunction",
  }),
  lifecycleAllowedSources: key(list(), {
    default: 'any source (own bus)',
    description:
      "comma-separated event `source`s allowed to start lifecycle flows: in every rule's pattern and enforced by `POST /events`; required with `lifecycleUseDefaultBus`, where any principal allowed `events:PutEvents` on the default bus could otherwise delete users",
  }),
  reconcileLeaverThresholds: key(jsonObject<LeaverThresholds>(), {
    default: '`{"maxLeaverPercent":10,"maxLeavers":50}`',
    description:
      'when a reconciliation plan needs a person\'s confirmation (a request\'s `thresholds` override it; see [Reconciliation](api-guide.md#reconciliation-with-an-hr-roster--plan-review-apply))',
  }),
  reconcileSchedule: key(jsonObject<ReconcileScheduleSettings>(), {
    default: 'none',
    description:
      'plan a reconciliation on an EventBridge Scheduler schedule from a fixed roster key: `{ expression, timezone?, key, scope, leaverPolicy?, allowMoves?, thresholds?, autoApply? }` (JSON as context). Each run stores a plan and publishes Webex Reconcile Planned or Webex Reconcile Confirmation Required; with `autoApply`, a plan that needs no confirmation is applied',
  }),
  reconcileOnUpload: key(jsonObject<ReconcileOnUploadSettings>(), {
    default: 'none',
    description:
      'plan a reconciliation whenever a roster file is created under a prefix of the imports bucket (S3 → EventBridge): `{ prefix, scope, leaverPolicy?, allowMoves?, thresholds?, autoApply? }`, e.g. `{"prefix":"rosters/","scope":{"emailDomains":["example.com"]}}`; same safeguards and events as the schedule ([details](api-guide.md)). The prefix may not overlap where the suite writes (plans/, applies/, reports/, bulk-results/)',
  }),
  notifyWebhook: key(jsonObject<NotifyWebhookSettings>(), {
    default: 'none',
    description:
      'also send the [failures below](#failures-reach-people) to a webhook: `{ url, auth: { type: apiKey|basic|oauth, …, secretArn }, format: slack|json, invocationRateLimitPerSecond? }` (JSON as context), through an EventBridge connection and API destination. Credentials come from an existing Secrets Manager secret (never in the template); `url` may be such a secret\'s ARN too (a Slack webhook URL is a credential). `invocationRateLimitPerSecond` defaults to 1. Checked at synth: a bad value fails naming its key',
  }),
  scimCallingRules: key(jsonArray<CallingRule>('[{"when":{"department":"Sales"},"location":"<location id>"}]'), {
    default: 'none',
    description:
      "the SCIM endpoint's calling rules: `[{ when: { department?, group?, title?, userType?, emailDomain?, organization?, division?, costCenter? }, location, license?, autoAssignNumber? }]`, the first match giving a provisioned user calling, the user's own extension attributes overriding it (JSON as context; checked at synth; see [SCIM 2.0](api-guide.md#scim-20--scimv2-entra-id-and-okta-provision-users-with-webex-calling))",
  }),
  scimDeactivatePolicy: key(leaverPolicy(), {
    default: '`removeCalling`',
    description:
      'what SCIM `active: false` does: `removeCalling` (the user stays, without calling; `active: true` restores it), `deactivate` (Webex deletes users deactivated for 30 days) or `delete`; a SCIM DELETE always deletes',
  }),
  apiAuth: key(list<ApiAuthMode>(), {
    default: '`iam`',
    description:
      'who may call: `iam` (SigV4), `oauth` (OAuth 2.0 client credentials, a bearer token with the route\'s scope), or `iam,oauth` (both: two REST APIs from the same route rows, see below)',
  }),
  apiClients: key(jsonArray<ApiClientSettings>('[{"name":"jira","scopes":["users.read"]}]'), {
    default: 'none',
    description:
      'with `oauth`: one confidential Cognito app client per entry, client credentials only, e.g. `[{"name":"jira","scopes":["users.read","users.write","calling.write"]}]`; required with the stack\'s pool (synth fails naming it: an OAuth API without a client could not be called)',
  }),
  oauthIssuer: key(text(), {
    default: "the stack's Cognito pool",
    description:
      'an external authorization server (Entra ID, Okta) instead: the `iss` of its tokens, with `oauthAudience`; its tokens must carry `webex-provisioning/<scope>` in `scope`, `scp` or `roles`',
  }),
  oauthAudience: key(text(), { default: "the stack's Cognito pool", description: 'with `oauthIssuer`: the `aud` its tokens carry for this API' }),
  oauthJwksUri: key(text(), {
    default: '`<oauthIssuer>/.well-known/jwks.json`',
    description:
      "the external issuer's keys where they live elsewhere (Entra ID: `https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys`; Okta: `<issuer>/v1/keys`)",
  }),
  oauthDomainPrefix: key(text(), {
    default: '`<stack name>-<account id>`',
    description: 'the Cognito domain prefix of the token endpoint (`<prefix>.auth.<region>.amazoncognito.com`, unique in the region)',
  }),
  rotatorReservedConcurrency: key(number(), {
    default: 'none',
    description:
      "reserve concurrency for the token rotator (opt in: Lambda keeps 100 executions unreserved and refuses a reservation that leaves fewer, so an account whose concurrency quota is 10 or 50, as new accounts' may be, cannot reserve any; the secret's lease already serialises rotations)",
  }),
  activityRetentionDays: key(number(), {
    default: '`400`',
    description: "days the activity table keeps a record (user history, bulk runs, plans) before DynamoDB's TTL removes it",
  }),
  e2e: key(flag(), {
    default: '`false`',
    description:
      "an end-to-end test stack (`npm run e2e`; the prop `e2eSimulator`): also deploys the built-in Webex simulator as a Lambda behind a function URL and points the functions at it (so no `webexBaseUrl`), outputs `SimulatorUrl`, allows lifecycle events from the scenario's source only (unless `lifecycleAllowedSources` says otherwise), and destroys every resource (the secret and bucket included) with the stack. Never for an organisation's real stack",
  }),
});

export type ContextKey = keyof typeof CdkContext.shape;
export type ContextValues = z.output<typeof CdkContext>;

export const CONTEXT_KEYS = Object.keys(CdkContext.shape) as ContextKey[];

/** Context keys that are not stack props: the app's stack name, and the layer each WorkflowFunction reads itself. */
type AppKeys = 'stackName' | 'secretsExtensionLayerArn';
/** The prop a context key sets, where the names differ. */
export const PROP_OF_KEY = { e2e: 'e2eSimulator' } as const satisfies Partial<Record<ContextKey, string>>;
type PropName<K extends ContextKey> = K extends keyof typeof PROP_OF_KEY ? (typeof PROP_OF_KEY)[K] : K;

/** The stack props the context sets, each as its key reads it (see the key's description in CdkContext). */
export type ContextProps = {
  readonly [K in Exclude<ContextKey, AppKeys> as PropName<K>]?: Exclude<ContextValues[K], undefined>;
};

/** The key's default and description (every key of CdkContext has them). */
export function contextKeyDoc(key: ContextKey): ContextKeyDoc {
  const doc = contextDocs.get(CdkContext.shape[key]);
  if (!doc) throw new Error(`context key ${key} has no doc`);
  return doc;
}
