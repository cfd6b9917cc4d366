import type { Node } from 'constructs';
import { LEAVER_POLICIES, type LeaverPolicy } from '../functions/lib/schemas/lifecycle-events';
import type { ApiThrottleSettings } from './constructs/workflow-api';
import { DEFAULT_STACK_NAME, type WebexProvisioningStackProps } from './webex-provisioning-stack';

/**
 * The CDK context keys the app reads (from cdk.json, cdk.context.json or `-c key=value`). Values given on the
 * command line arrive as strings; objects may be written as JSON.
 *
 * | key                      | example                                            |
 * |--------------------------|----------------------------------------------------|
 * | `stackName`              | `WebexProvisioning-Lab`                            |
 * | `webexBaseUrl`           | `https://webexapis.com/v1`                         |
 * | `existingSecretArn`      | `arn:aws:secretsmanager:us-east-1:123456789012:secret:webex-AbCdEf` |
 * | `secretEncryptionKeyArn` | `arn:aws:kms:us-east-1:123456789012:key/…`         |
 * | `apiThrottle`            | `{"rateLimit":10,"burstLimit":20}`                 |
 * | `logRetentionDays`       | `90`                                               |
 * | `rotationIntervalHours`  | `12`                                               |
 * | `alarmEmail`             | `webex-admins@example.com`                         |
 * | `webexRequestAllowedPrefixes` | `/people,/telephony/config/numbers`           |
 * | `webexRequestAllowPrivilegeFields` | `true` (default off)                     |
 * | `bulkWebexRequestsPerSecond` | `5`                                            |
 * | `webexInitialRequestsPerSecond` | `5` (the pacing controller's start; default bulkWebexRequestsPerSecond, else 5) |
 * | `webexMaxRequestsPerSecond` | `100` (the most it finds)                       |
 * | `webexInteractiveShare`  | `0.2` (left to interactive calls)                 |
 * | `bulkMaxConcurrency`     | `4` (default; 16 where the Lambda concurrency quota is 1,000) |
 * | `secretsExtensionLayerArn` | `arn:aws-us-gov:lambda:…:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:…` (read by WorkflowFunction) |
 * | `lifecycleAllowedSources` | `hr.workday,okta`                                 |
 * | `rotatorReservedConcurrency` | `1`                                            |
 * | `reconcileLeaverThresholds` | `{"maxLeaverPercent":5,"maxLeavers":20}`       |
 * | `reconcileSchedule`      | `{"expression":"cron(0 2 * * ? *)","key":"rosters/nightly.csv","scope":{"emailDomains":["example.com"]}}` |
 * | `reconcileOnUpload`      | `{"prefix":"rosters/","scope":{"emailDomains":["example.com"]},"autoApply":false}` |
 * | `apiAuth`                | `iam` (default), `oauth` or `iam,oauth`           |
 * | `apiClients`             | `[{"name":"jira","scopes":["users.read","users.write","calling.write"]}]` |
 * | `oauthIssuer`, `oauthAudience` | `https://login.microsoftonline.com/<tenant>/v2.0`, `api://webex-provisioning` |
 * | `oauthJwksUri`           | `https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys` |
 * | `oauthDomainPrefix`      | `acme-webex-provisioning`                          |
 * | `activityRetentionDays`  | `400` (days the activity table keeps a record)    |
 * | `notifyWebhook`          | `{"url":"https://example.service-now.com/api/now/…","auth":{"type":"basic","username":"webex","secretArn":"arn:aws:secretsmanager:…"},"format":"json"}` |
 * | `numberPoolLowWatermark` | `5` (default: the free-number alarm fires under it) |
 * | `e2e`                    | `true` (npm run e2e: the simulator as the Webex, everything destroyed with the stack) |
 */
