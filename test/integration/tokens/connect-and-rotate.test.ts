import type { Context } from 'aws-lambda';
import { assertSecureBaseUrl, connectServiceApp, REQUIRED_SCOPES } from '../../../functions/lib/connection/connect';
import { FileSecretStore } from '../../../functions/lib/tokens/file-secret-store';
import { demoSeed, SIM_CLIENT_ID, SIM_CLIENT_SECRET, SIM_REFRESH_TOKEN } from '../../../functions/simulator/seed';
import { startHarness, tempFile, type Harness } from '../../support/harness';

let h: Harness;
let store: FileSecretStore;

const context = { functionName: 'RotateTokens', awsRequestId: 'test' } as Context;
// The rotator composed with the local runtime's store (the file of WEBEX_TOKEN_FILE), as `npm run rotate` composes it.
const rotate = async () => (await import('../../../functions/rotate-tokens/handler')).createHandler(h.runtime.deps)({}, context);

beforeEach(async () => {
  store = new FileSecretStore(await tempFile('webex-secret.json'));
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  h = await startHarness({ WEBEX_TOKEN_FILE: store.path });
});
afterEach(async () => {
  await h.close();
});

const connect = (overrides: Partial<Parameters<typeof connectServiceApp>[0]> = {}) =>
  connectServiceApp({
    orgName: 'Demo Org',
    clientId: SIM_CLIENT_ID,
    clientSecret: SIM_CLIENT_SECRET,
    refreshToken: SIM_REFRESH_TOKEN,
    baseUrl: h.sim.url,
    store,
    ...overrides,
  });

