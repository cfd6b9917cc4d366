import { Duration, SecretValue, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import * as z from 'zod';
import { LIFECYCLE_RESULT_DETAIL_TYPES, LIFECYCLE_RESULT_SOURCE } from '../../functions/lib/schemas/lifecycle-events';

/** The outcomes a person must act on: each goes to the alarm topic, and to `notifyWebhook` when set. */
export const NOTIFIED_DETAIL_TYPES = [
  LIFECYCLE_RESULT_DETAIL_TYPES.failed,
  'Webex Reconcile Failed',
  'Webex Reconcile Confirmation Required',
  'Webex Bulk Joiners Failed',
] as const;
export type NotifiedDetailType = (typeof NOTIFIED_DETAIL_TYPES)[number];

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+-[A-Za-z0-9]{6}$/;
const secretArn = z
  .string()
  .regex(SECRET_ARN, 'must be a complete Secrets Manager secret ARN (with the six-character suffix); the secret never goes in the template');
const secretField = z.string().min(1).optional().describe('the JSON key holding the value, when the secret is a JSON object');
const httpsUrl = z.string().url().refine((u) => u.startsWith('https://'), 'must be an https URL');

const WebexNotifyAuth = z.discriminatedUnion('type', [
  /** A header carrying a key, e.g. Authorization: Bearer … (Jira automation, a ServiceNow API key), or a token Slack ignores. */
  z.strictObject({ type: z.literal('apiKey'), name: z.string().min(1).max(512), secretArn, secretField }),
  /** HTTP basic (a ServiceNow integration user): the password in the secret. */
  z.strictObject({ type: z.literal('basic'), username: z.string().min(1).max(512), secretArn, secretField }),
  /** OAuth client credentials (ServiceNow, Jira Cloud): the client secret in the secret. */
  z.strictObject({
    type: z.literal('oauth'),
    authorizationEndpoint: httpsUrl,
    httpMethod: z.enum(['GET', 'POST', 'PUT']).default('POST'),
    clientId: z.string().min(1).max(512),
    scope: z.string().min(1).optional(),
    secretArn,
    secretField,
  }),
]);

/**
 * `notifyWebhook`: where the failures also go, through an EventBridge connection (which keeps the credentials in a
 * secret of its own) and API destination. `url` is the endpoint, or the ARN of a secret holding it (a Slack
 * incoming webhook's URL is itself a credential).
 */
export const NotifyWebhookSettings = z.strictObject({
  url: z.union([httpsUrl, secretArn]),
  urlSecretField: secretField,
  auth: WebexNotifyAuth,
  /** `slack`: `{ "text": … }` (Slack incoming webhooks, Teams workflows); `json`: the whole event. */
  format: z.enum(['slack', 'json']).default('json'),
  /** Calls a second at most (EventBridge queues the rest, for up to 24 h). Slack allows about one a second. */
  invocationRateLimitPerSecond: z.number().int().min(1).max(300).default(1),
});
export type NotifyWebhookSettings = z.input<typeof NotifyWebhookSettings>;

/** The settings checked, or an error naming each bad key as `notifyWebhook.<path>`. */
export function validateNotifyWebhook(settings: unknown): z.output<typeof NotifyWebhookSettings> {
  const parsed = NotifyWebhookSettings.safeParse(settings);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `notifyWebhook.${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`notifyWebhook is invalid: ${issues.join('; ')}`);
}

const f = (path: string) => events.EventField.fromPath(path);
const d = (path: string) => f(`$.detail.${path}`);
const executionLink = () =>
  `https://${f('$.region')}.console.aws.amazon.com/states/home?region=${f('$.region')}#/v2/executions/details/${f('$.resources[0]')}`;

/**
 * One readable message per outcome: who, what, why, and where to look. Fields an event lacks (an apply's
 * results for a failed plan, say) come out empty.
 */
export function noticeLines(detailType: NotifiedDetailType): string[] {
  const where = `Where to look: ${executionLink()}`;
  const account = `AWS account ${f('$.account')}, ${f('$.region')}, at ${f('$.time')} (event ${f('$.id')}).`;
  switch (detailType) {
    case 'Webex Lifecycle Failed':
      return [
        `Webex provisioning FAILED: ${d('origin.detailType')} for ${d('email')} (Webex user ${d('userId')}).`,
        `Why: ${d('error.code')}: ${d('error.message')}`,
        `What ran: execution ${d('executionName')}, started by event ${d('origin.eventId')} from ${d('origin.source')}; the event's "applied" list says which steps took effect before the failure.`,
        where,
        account,
      ];
    case 'Webex Reconcile Failed':
      return [
        `Webex reconciliation FAILED (${d('stage')}) for plan ${d('planId')}: ${d('counts.failed')} failed, ${d('counts.succeeded')} succeeded of ${d('counts.total')} actions.`,
        `Why: ${d('error.code')}: ${d('error.message')} (empty when single actions failed: their errors are in the results)`,
        `Results: s3://${d('results.bucket')}/${d('results.csv')}; the plan: GET /reconcile/plans/${d('planId')}; execution ${d('executionName')}.`,
        where,
        account,
      ];
    case 'Webex Reconcile Confirmation Required':
      return [
        `Webex reconciliation plan ${d('planId')} waits for a person: it would remove more users than the thresholds allow (${d('confirmWith')} leavers of ${d('inScope')} in scope). Nothing has changed in Webex.`,
        `Review it: s3://${d('plan.bucket')}/${d('plan.csv')} or GET ${d('statusPath')}.`,
        `Apply it: POST ${d('applyPath')} with {"confirm": ${d('confirmWith')}}; or leave it, and nothing is applied.`,
        where,
        account,
      ];
    case 'Webex Bulk Joiners Failed':
      return [
        `Webex bulk joiners run ${d('executionName')}: ${d('failed')} of ${d('total')} users FAILED (${d('succeeded')} succeeded).`,
        `Who and why: GET ${d('statusPath')} lists each failed user with the error; a CSV run's full report is s3://${d('report.bucket')}/${d('report.csv')}. Each failed user's Webex Lifecycle Failed was sent too.`,
        where,
        account,
      ];
  }
}

export interface FailureNotificationsProps {
  readonly eventBus: events.IEventBus;
  /** The stack's alarm topic (e-mail via `alarmEmail`). */
  readonly alarmTopic: sns.ITopic;
  /** Where events EventBridge cannot deliver go (an alarmed DLQ). */
  readonly deadLetterQueue: sqs.IQueue;
  readonly webhook?: NotifyWebhookSettings;
}

/**
 * Rules sending the outcomes a person must act on to the alarm topic, as plain text made by an input
 * transformer (no function: EventBridge fills the fields in), and to `notifyWebhook` when set.
 */
export class FailureNotifications extends Construct {
  public readonly rules: Readonly<Record<NotifiedDetailType, events.Rule>>;
  public readonly connection?: events.Connection;
  public readonly apiDestination?: events.ApiDestination;

  constructor(scope: Construct, id: string, props: FailureNotificationsProps) {
    super(scope, id);
    const webhook = props.webhook ? validateNotifyWebhook(props.webhook) : undefined;
    // The topic's customer-managed key must let EventBridge publish (SNS needs kms:GenerateDataKey and Decrypt).
    const key = (props.alarmTopic as sns.Topic).masterKey;
    key?.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    if (webhook) {
      this.connection = new events.Connection(this, 'WebhookConnection', {
        description: 'Credentials of the notifyWebhook endpoint (kept by EventBridge in a secret of its own)',
        authorization: authorization(webhook.auth),
      });
      this.apiDestination = new events.ApiDestination(this, 'WebhookDestination', {
        description: `Webex provisioning failures → notifyWebhook (${webhook.format})`,
        connection: this.connection,
        endpoint: SECRET_ARN.test(webhook.url)
          ? SecretValue.secretsManager(webhook.url, { jsonField: webhook.urlSecretField }).unsafeUnwrap()
          : webhook.url,
        httpMethod: events.HttpMethod.POST,
        rateLimitPerSecond: webhook.invocationRateLimitPerSecond,
      });
    }
    const delivery = { deadLetterQueue: props.deadLetterQueue, retryAttempts: 8, maxEventAge: Duration.hours(24) };
    const rules = {} as Record<NotifiedDetailType, events.Rule>;
    for (const detailType of NOTIFIED_DETAIL_TYPES) {
      const lines = noticeLines(detailType);
      const rule = new events.Rule(this, `${detailType.replace(/^Webex |\s+/g, '')}Rule`, {
        eventBus: props.eventBus,
        description: `${detailType} → the alarm topic${webhook ? ' and notifyWebhook' : ''}`,
        eventPattern: { source: [LIFECYCLE_RESULT_SOURCE], detailType: [detailType] },
      });
      rule.addTarget(new targets.SnsTopic(props.alarmTopic, { ...delivery, message: events.RuleTargetInput.fromMultilineText(lines.join('\n')) }));
      if (this.apiDestination && webhook) {
        rule.addTarget(
          new targets.ApiDestination(this.apiDestination, {
            ...delivery,
            // JSON: the event as published, for a ticketing system to map; Slack: the same text as the e-mail.
            event: webhook.format === 'slack' ? events.RuleTargetInput.fromObject({ text: lines.join('\n') }) : undefined,
          }),
        );
      }
      rules[detailType] = rule;
    }
    this.rules = rules;
  }
}

function authorization(auth: z.output<typeof WebexNotifyAuth>): events.Authorization {
  // A dynamic reference: CloudFormation reads the secret at deploy time, the template holds only its ARN.
  const secret = SecretValue.secretsManager(auth.secretArn, { jsonField: auth.secretField });
  switch (auth.type) {
    case 'apiKey':
      return events.Authorization.apiKey(auth.name, secret);
    case 'basic':
      return events.Authorization.basic(auth.username, secret);
    case 'oauth':
      return events.Authorization.oauth({
        authorizationEndpoint: auth.authorizationEndpoint,
        httpMethod: events.HttpMethod[auth.httpMethod],
        clientId: auth.clientId,
        clientSecret: secret,
        bodyParameters: {
          grant_type: events.HttpParameter.fromString('client_credentials'),
          ...(auth.scope ? { scope: events.HttpParameter.fromString(auth.scope) } : {}),
        },
      });
  }
}
