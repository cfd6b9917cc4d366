import type { Context } from 'aws-lambda';
import { connectServiceApp } from '../../../functions/lib/connection/connect';
import { logger } from '../../../functions/lib/logger';
import { emailHash } from '../../../functions/lib/redaction';
import { FileSecretStore } from '../../../functions/lib/tokens/file-secret-store';
import { DEMO_IDS, SIM_ACCESS_TOKEN, SIM_CLIENT_ID, SIM_CLIENT_SECRET, SIM_REFRESH_TOKEN } from '../../../functions/simulator/seed';
import { startHarness, tempFile, type Harness } from '../../support/harness';
import { captureLogs } from '../../support/log-capture';

/**
 * Captures every line the suite writes during a full run — connect, rotation, each workflow, with a
 * 401, a 429 and 5xx injected — at DEBUG level, and fails if a token, the client secret or an
 * Authorization header appears in any of them.
 */
describe('log redaction over a full run', () => {
  let h: Harness;
  let written: string[] = [];
  let restore: (() => void) | undefined;

  beforeAll(async () => {
    const store = new FileSecretStore(await tempFile('secret.json'));
    h = await startHarness({ WEBEX_TOKEN_FILE: store.path });
    const capture = captureLogs();
    written = capture.lines;
    restore = capture.restore;

    await connectServiceApp({
      orgName: 'Demo', clientId: SIM_CLIENT_ID, clientSecret: SIM_CLIENT_SECRET, refreshToken: SIM_REFRESH_TOKEN,
      baseUrl: h.sim.url, store, log: logger,
    });
    const afterConnect = (await store.read())!;
    await store.write({ ...afterConnect, lastRotation: undefined });
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    const { createHandler } = await import('../../../functions/rotate-tokens/handler');
    await createHandler(h.runtime.deps)({}, { functionName: 'RotateTokens', awsRequestId: 'redaction' } as Context);
    const rotated = (await store.read())!;
    h.sim.expireAccessToken(afterConnect.accessToken);

    h.sim.faults.add({ match: { method: 'GET', path: '/people' }, kind: 'status', status: 429, retryAfter: '0' });
    h.sim.faults.add({ match: { method: 'PUT', path: '/people' }, kind: 'status', status: 503 });
    await h.call('POST', '/users', { email: 'redact.me@example.com', displayName: 'Redact Me' });
    await h.call('GET', '/users/redact.me%40example.com');
    await h.call('PATCH', '/users/redact.me%40example.com', { title: 'Secretive' });
    await h.call('POST', '/webex/requests', { method: 'GET', path: '/licenses' });
    await h.call('GET', '/connection');
    // Access codes: one as a path segment, one in a DECT network's body, in the audit line of a dry run (the
    // simulator models neither operation).
    const location = DEMO_IDS.locations.headquarters;
    const deleted = await h.call('POST', '/webex/requests', { method: 'DELETE', path: `/telephony/config/workspaces/${DEMO_IDS.locations.warehouse}/features/accessCodes/${PATH_ACCESS_CODE}`, dryRun: true });
    await h.call('POST', '/webex/requests', {
      method: 'POST', path: `/telephony/config/locations/${location}/dectNetworks`, dryRun: true,
      body: { name: 'Warehouse DECT', model: 'Cisco DECT 210 Base', defaultAccessCodeEnabled: true, defaultAccessCode: DECT_ACCESS_CODE },
    });
    expect(deleted.status).toBe(200);
    await h.call('DELETE', '/users/redact.me%40example.com');
    // A 404 whose message names the address: its WARN line.
    expect((await h.call('GET', `/users/${encodeURIComponent(ABSENT_USER)}`)).status).toBe(404);
    // A refused token: the 401 path logs too.
    h.sim.expireAccessToken(rotated.accessToken);
    await h.call('GET', '/users/alice.admin%40example.com');

    secrets.push(afterConnect.accessToken, afterConnect.refreshToken, rotated.accessToken, rotated.refreshToken);
  });

  const secrets = [SIM_ACCESS_TOKEN, SIM_REFRESH_TOKEN, SIM_CLIENT_SECRET];
  // Digit strings found nowhere else in a run's lines (no id, timestamp or duration holds them).
  const PATH_ACCESS_CODE = '90817263';
  const DECT_ACCESS_CODE = '71829304';
  const ABSENT_USER = 'No.Such.Person@example.com';

  afterAll(async () => {
    restore?.();
    await h.close();
  });

  it('wrote log lines (the capture works)', () => {
    expect(written.length).toBeGreaterThan(10);
    expect(written.join('\n')).toContain('"message":"webex request"');
  });

  it('never wrote an access code, from a path segment or a DECT body', () => {
    const all = written.join('\n');
    expect(all).toContain('accessCodes/<redacted>');
    expect(all).not.toContain(PATH_ACCESS_CODE);
    expect(all).not.toContain(DECT_ACCESS_CODE);
  });

  it('wrote e-mail addresses in WARN lines as their hash only', () => {
    const warnings = written.filter((l) => /"level":"(WARN|ERROR)"/.test(l)).join('\n');
    expect(warnings).toContain(emailHash(ABSENT_USER.toLowerCase()));
    expect(warnings).not.toMatch(/no\.such\.person(@|%40)example\.com/i);
    expect(warnings).not.toMatch(/redact\.me(@|%40)example\.com/i);
  });

  it('never wrote a token, the client secret or an Authorization header', () => {
    const all = written.join('\n');
    for (const secret of secrets) expect(all).not.toContain(secret);
    // Webex's own 401 message names the header; a header *value* or key/value pair must never appear.
    expect(all).not.toMatch(/["']?authorization["']?\s*[:=]/i);
    expect(all).not.toMatch(/bearer\s+[A-Za-z0-9._~+/-]{6,}/i);
  });
});
