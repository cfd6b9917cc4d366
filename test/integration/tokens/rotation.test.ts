import { PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { rotateServiceAppTokens, type RotationOptions } from '../../../functions/lib/tokens/rotation';
import { SecretsManagerSecretStore } from '../../../functions/lib/aws/secrets-manager-store';
import type { ServiceAppSecret } from '../../../functions/lib/tokens/service-app-secret';
import { WebexClient } from '../../../functions/lib/webex/client';
import { StaticTokenProvider } from '../../../functions/lib/webex/token-provider';
import { fakeSecretsManager } from '../../support/fake-secrets-manager';
import { startScriptedServer, type ScriptedReply, type ScriptedServer } from '../../support/scripted-http-server';

const NOW = new Date('2026-11-29T12:00:00Z');
const stored: ServiceAppSecret = {
  orgName: 'Example',
  clientId: 'client-id',
  clientSecret: 'client-secret-value',
  accessToken: 'access-old',
  accessTokenExpiresAt: '2026-12-01T12:00:00Z',
  refreshToken: 'refresh-old',
  refreshTokenExpiresAt: '2027-01-20T12:00:00Z',
  lastRotation: { at: '2026-11-28T12:00:00Z', outcome: 'succeeded' },
  verified: true,
};

// Webex's token endpoint: a loopback server answering from each test's script, reached by the client's real transport.
let webex: ScriptedServer;
beforeAll(async () => {
  webex = await startScriptedServer();
});
afterAll(() => webex.close());

const json = (status: number, body: unknown, headers: Record<string, string> = {}): ScriptedReply => ({ status, body, headers });
const tokenResponse = (n: number) =>
  json(200, { access_token: `access-${n}`, expires_in: 1_209_600, refresh_token: `refresh-${n}`, refresh_token_expires_in: 7_776_000, token_type: 'Bearer' });

function setup(replies: (ScriptedReply | ((body: URLSearchParams) => ScriptedReply))[], overrides: Partial<RotationOptions> = {}, secret = stored) {
  const sm = fakeSecretsManager(secret);
  const sent: URLSearchParams[] = [];
  const answer = (request: { body: string }): ScriptedReply => {
    const body = new URLSearchParams(request.body);
    sent.push(body);
    const next = replies.shift();
    // An unexpected refresh gets its connection dropped.
    if (!next) return 'reset';
    return typeof next === 'function' ? next(body) : next;
  };
  webex.script(Array.from({ length: 20 }, () => answer));
  const oauthClient = new WebexClient({
    baseUrl: `${webex.url}/v1`,
    tokenProvider: new StaticTokenProvider('unused'),
    sleep: async () => undefined,
  });
  const verified: string[] = [];
  const logs: string[] = [];
  const sink = (...args: unknown[]) => void logs.push(JSON.stringify(args));
  const options: RotationOptions = {
    store: new SecretsManagerSecretStore('arn:secret', sm.client),
    oauthClient,
    verify: async (token) => void verified.push(token),
    now: () => NOW,
    sleep: async () => undefined,
    log: { debug: sink, info: sink, warn: sink, error: sink },
    ...overrides,
  };
  return { sm, sent, verified, options, logs };
}

afterEach(() => jest.restoreAllMocks());

describe('rotateServiceAppTokens', () => {
  it('refreshes, stores the new pair with expiry times from the response, verifies it, then forgets the old refresh token', async () => {
    const { sm, sent, verified, options } = setup([tokenResponse(1)]);
    const result = await rotateServiceAppTokens(options);
    expect(result).toEqual({
      outcome: 'rotated',
      verified: true,
      usedPreviousRefreshToken: false,
      accessTokenExpiresAt: '2026-12-13T12:00:00.000Z',
      refreshTokenExpiresAt: '2027-02-27T12:00:00.000Z',
    });
    expect(sent[0].get('grant_type')).toBe('refresh_token');
    expect(sent[0].get('refresh_token')).toBe('refresh-old');
    expect(verified).toEqual(['access-1']);
    const now = sm.current();
    expect(now).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1', verified: true, lastRotation: { outcome: 'succeeded' } });
    expect(now.previousRefreshToken).toBeUndefined();
    expect(now.rotationLease).toBeUndefined();
    // The version written straight after the refresh kept the refresh token it replaced.
    expect(sm.versions().find((v) => v.accessToken === 'access-1' && v.verified === false)?.previousRefreshToken).toBe('refresh-old');
  });

  it('keeps the stored refresh token when Webex returns none', async () => {
    const { sm, options } = setup([json(200, { access_token: 'access-2', expires_in: 100 })]);
    await rotateServiceAppTokens(options);
    expect(sm.current()).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-old', refreshTokenExpiresAt: stored.refreshTokenExpiresAt });
  });

  it.each([
    ['invalid_grant', 400, { error: 'invalid_grant', error_description: 'The refresh token has expired.' }],
    ['invalid_client', 401, { error: 'invalid_client', error_description: 'Client authentication failed' }],
  ])('on %s leaves the token pair untouched and fails loudly', async (code, status, body) => {
    const { sm, options } = setup([json(status, body)]);
    const error = await rotateServiceAppTokens(options).catch((e) => e);
    expect(error).toMatchObject({ name: 'RotationFailedError', secretUntouched: true });
    expect(error.message).toContain(code);
    const now = sm.current();
    expect(now).toMatchObject({ accessToken: 'access-old', refreshToken: 'refresh-old', lastRotation: { outcome: 'failed' } });
    expect(now.rotationLease).toBeUndefined();
    expect(JSON.stringify(error)).not.toContain('client-secret-value');
    expect(error.message).not.toContain('refresh-old');
  });

  it('falls back to the previous refresh token when the current one is rejected', async () => {
    const secret = { ...stored, refreshToken: 'refresh-new-unproven', previousRefreshToken: 'refresh-old', verified: false };
    const { sm, sent, options } = setup([json(400, { error: 'invalid_grant', error_description: 'unknown' }), tokenResponse(3)], {}, secret);
    const result = await rotateServiceAppTokens(options);
    expect(result).toMatchObject({ outcome: 'rotated', usedPreviousRefreshToken: true, verified: true });
    expect(sent.map((b) => b.get('refresh_token'))).toEqual(['refresh-new-unproven', 'refresh-old']);
    expect(sm.current()).toMatchObject({ accessToken: 'access-3', refreshToken: 'refresh-3' });
  });

  it('retries Webex 5xx and 429 (honouring Retry-After), then succeeds', async () => {
    const { sent, options } = setup([json(503, {}), json(429, {}, { 'retry-after': '1' }), tokenResponse(4)]);
    await expect(rotateServiceAppTokens(options)).resolves.toMatchObject({ outcome: 'rotated' });
    expect(sent).toHaveLength(3);
  });

  it('fails loudly, secret untouched, when Webex keeps failing', async () => {
    const { sm, options } = setup([json(500, {}), json(500, {}), json(500, {}), json(500, {}), json(500, {})]);
    const error = await rotateServiceAppTokens(options).catch((e) => e);
    expect(error).toMatchObject({ name: 'RotationFailedError', message: expect.stringMatching(/500/) });
    expect(error.cause).toMatchObject({ name: 'WebexServerError', status: 500 });
    expect(sm.current()).toMatchObject({ accessToken: 'access-old', refreshToken: 'refresh-old' });
  });

  it('retries a failed Secrets Manager write with the same request token, storing one version', async () => {
    const { sm, options } = setup([tokenResponse(5)]);
    let puts = 0;
    sm.onPut(() => {
      puts++;
      if (puts === 2) sm.failNextPuts(2); // the lease write succeeds; the new pair's write fails twice
    });
    await expect(rotateServiceAppTokens(options)).resolves.toMatchObject({ outcome: 'rotated' });
    const tokens = sm.mock.commandCalls(PutSecretValueCommand).map((c) => c.args[0].input.ClientRequestToken);
    const rotateTokens = tokens.filter((t) => t?.startsWith('rotate-'));
    expect(rotateTokens).toHaveLength(3);
    expect(new Set(rotateTokens).size).toBe(1);
    expect(sm.versions().filter((v) => v.accessToken === 'access-5' && v.verified === false)).toHaveLength(1);
  });

  it('reports, without leaking tokens, when the new pair cannot be stored at all', async () => {
    const { sm, options, logs } = setup([tokenResponse(6)]);
    let puts = 0;
    sm.onPut(() => {
      if (++puts === 2) sm.failNextPuts(100);
    });
    const error = await rotateServiceAppTokens(options).catch((e) => e);
    expect(error).toMatchObject({ name: 'RotationFailedError', message: expect.stringMatching(/writing them to the secret failed/) });
    expect(logs.join()).not.toMatch(/access-6|refresh-6|client-secret-value/);
    // The store's error is kept as the cause, and quotes no token either.
    expect(error.cause).toBeInstanceOf(Error);
    expect(`${error.cause.message} ${JSON.stringify(error.cause)}`).not.toMatch(/access-6|refresh-6|client-secret-value/);
  });

  it('a run that died between Webex and the write does not block the next run once its lease expires', async () => {
    const first = setup([tokenResponse(7)]);
    let puts = 0;
    first.sm.onPut(() => {
      if (++puts === 2) throw Object.assign(new Error('Task timed out'), { name: 'TimeoutError' });
    });
    first.options.writeAttempts = 1;
    await expect(rotateServiceAppTokens(first.options)).rejects.toThrow();
    const leased = first.sm.current();
    expect(leased.rotationLease).toBeDefined();
    expect(leased.refreshToken).toBe('refresh-old');

    // Within the lease: skipped, and it says why.
    first.sm.onPut(undefined);
    const soon = await rotateServiceAppTokens({ ...first.options, now: () => new Date(NOW.getTime() + 60_000) });
    expect(soon).toMatchObject({ outcome: 'skipped', reason: expect.stringMatching(/lease/) });

    // After the lease: the stored (old) refresh token is used again — Webex keeps it valid in this case.
    const replies = [tokenResponse(8)];
    const later = setup(replies, {}, leased);
    const result = await rotateServiceAppTokens({ ...later.options, now: () => new Date(NOW.getTime() + 10 * 60_000) });
    expect(result).toMatchObject({ outcome: 'rotated' });
    expect(later.sent[0].get('refresh_token')).toBe('refresh-old');
  });

  it('keeps the previous refresh token when the new access token does not work', async () => {
    const { sm, options } = setup([tokenResponse(9)], {
      verify: async () => {
        throw new Error('401 from Webex');
      },
    });
    await expect(rotateServiceAppTokens(options)).resolves.toMatchObject({ outcome: 'rotated', verified: false });
    expect(sm.current()).toMatchObject({ refreshToken: 'refresh-9', previousRefreshToken: 'refresh-old', verified: false });
  });

  it('of two racing rotations, only one refreshes', async () => {
    const { sm, sent, options } = setup([tokenResponse(10), tokenResponse(11)]);
    const store2 = new SecretsManagerSecretStore('arn:secret', sm.client);
    const results = await Promise.all([rotateServiceAppTokens(options), rotateServiceAppTokens({ ...options, store: store2 })]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['rotated', 'skipped']);
    expect(results.find((r) => r.outcome === 'skipped')).toMatchObject({ reason: 'another rotation took the lease first' });
    expect(sent).toHaveLength(1);
  });

  it('skips, saying why, when the last rotation succeeded moments ago', async () => {
    const recent = { ...stored, lastRotation: { at: '2026-11-29T11:50:00Z', outcome: 'succeeded' as const } };
    const { sent, options } = setup([], {}, recent);
    await expect(rotateServiceAppTokens(options)).resolves.toMatchObject({ outcome: 'skipped', reason: expect.stringMatching(/less than 60 minutes ago/) });
    expect(sent).toHaveLength(0);
  });
});