export const CONTEXT_KEYS = [
  'stackName',
  'webexBaseUrl',
  'existingSecretArn',
  'secretEncryptionKeyArn',
  'apiThrottle',
  'logRetentionDays',
  'rotationIntervalHours',
  'alarmEmail',
  'webexRequestAllowedPrefixes',
  'webexRequestAllowPrivilegeFields',
  'callingLicense',
  'lifecycleUseDefaultBus',
  'defaultLeaverPolicy',
  'bulkWebexRequestsPerSecond',
  'bulkMaxConcurrency',
  'webexInitialRequestsPerSecond',
  'webexMaxRequestsPerSecond',
  'webexInteractiveShare',
  'secretsExtensionLayerArn',
  'lifecycleAllowedSources',
  'rotatorReservedConcurrency',
  'reconcileLeaverThresholds',
  'reconcileSchedule',
  'reconcileOnUpload',
  'apiAuth',
  'apiClients',
  'oauthIssuer',
  'oauthAudience',
  'oauthJwksUri',
  'oauthDomainPrefix',
  'activityRetentionDays',
  'notifyWebhook',
  'numberPoolLowWatermark',
  'scimCallingRules',
  'scimDeactivatePolicy',
  'e2e',
] as const;

export interface AppConfig {
  /** Name (and construct id) of the stack. @default 'WebexProvisioning' */
  readonly stackName: string;
  readonly stackProps: WebexProvisioningStackProps;
}

/** Reads the stack's configuration from CDK context; absent keys keep the stack's defaults. */
export function configFromContext(node: Node): AppConfig {
  const str = (key: (typeof CONTEXT_KEYS)[number]): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw new Error(`Context ${key} must be a string (got ${JSON.stringify(value)})`);
    return value;
  };
  return {
    stackName: str('stackName') ?? DEFAULT_STACK_NAME,
    stackProps: {
      webexBaseUrl: str('webexBaseUrl'),
      existingSecretArn: str('existingSecretArn'),
      secretEncryptionKeyArn: str('secretEncryptionKeyArn'),
      apiThrottle: parseThrottle(node.tryGetContext('apiThrottle')),
      logRetentionDays: parseNumber('logRetentionDays', node.tryGetContext('logRetentionDays')),
      rotationIntervalHours: parseNumber('rotationIntervalHours', node.tryGetContext('rotationIntervalHours')),
      alarmEmail: str('alarmEmail'),
      callingLicense: str('callingLicense'),
      lifecycleUseDefaultBus: [true, 'true'].includes(node.tryGetContext('lifecycleUseDefaultBus')) || undefined,
      defaultLeaverPolicy: parsePolicy(str('defaultLeaverPolicy')),
      bulkWebexRequestsPerSecond: parseNumber('bulkWebexRequestsPerSecond', node.tryGetContext('bulkWebexRequestsPerSecond')),
      bulkMaxConcurrency: parseNumber('bulkMaxConcurrency', node.tryGetContext('bulkMaxConcurrency')),
      webexInitialRequestsPerSecond: parseNumber('webexInitialRequestsPerSecond', node.tryGetContext('webexInitialRequestsPerSecond')),
      webexMaxRequestsPerSecond: parseNumber('webexMaxRequestsPerSecond', node.tryGetContext('webexMaxRequestsPerSecond')),
      webexInteractiveShare: parseNumber('webexInteractiveShare', node.tryGetContext('webexInteractiveShare')),
      webexRequestAllowedPrefixes: str('webexRequestAllowedPrefixes')?.split(',').map((p) => p.trim()).filter(Boolean),
      lifecycleAllowedSources: str('lifecycleAllowedSources')?.split(',').map((p) => p.trim()).filter(Boolean),
      e2eSimulator: [true, 'true'].includes(node.tryGetContext('e2e')) || undefined,
      rotatorReservedConcurrency: parseNumber('rotatorReservedConcurrency', node.tryGetContext('rotatorReservedConcurrency')),
      webexRequestAllowPrivilegeFields: [true, 'true'].includes(node.tryGetContext('webexRequestAllowPrivilegeFields')) || undefined,
      // Objects, checked by the stack (the same schemas as the API): here only parsed from JSON.
      reconcileLeaverThresholds: parseJsonObject('reconcileLeaverThresholds', node.tryGetContext('reconcileLeaverThresholds')) as WebexProvisioningStackProps['reconcileLeaverThresholds'],
      activityRetentionDays: parseNumber('activityRetentionDays', node.tryGetContext('activityRetentionDays')),
      reconcileSchedule: parseJsonObject('reconcileSchedule', node.tryGetContext('reconcileSchedule')) as WebexProvisioningStackProps['reconcileSchedule'],
      reconcileOnUpload: parseJsonObject('reconcileOnUpload', node.tryGetContext('reconcileOnUpload')) as WebexProvisioningStackProps['reconcileOnUpload'],
      apiAuth: str('apiAuth')?.split(',').map((m) => m.trim()).filter(Boolean) as WebexProvisioningStackProps['apiAuth'],
      apiClients: parseJsonArray('apiClients', node.tryGetContext('apiClients')) as WebexProvisioningStackProps['apiClients'],
      oauthIssuer: str('oauthIssuer'),
      oauthAudience: str('oauthAudience'),
      oauthJwksUri: str('oauthJwksUri'),
      oauthDomainPrefix: str('oauthDomainPrefix'),
      notifyWebhook: parseJsonObject('notifyWebhook', node.tryGetContext('notifyWebhook')) as WebexProvisioningStackProps['notifyWebhook'],
      numberPoolLowWatermark: parseNumber('numberPoolLowWatermark', node.tryGetContext('numberPoolLowWatermark')),
      // Checked by the stack with the apply's own schema (scim/calling-rules.ts).
      scimCallingRules: parseJsonArray('scimCallingRules', node.tryGetContext('scimCallingRules')) as WebexProvisioningStackProps['scimCallingRules'],
      scimDeactivatePolicy: str('scimDeactivatePolicy') as WebexProvisioningStackProps['scimDeactivatePolicy'],
    },
  };
}