describe('connect', () => {
  it.each(['http://webex.invalid/v1', 'http://10.0.0.1:8080/v1', 'ftp://webexapis.com/v1', 'http://127.0.0.1.nip.io/v1', 'not a url'])(
    'refuses to send the client secret and refresh token to %p (https only, http only to loopback)',
    async (baseUrl) => {
      await expect(connect({ baseUrl })).rejects.toMatchObject({ name: 'ConnectError', message: expect.stringMatching(/https|not a URL/) });
      expect(await store.read()).toBeUndefined();
      expect(h.sim.requests).toHaveLength(0);
    },
  );

  it.each(['http://127.0.0.1:1/v1', 'http://127.1:1/v1', 'http://localhost:1/v1', 'http://[::1]:1/v1', 'https://webexapis.com/v1'])('accepts %p as a base URL', (baseUrl) => {
    expect(() => assertSecureBaseUrl(baseUrl)).not.toThrow();
  });

  it('refreshes once, stores the pair with expiry times, and reports the organisation and scopes', async () => {
    const report = await connect();
    expect(report.missingScopes).toEqual([]);
    expect(report.probes.every((p) => p.ok)).toBe(true);
    expect(report.organisation.id).toEqual(expect.any(String));
    const secret = await store.read();
    expect(secret).toMatchObject({ orgName: 'Demo Org', clientId: SIM_CLIENT_ID, verified: true });
    expect(secret!.refreshToken).not.toBe(SIM_REFRESH_TOKEN); // the simulator rotates refresh tokens
    expect(Date.parse(secret!.accessTokenExpiresAt!)).toBeGreaterThan(Date.now() + 13 * 86_400_000);
    // The stored token works for the workflows.
    expect((await h.call('GET', '/users/alice.admin%40example.com')).status).toBe(200);
  });

  it('refuses a wrong client secret and stores nothing', async () => {
    await expect(connect({ clientSecret: 'wrong' })).rejects.toMatchObject({ name: 'ConnectError', message: expect.stringMatching(/invalid_client/) });
    await expect(store.read()).resolves.toBeUndefined();
  });

  it('refuses a revoked refresh token, naming the cause', async () => {
    h.sim.revokeRefreshToken(SIM_REFRESH_TOKEN);
    await expect(connect()).rejects.toThrow(/rejected the refresh token \(invalid_grant/);
  });

  it('names a missing scope when Webex answers a probe with 403', async () => {
    h.sim.faults.add({ match: { path: '/telephony/config/locations' }, kind: 'status', status: 403, body: { message: 'missing scope' } });
    const report = await connect();
    expect(report.missingScopes).toEqual(['spark-admin:telephony_config_read']);
  });

  it('probes the scopes moves and number additions need: identity:groups_rw, spark-admin:telephony_pstn_read', async () => {
    const ok = await connect();
    expect(ok.probes).toEqual(expect.arrayContaining([
      expect.objectContaining({ scope: 'identity:groups_rw', ok: true }),
      expect.objectContaining({ scope: 'spark-admin:telephony_pstn_read', ok: true }),
    ]));
  });

  it('reports identity:groups_rw and spark-admin:telephony_pstn_read missing when their probes are refused', async () => {
    h.sim.faults.add({ match: { path: '/groups' }, kind: 'status', status: 403, body: { message: 'missing scope' } });
    h.sim.faults.add({ match: { path: '/telephony/pstn/' }, kind: 'status', status: 403, body: { message: 'missing scope' } });
    const report = await connect();
    expect(report.missingScopes).toEqual(['identity:groups_rw', 'spark-admin:telephony_pstn_read']);
  });
});

describe('connect: probes that cannot tell, and what a read cannot prove', () => {
  it('probes the PSTN connection of a calling location when the org\'s first /locations entry has no Webex Calling', async () => {
    const seed = demoSeed();
    // Warehouse (no Webex Calling) first, as /locations may list it.
    seed.locations.sort((a, b) => Number(a.callingEnabled ?? false) - Number(b.callingEnabled ?? false));
    expect(seed.locations[0].callingEnabled).toBe(false);
    h.sim.reset(seed);
    const report = await connect();
    expect(report.probes).toEqual(expect.arrayContaining([expect.objectContaining({ scope: 'spark-admin:telephony_pstn_read', ok: true, status: 200 })]));
    const pstn = h.sim.requests.filter((r) => r.path.startsWith('/telephony/pstn/locations/'));
    expect(pstn).toHaveLength(1);
    expect(pstn[0].path).not.toContain(encodeURIComponent(seed.locations[0].id));
    expect(await store.read()).toMatchObject({ verified: true });
  });

  it('a probe Webex answers with an error that says nothing of the scope is reported; the stored pair is still settled as verified', async () => {
    h.sim.faults.add({ match: { path: '/telephony/pstn/' }, kind: 'status', status: 400, times: Infinity, body: { message: 'Location is not enabled for calling' } });
    h.sim.faults.add({ match: { path: '/licenses' }, kind: 'status', status: 500, times: Infinity });
    const report = await connect();
    expect(report.probes).toEqual(expect.arrayContaining([
      expect.objectContaining({ scope: 'spark-admin:telephony_pstn_read', ok: false, status: 400, error: expect.stringMatching(/HTTP 400: Location is not enabled for calling/) }),
      expect.objectContaining({ scope: 'spark-admin:licenses_read', ok: false, status: 500, error: expect.stringMatching(/HTTP 500/) }),
    ]));
    // Not counted as missing: Webex did not say the scope is absent.
    expect(report.missingScopes).toEqual([]);
    const secret = await store.read();
    expect(secret).toMatchObject({ verified: true });
    expect(secret).not.toHaveProperty('previousRefreshToken');
  });

  it('a token that works for no probe is stored unverified and connect says so', async () => {
    h.sim.faults.add({ match: { method: 'GET' }, kind: 'status', status: 401, times: Infinity });
    await expect(connect()).rejects.toMatchObject({ name: 'ConnectError', message: expect.stringMatching(/stored, but its access token worked for no probe/) });
    expect(await store.read()).toMatchObject({ verified: false });
  });

  it('without a scope list in the token answer, says plainly which scopes no read could verify: identity:groups_rw\'s write part among them', async () => {
    const report = await connect();
    expect(report.grantedScopes).toBeUndefined();
    expect(report.probes).toEqual(expect.arrayContaining([
      expect.objectContaining({ scope: 'identity:groups_rw', ok: true, note: expect.stringMatching(/write access could not be verified/) }),
    ]));
    expect(report.unverifiedScopes).toEqual(['spark-admin:people_write', 'spark-admin:telephony_config_write', 'identity:groups_rw']);
  });

  it('with the token answer\'s scope list, judges the scopes by it: a read-only groups grant is missing identity:groups_rw', async () => {
    const seed = demoSeed();
    const granted = REQUIRED_SCOPES.filter((s) => s !== 'identity:groups_rw');
    seed.oauthClients = seed.oauthClients.map((c) => ({ ...c, scope: [...granted, 'identity:groups_read'].join(' ') }));
    h.sim.reset(seed);
    const report = await connect();
    // GET /groups answers (identity:groups_read allows it), yet the grant says write is not there.
    expect(report.probes).toEqual(expect.arrayContaining([expect.objectContaining({ scope: 'identity:groups_rw', ok: true })]));
    expect(report.missingScopes).toEqual(['identity:groups_rw']);
    expect(report.unverifiedScopes).toEqual([]);
  });
});

describe('the rotator against the simulator', () => {
  it('rotates the pair, and the workflows use the new access token', async () => {
    await connect();
    const before = (await store.read())!;
    // A connection made 20 days ago: past the rotator's minimum interval.
    await store.write({ ...before, lastRotation: { at: new Date(Date.now() - 20 * 86_400_000).toISOString(), outcome: 'succeeded' } });
    const result = await rotate();
    expect(result).toMatchObject({ outcome: 'rotated', verified: true });
    const after = (await store.read())!;
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.previousRefreshToken).toBeUndefined();
    h.sim.expireAccessToken(before.accessToken);
    expect((await h.call('GET', '/users/alice.admin%40example.com')).status).toBe(200);
  });

  it('skips a second run right after a rotation, saying why', async () => {
    await connect();
    await store.write({ ...(await store.read())!, lastRotation: { at: new Date().toISOString(), outcome: 'succeeded' } });
    await expect(rotate()).resolves.toMatchObject({ outcome: 'skipped', reason: expect.stringMatching(/less than/) });
  });

  it('leaves the stored pair untouched when Webex rejects an expired refresh token', async () => {
    await connect();
    const before = (await store.read())!;
    h.sim.expireRefreshToken(before.refreshToken);
    await expect(rotate()).rejects.toMatchObject({ name: 'RotationFailedError', message: expect.stringMatching(/invalid_grant/) });
    const after = (await store.read())!;
    expect(after).toMatchObject({ accessToken: before.accessToken, refreshToken: before.refreshToken, lastRotation: { outcome: 'failed' } });
  });

  it('retries through a Webex outage on the token endpoint', async () => {
    await connect();
    await store.write({ ...(await store.read())!, lastRotation: undefined });
    h.sim.faults.add({ match: { path: '/access_token' }, kind: 'status', status: 503 });
    h.sim.faults.add({ match: { path: '/access_token' }, kind: 'status', status: 429, retryAfter: '1' });
    await expect(rotate()).resolves.toMatchObject({ outcome: 'rotated' });
  });

  it('reports connection health without any token', async () => {
    await connect();
    const res = await h.call('GET', '/connection');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'healthy', organisation: { name: 'Demo Org' }, refreshTokenDaysLeft: expect.any(Number) });
    const secret = (await store.read())!;
    const text = JSON.stringify(res.body);
    for (const value of [secret.accessToken, secret.refreshToken, secret.clientSecret]) expect(text).not.toContain(value);
  });
});

