import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { configFromContext } from '../../infra/config';
import { NOTIFIED_DETAIL_TYPES, validateNotifyWebhook } from '../../infra/constructs/failure-notifications';
import { WebexProvisioningStack, type WebexProvisioningStackProps } from '../../infra/webex-provisioning-stack';

type Json = Record<string, any>;
const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] as string[] };
const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:webex-notify-AbC123';
const URL_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:slack-hook-XyZ789';

function synth(props: WebexProvisioningStackProps = {}) {
  const app = new App({ context: SKIP_BUNDLING });
  const stack = new WebexProvisioningStack(app, 'WebexProvisioning', { env: { account: '123456789012', region: 'us-east-1' }, ...props });
  return { stack, template: Template.fromStack(stack) };
}

const rulesFor = (template: Template, detailType: string) =>
  Object.values(template.findResources('AWS::Events::Rule', { Properties: { EventPattern: { 'detail-type': [detailType] } } })) as Json[];

/** The text an input transformer produces, with each <variable> replaced by the path it reads. */
function renderedTemplate(transformer: Json): string {
  const template: string = transformer.InputTemplate;
  return template.replace(/<([^>]+)>/g, (_, name: string) => `{${transformer.InputPathsMap[name]}}`);
}

describe('failures reach people', () => {
  const { stack, template } = synth({ alarmEmail: 'webex-admins@example.com' });
  const topicId = stack.getLogicalId(stack.rotation.alarmTopic.node.defaultChild as never);
  const dlqId = stack.getLogicalId(stack.lifecycle.deadLetterQueue.node.defaultChild as never);

  it.each(NOTIFIED_DETAIL_TYPES)('%s goes from the lifecycle bus to the alarm topic as readable text, undeliverable ones to the alarmed DLQ', (detailType) => {
    const rules = rulesFor(template, detailType);
    expect(rules).toHaveLength(1);
    const [rule] = rules;
    expect(rule.Properties.EventPattern).toEqual({ source: ['webex-provisioning.lifecycle'], 'detail-type': [detailType] });
    expect(rule.Properties.EventBusName).toEqual({ Ref: stack.getLogicalId(stack.node.findChild('LifecycleBus').node.defaultChild as never) });
    expect(rule.Properties.Targets).toHaveLength(1);
    const [target] = rule.Properties.Targets;
    expect(target.Arn).toEqual({ Ref: topicId });
    expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } });
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 });
    const text = renderedTemplate(target.InputTransformer);
    // Where to look: the execution in the Step Functions console, from the event's resources.
    expect(text).toContain('https://{$.region}.console.aws.amazon.com/states/home?region={$.region}#/v2/executions/details/{$.resources[0]}');
    expect(text).toContain('AWS account {$.account}');
  });

  it('the messages say who, what and why in plain words', () => {
    const text = (dt: string) => renderedTemplate(rulesFor(template, dt)[0].Properties.Targets[0].InputTransformer);
    expect(text('Webex Lifecycle Failed')).toContain('Webex provisioning FAILED: {$.detail.origin.detailType} for {$.detail.email}');
    expect(text('Webex Lifecycle Failed')).toContain('Why: {$.detail.error.code}: {$.detail.error.message}');
    expect(text('Webex Reconcile Failed')).toContain('for plan {$.detail.planId}: {$.detail.counts.failed} failed');
    expect(text('Webex Reconcile Failed')).toContain('s3://{$.detail.results.bucket}/{$.detail.results.csv}');
    expect(text('Webex Reconcile Confirmation Required')).toContain('POST {$.detail.applyPath} with {\\"confirm\\": {$.detail.confirmWith}}');
    expect(text('Webex Bulk Joiners Failed')).toContain('{$.detail.failed} of {$.detail.total} users FAILED');
    expect(text('Webex Bulk Joiners Failed')).toContain('GET {$.detail.statusPath}');
    // Each line one JSON string: SNS sends them as the e-mail's lines.
    for (const dt of NOTIFIED_DETAIL_TYPES) {
      const lines = (rulesFor(template, dt)[0].Properties.Targets[0].InputTransformer.InputTemplate as string).split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(4);
      for (const line of lines) expect(line).toMatch(/^".*"$/);
    }
  });

  it("EventBridge may publish to the topic and use its key; the topic has the e-mail subscription", () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'sns:Publish', Principal: { Service: 'events.amazonaws.com' } })]) },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Principal: { Service: 'events.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'webex-admins@example.com' });
    template.resourceCountIs('AWS::Events::Connection', 0);
    template.resourceCountIs('AWS::Events::ApiDestination', 0);
  });
});