function parseThrottle(value: unknown): ApiThrottleSettings | undefined {
  const parsed = parseJsonObject('apiThrottle', value, '{"rateLimit":10,"burstLimit":20}');
  if (parsed === undefined) return undefined;
  const { rateLimit, burstLimit, ...extra } = parsed as Record<string, unknown>;
  if (Object.keys(extra).length) throw new Error(`Context apiThrottle has unknown keys: ${Object.keys(extra).join(', ')}`);
  return {
    rateLimit: parseNumber('apiThrottle.rateLimit', rateLimit) ?? Number.NaN,
    burstLimit: parseNumber('apiThrottle.burstLimit', burstLimit) ?? Number.NaN,
  };
}

function parseNumber(key: string, value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) throw new Error(`Context ${key} must be a number (got ${JSON.stringify(value)})`);
  return n;
}

function parsePolicy(value: string | undefined): LeaverPolicy | undefined {
  if (value === undefined) return undefined;
  if (!(LEAVER_POLICIES as readonly string[]).includes(value)) {
    throw new Error(`Context defaultLeaverPolicy must be one of ${LEAVER_POLICIES.join(', ')} (got ${value})`);
  }
  return value as LeaverPolicy;
}

/** A context value given as a JSON object (or, from code, the object itself); `example` shows its shape in the error. */
function parseJsonObject(key: string, value: unknown, example?: string): object | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const like = example ? ` like ${example}` : '';
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw new Error(`Context ${key} must be ${example ? `JSON${like}` : 'a JSON object'} (got ${value})`, { cause: error });
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`Context ${key} must be a JSON object${like}`);
  return parsed;
}

function parseJsonArray(key: string, value: unknown): unknown[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw new Error(`Context ${key} must be a JSON array (got ${value})`, { cause: error });
    }
  }
  if (!Array.isArray(parsed)) throw new Error(`Context ${key} must be a JSON array like [{"name":"jira","scopes":["users.read"]}]`);
  return parsed;
}
