import { activitySettings, DEFAULT_ACTIVITY_RETENTION_DAYS } from '../../functions/lib/activity/settings';
import { extensionSecretReader } from '../../functions/lib/aws/lambda-secret-reader';
import type { Env } from '../../functions/lib/config';
import { NUMBER_SETTINGS, numberSetting } from '../../functions/lib/settings';
import { ConfigurationError } from '../../functions/lib/errors';
import { DEFAULT_REFERENCE_CACHE_TTL_MS } from '../../functions/lib/webex/client';
import { configuredWebexClient } from '../../functions/lib/webex/configured-client';
import { clearReferenceCache, listLicenses } from '../../functions/lib/webex/reference-data';
import { StaticTokenProvider } from '../../functions/lib/webex/token-provider';
import type { WebexClient } from '../../functions/lib/webex/client';

const tokens = new StaticTokenProvider('token');

describe('number settings', () => {
  const keys = Object.keys(NUMBER_SETTINGS) as (keyof typeof NUMBER_SETTINGS)[];

  it.each(keys)('%s: unset or empty is undefined (the caller\'s default), a plain number is read', (key) => {
    expect(numberSetting({}, key)).toBeUndefined();
    expect(numberSetting({ [NUMBER_SETTINGS[key].name]: '' }, key)).toBeUndefined();
    expect(numberSetting({ [NUMBER_SETTINGS[key].name]: ' 30 ' }, key)).toBe(30);
  });

  it.each(keys)('%s: a value it does not take is a ConfigurationError naming the variable, the value and what it takes', (key) => {
    const { name, takes } = NUMBER_SETTINGS[key];
    for (const bad of ['fast', '0x10', '1e3', '-5', 'Infinity', '5 s']) {
      const read = () => numberSetting({ [name]: bad }, key);
      expect(read).toThrow(ConfigurationError);
      expect(read).toThrow(`${name} must be ${takes}, not "${bad}"`);
    }
  });

  it('reads the Webex client\'s settings through them: a bad one fails the client, never silently dropped', () => {
    const client = configuredWebexClient({ WEBEX_REFERENCE_CACHE_TTL_MS: '60000' }, tokens);
    expect(client.referenceCacheTtlMs).toBe(60_000);
    expect(configuredWebexClient({}, tokens).referenceCacheTtlMs).toBe(DEFAULT_REFERENCE_CACHE_TTL_MS);
    for (const env of [{ WEBEX_REFERENCE_CACHE_TTL_MS: '5m' }, { WEBEX_TIMEOUT_MS: '0' }, { WEBEX_RETRY_BUDGET_MS: 'lots' }] satisfies Env[]) {
      expect(() => configuredWebexClient(env, tokens)).toThrow(new RegExp(`^${Object.keys(env)[0]} must be`));
    }
  });

  it('reads the activity retention and the extension port through them', () => {
    expect(activitySettings({ ACTIVITY_TABLE_NAME: 't' }).retentionDays).toBe(DEFAULT_ACTIVITY_RETENTION_DAYS);
    expect(activitySettings({ ACTIVITY_TABLE_NAME: 't', ACTIVITY_RETENTION_DAYS: '90' }).retentionDays).toBe(90);
    expect(() => activitySettings({ ACTIVITY_TABLE_NAME: 't', ACTIVITY_RETENTION_DAYS: '0' })).toThrow(/ACTIVITY_RETENTION_DAYS must be a positive number of days, not "0"/);
    const env = { WEBEX_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:1:secret:w', WEBEX_SECRET_READER: 'extension' } as const;
    expect(() => extensionSecretReader({ ...env, PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: '99999' })).toThrow(/PARAMETERS_SECRETS_EXTENSION_HTTP_PORT must be a TCP port/);
  });
});

describe('the reference cache', () => {
  afterEach(() => clearReferenceCache());

  /** A client whose listings are counted: only `list` and `baseUrl` are read by listLicenses. */
  function countingClient(referenceCacheTtlMs: number): { client: WebexClient; calls: () => number } {
    let calls = 0;
    const client = { baseUrl: `https://webex.test/${referenceCacheTtlMs}`, referenceCacheTtlMs, list: async () => { calls++; return []; } };
    return { client: client as unknown as WebexClient, calls: () => calls };
  }

  it('keeps licenses for the client\'s TTL, and not at all with 0', async () => {
    const cached = countingClient(60_000);
    await listLicenses(cached.client);
    await listLicenses(cached.client);
    expect(cached.calls()).toBe(1);
    const uncached = countingClient(0);
    await listLicenses(uncached.client);
    await listLicenses(uncached.client);
    expect(uncached.calls()).toBe(2);
  });
});
