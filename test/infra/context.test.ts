import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { configFromContext } from '../../infra/config';
import { CONTEXT_KEYS, contextKeyDoc } from '../../infra/context';
import { CONFIGURATION_DOC, withContextTable } from '../../scripts/context-table';

const read = (context: Record<string, unknown>) => configFromContext(new App({ context }).node);

describe('the CDK context schema (infra/context.ts)', () => {
  test('keeps every key name (they are contracts), each with a default and a description', () => {
    expect([...CONTEXT_KEYS].sort()).toEqual(
      [
        'stackName', 'webexBaseUrl', 'existingSecretArn', 'secretEncryptionKeyArn', 'apiThrottle', 'logRetentionDays',
        'rotationIntervalHours', 'alarmEmail', 'webexRequestAllowedPrefixes', 'webexRequestAllowPrivilegeFields', 'callingLicense',
        'lifecycleUseDefaultBus', 'defaultLeaverPolicy', 'bulkWebexRequestsPerSecond', 'bulkMaxConcurrency',
        'webexInitialRequestsPerSecond', 'webexMaxRequestsPerSecond', 'webexInteractiveShare', 'secretsExtensionLayerArn',
        'lifecycleAllowedSources', 'rotatorReservedConcurrency', 'reconcileLeaverThresholds', 'reconcileSchedule',
        'reconcileOnUpload', 'apiAuth', 'apiClients', 'oauthIssuer', 'oauthAudience', 'oauthJwksUri', 'oauthDomainPrefix',
        'activityRetentionDays', 'notifyWebhook', 'numberPoolLowWatermark', 'scimCallingRules', 'scimDeactivatePolicy', 'e2e',
      ].sort(),
    );
    for (const key of CONTEXT_KEYS) {
      expect(contextKeyDoc(key).default.length).toBeGreaterThan(0);
      expect(contextKeyDoc(key).description.length).toBeGreaterThan(10);
    }
  });

  test('docs/configuration.md holds the table the schema generates (npm run config-docs)', () => {
    const doc = readFileSync(join(__dirname, '..', '..', CONFIGURATION_DOC), 'utf8');
    expect(withContextTable(doc)).toBe(doc);
    for (const key of CONTEXT_KEYS) expect(doc).toContain(`| \`${key}\` |`);
  });

  test('reads text, numbers, flags, lists and JSON; maps e2e to the e2eSimulator prop; keeps the layer ARN out of the props', () => {
    const { stackName, stackProps } = read({
      stackName: 'Lab',
      logRetentionDays: '365',
      activityRetentionDays: 30,
      lifecycleUseDefaultBus: 'true',
      webexRequestAllowPrivilegeFields: false,
      e2e: true,
      apiAuth: 'iam, oauth,',
      scimCallingRules: '[{"when":{"department":"Sales"},"location":"L1"}]',
      reconcileLeaverThresholds: { maxLeavers: 3 },
      secretsExtensionLayerArn: 'arn:aws:lambda:eu-central-2:123456789012:layer:X:1',
    });
    expect(stackName).toBe('Lab');
    expect(stackProps).toEqual({
      logRetentionDays: 365,
      activityRetentionDays: 30,
      lifecycleUseDefaultBus: true,
      e2eSimulator: true,
      apiAuth: ['iam', 'oauth'],
      scimCallingRules: [{ when: { department: 'Sales' }, location: 'L1' }],
      reconcileLeaverThresholds: { maxLeavers: 3 },
    });
  });

  test.each<[Record<string, unknown>, RegExp]>([
    [{ rotationIntervalHours: 'twelve' }, /^Context rotationIntervalHours must be a number \(got twelve\)$/],
    [{ lifecycleUseDefaultBus: 'yes' }, /^Context lifecycleUseDefaultBus must be true or false \(got yes\)$/],
    [{ alarmEmail: 42 }, /^Context alarmEmail must be a string \(got 42\)$/],
    [{ scimDeactivatePolicy: 'purge' }, /^Context scimDeactivatePolicy must be one of delete, deactivate, removeCalling \(got purge\)$/],
    [{ apiThrottle: '{"rateLimit":"x","burstLimit":2}' }, /^Context apiThrottle\.rateLimit must be a number \(got x\)$/],
    [{ apiClients: '{"name":"jira"}' }, /^Context apiClients must be a JSON array like/],
    [{ reconcileSchedule: '[1]' }, /^Context reconcileSchedule must be a JSON object$/],
    [{ logRetentionDays: 'x', webexBaseUrl: 7 }, /Context webexBaseUrl must be a string[^]*Context logRetentionDays must be a number/],
  ])('a bad value (%j) fails naming its key', (context, message) => {
    expect(() => read(context)).toThrow(message);
  });
});
