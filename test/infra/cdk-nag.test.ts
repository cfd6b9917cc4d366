import { App, Validations } from 'aws-cdk-lib';
import { appAsDeployed } from '../support/cdk-app';
import { AwsSolutionsChecks } from 'cdk-nag';
import { WebexProvisioningStack } from '../../infra/webex-provisioning-stack';

/**
 * cdk-nag's AwsSolutions pack over the whole stack: synthesis fails on any finding that is neither fixed
 * nor acknowledged with a specific reason (the acknowledgements live next to the constructs, in infra/).
 */
describe('cdk-nag AwsSolutions', () => {
  it.each([
    ['defaults', {}],
    ['imported secret, customer-managed key, alarm e-mail', {
      existingSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:webex-AbC123',
      secretEncryptionKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      alarmEmail: 'webex-admins@example.com',
    }],
    ['nightly reconciliation schedule and thresholds', {
      reconcileSchedule: { expression: 'cron(0 2 * * ? *)', timezone: 'Europe/Berlin', key: 'rosters/nightly.csv', scope: { emailDomains: ['example.com'] }, autoApply: true },
      reconcileLeaverThresholds: { maxLeaverPercent: 5, maxLeavers: 20 },
    }],
    ['notifyWebhook (OAuth, the URL in a secret)', {
      alarmEmail: 'webex-admins@example.com',
      notifyWebhook: {
        url: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:notify-url-AbC123',
        auth: { type: 'oauth' as const, authorizationEndpoint: 'https://example.service-now.com/oauth_token.do', clientId: 'webex', secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:notify-AbC123' },
        format: 'json' as const,
      },
    }],
  ])('has no unacknowledged finding (%s), with cdk.json\'s feature flags and without', (_, props) => {
    for (const app of [appAsDeployed(), new App({ context: { 'aws:cdk:bundling-stacks': [] } })]) {
      new WebexProvisioningStack(app, 'WebexProvisioning', props);
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
      expect(() => app.synth()).not.toThrow();
    }
  });
});