describe('notifyWebhook', () => {
  it('json to a ServiceNow endpoint with OAuth: a connection whose client secret is a dynamic reference, a rate-limited destination, the whole event', () => {
    const { template } = synth({
      notifyWebhook: {
        url: 'https://example.service-now.com/api/x_webex/notify',
        auth: { type: 'oauth', authorizationEndpoint: 'https://example.service-now.com/oauth_token.do', clientId: 'webex-notify', secretArn: SECRET, secretField: 'clientSecret' },
        format: 'json',
        invocationRateLimitPerSecond: 5,
      },
    });
    template.hasResourceProperties('AWS::Events::Connection', {
      AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
      AuthParameters: {
        OAuthParameters: {
          AuthorizationEndpoint: 'https://example.service-now.com/oauth_token.do',
          HttpMethod: 'POST',
          ClientParameters: { ClientID: 'webex-notify', ClientSecret: `{{resolve:secretsmanager:${SECRET}:SecretString:clientSecret::}}` },
          OAuthHttpParameters: { BodyParameters: [{ Key: 'grant_type', Value: 'client_credentials', IsValueSecret: false }] },
        },
      },
    });
    template.hasResourceProperties('AWS::Events::ApiDestination', {
      InvocationEndpoint: 'https://example.service-now.com/api/x_webex/notify',
      HttpMethod: 'POST',
      InvocationRateLimitPerSecond: 5,
    });
    const [destinationId] = Object.keys(template.findResources('AWS::Events::ApiDestination'));
    for (const dt of NOTIFIED_DETAIL_TYPES) {
      const [rule] = rulesFor(template, dt);
      const webhookTarget = (rule.Properties.Targets as Json[]).find((t) => JSON.stringify(t.Arn).includes(destinationId));
      // No transformer: the event as published, for the ticketing system to map.
      expect(webhookTarget).toMatchObject({ RetryPolicy: { MaximumRetryAttempts: 8 }, DeadLetterConfig: expect.any(Object), RoleArn: expect.any(Object) });
      expect(webhookTarget!.InputTransformer).toBeUndefined();
    }
  });

  it('slack with the URL in a secret and an api key: { text } with the e-mail\'s message; no credential or URL in clear', () => {
    const { template } = synth({
      notifyWebhook: { url: URL_SECRET, auth: { type: 'apiKey', name: 'X-Webex-Notify', secretArn: SECRET }, format: 'slack' },
    });
    template.hasResourceProperties('AWS::Events::ApiDestination', {
      InvocationEndpoint: `{{resolve:secretsmanager:${URL_SECRET}:SecretString:::}}`,
      InvocationRateLimitPerSecond: 1,
    });
    template.hasResourceProperties('AWS::Events::Connection', {
      AuthorizationType: 'API_KEY',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'X-Webex-Notify', ApiKeyValue: `{{resolve:secretsmanager:${SECRET}:SecretString:::}}` } },
    });
    const [rule] = rulesFor(template, 'Webex Lifecycle Failed');
    const slack = (rule.Properties.Targets as Json[]).find((t) => t.HttpParameters !== undefined || JSON.stringify(t.Arn).includes('WebhookDestination'));
    expect(slack).toBeDefined();
    expect(renderedTemplate(slack!.InputTransformer)).toMatch(/^\{"text":"Webex provisioning FAILED: \{\$\.detail\.origin\.detailType\} for \{\$\.detail\.email\}.*\\nWhy: /);
    expect(JSON.stringify(template.toJSON())).not.toContain('hooks.slack.com');
  });

  it('basic auth takes the password from the secret', () => {
    const { template } = synth({ notifyWebhook: { url: 'https://jira.example.com/rest/webhooks', auth: { type: 'basic', username: 'svc-webex', secretArn: SECRET } } });
    template.hasResourceProperties('AWS::Events::Connection', {
      AuthorizationType: 'BASIC',
      AuthParameters: { BasicAuthParameters: { Username: 'svc-webex', Password: `{{resolve:secretsmanager:${SECRET}:SecretString:::}}` } },
    });
  });

  it.each([
    [{ url: 'http://example.com/hook', auth: { type: 'apiKey', name: 'k', secretArn: SECRET } }, 'notifyWebhook.url'],
    [{ url: 'https://example.com/hook', auth: { type: 'token', secretArn: SECRET } }, 'notifyWebhook.auth.type'],
    [{ url: 'https://example.com/hook', auth: { type: 'basic', username: 'u', password: 'hunter2', secretArn: SECRET } }, 'notifyWebhook.auth: Unrecognized key: "password"'],
    [{ url: 'https://example.com/hook', auth: { type: 'basic', username: 'u' } }, 'notifyWebhook.auth.secretArn'],
    [{ url: 'https://example.com/hook', auth: { type: 'apiKey', name: 'k', secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:webex' } }, 'notifyWebhook.auth.secretArn: must be a complete'],
    [{ url: 'https://example.com/hook', auth: { type: 'apiKey', name: 'k', secretArn: SECRET }, format: 'xml' }, 'notifyWebhook.format'],
    [{ url: 'https://example.com/hook', auth: { type: 'apiKey', name: 'k', secretArn: SECRET }, invocationRateLimitPerSecond: 0 }, 'notifyWebhook.invocationRateLimitPerSecond'],
    [{ auth: { type: 'apiKey', name: 'k', secretArn: SECRET } }, 'notifyWebhook.url'],
  ])('a bad value fails synth naming its key (%#)', (settings, message) => {
    expect(() => validateNotifyWebhook(settings)).toThrow(message);
    expect(() => new WebexProvisioningStack(new App({ context: SKIP_BUNDLING }), 'Bad', { notifyWebhook: settings as never })).toThrow(message);
  });

  it('is read from context as JSON', () => {
    const value = { url: 'https://example.com/hook', auth: { type: 'apiKey', name: 'Authorization', secretArn: SECRET }, format: 'slack' };
    expect(configFromContext(new App({ context: { notifyWebhook: JSON.stringify(value) } }).node).stackProps.notifyWebhook).toEqual(value);
    expect(() => configFromContext(new App({ context: { notifyWebhook: '{nope' } }).node)).toThrow('Context notifyWebhook must be a JSON object');
  });
});