describe('the rotator before connecting', () => {
  it('on the placeholder secret (or none), skips without failing and counts RotationNotConnected: no alarm, nothing written', async () => {
    const { PLACEHOLDER_SECRET_TEMPLATE } = await import('../../../infra/constructs/webex-secret');
    const { metrics } = await import('../../../functions/lib/tokens/rotation-metrics');
    const { readFile, writeFile } = await import('node:fs/promises');
    const placeholder = JSON.stringify(PLACEHOLDER_SECRET_TEMPLATE);
    await writeFile(store.path, placeholder);
    const added = jest.spyOn(metrics, 'addMetric');
    try {
      await expect(rotate()).resolves.toMatchObject({ outcome: 'skipped', notConnected: true, reason: expect.stringMatching(/^not connected yet/) });
      const counted = Object.fromEntries(added.mock.calls.map(([name, , value]) => [name, value]));
      expect(counted).toMatchObject({ RotationNotConnected: 1, RotationFailed: 0, RotationSkipped: 1 });
      expect(await readFile(store.path, 'utf8')).toBe(placeholder);
    } finally {
      added.mockRestore();
    }
    // A secret with some credentials but not all is broken, not unconnected: that still fails loudly.
    await writeFile(store.path, JSON.stringify({ ...PLACEHOLDER_SECRET_TEMPLATE, clientId: 'C123' }));
    await expect(rotate()).rejects.toMatchObject({ name: 'SecretUnavailableError', message: expect.stringMatching(/incomplete or malformed/) });
  });
});

describe('GET /connection on the demo secret npm start stores for the simulator', () => {
  it('shows the expiry times and days left, as for a real Service App', async () => {
    const { demoServiceAppSecret } = await import('../../../functions/local/demo-secret');
    await store.write(demoServiceAppSecret());
    const res = await h.call('GET', '/connection');
    expect(res.body).toMatchObject({
      status: 'healthy',
      organisation: { name: 'Demo Org (simulator)' },
      accessTokenExpiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      refreshTokenExpiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    // The demo seed's lifetimes: 14 days for the access token, 90 for the refresh token.
    expect(res.body.accessTokenDaysLeft).toBeGreaterThan(13.8);
    expect(res.body.refreshTokenDaysLeft).toBeGreaterThan(89.8);
  });
});

describe('GET /connection before connecting', () => {
  it('reports not-connected for the empty placeholder secret the stack creates', async () => {
    const { PLACEHOLDER_SECRET_TEMPLATE } = await import('../../../infra/constructs/webex-secret');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(store.path, JSON.stringify(PLACEHOLDER_SECRET_TEMPLATE));
    const res = await h.call('GET', '/connection');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'not-connected', message: expect.stringMatching(/^Not connected/) });
  });
});
