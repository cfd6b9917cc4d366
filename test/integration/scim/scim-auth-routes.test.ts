import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FileScimTokenStore } from '../../../functions/lib/scim-auth/file-scim-token-store';
import { SCIM_URN } from '../../../functions/lib/scim/schema';
import { startHarness, type Harness } from '../../support/harness';
import { scimRequest } from '../../support/scim';

const PRODUCT = SCIM_URN.product;

/**
 * The product's SCIM routes and the authorizer together, end to end on the local runtime as `npm start` composes them:
 * the token `npm run scim-token -- --local FILE` prints (the real CLI) opens /scim/v2 and nothing else; under
 * LOCAL_API_AUTH=oauth a token with the scim scope does too; every refusal is a SCIM error and reaches neither the
 * SCIM store nor Webex; what is let through is applied to Webex (the simulator).
 */
describe('SCIM routes behind the authorizer, end to end', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'scim-e2e-')), 'scim-token.json');
  const store = new FileScimTokenStore(file);
  let token: string;
  beforeAll(async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'functions/cli/scim-token.ts', '--local', file], { env: { ...process.env, SCIM_TOKEN_SECRET_ARN: '' } });
    token = stdout.trim();
  });

  let h: Harness;
  afterEach(async () => {
    await h.runtime.executions.settle();
    await h.close();
  });

  const send = (method: string, path: string, authorization: string | undefined, body?: unknown) => scimRequest(h, method, path, body, { authorization });
  const user = (email: string) => ({ schemas: [SCIM_URN.user, PRODUCT], userName: email, displayName: email.split('@')[0], [PRODUCT]: { callingLocation: 'Headquarters', extension: String(7300 + email.length) } });
  const webexPerson = (email: string) => [...h.sim.state.people.values()].find((p) => p.emails.includes(email));
  const expectScimRefusal = (res: Awaited<ReturnType<typeof send>>, status: number) => {
    expect({ status: res.status, type: res.type, schemas: res.body?.schemas }).toEqual({ status, type: 'application/scim+json', schemas: [SCIM_URN.error] });
  };

  it('the SCIM token of npm run scim-token: every SCIM route takes it and the user reaches Webex; without it or with another token, 401 and nothing stored', async () => {
    h = await startHarness({}, { scimTokens: () => store.read() });
    h.sim.requests.length = 0;
    for (const authorization of [undefined, 'Bearer wxpscim_' + 'A'.repeat(43), `Basic ${Buffer.from(`x:${token}`).toString('base64')}`]) {
      const refused = await send('POST', '/scim/v2/Users', authorization, user('rita.refused@example.com'));
      expectScimRefusal(refused, 401);
      expect(refused.wwwAuthenticate).toMatch(/^Bearer/);
      expect(JSON.stringify(refused.body)).not.toContain(token);
    }
    expectScimRefusal(await send('GET', '/scim/v2/ServiceProviderConfig', undefined), 401);

    const bearer = `Bearer ${token}`;
    for (const path of ['/scim/v2/ServiceProviderConfig', '/scim/v2/ResourceTypes', '/scim/v2/Schemas', '/scim/v2/Users?startIndex=1&count=1', '/scim/v2/Groups']) {
      expect({ path, status: (await send('GET', path, bearer)).status }).toEqual({ path, status: 200 });
    }
    // Nothing the refused requests carried was stored.
    const probe = await send('GET', `/scim/v2/Users?filter=${encodeURIComponent('userName eq "rita.refused@example.com"')}`, bearer);
    expect(probe.body.totalResults).toBe(0);
    expect(h.webexCalls()).toEqual([]);

    const created = await send('POST', '/scim/v2/Users', bearer, user('tom.token@example.com'));
    expect(created.status).toBe(201);
    expect((await send('PATCH', `/scim/v2/Users/${created.body.id}`, bearer, { schemas: [SCIM_URN.patchOp], Operations: [{ op: 'Replace', path: 'title', value: 'Engineer' }] })).status).toBe(200);
    await h.runtime.executions.settle();
    expect(webexPerson('tom.token@example.com')).toMatchObject({ title: 'Engineer', calling: expect.anything() });
    expect((await send('GET', `/scim/v2/Users/${created.body.id}`, bearer)).body[PRODUCT].callingStatus).toBe('applied');
    expect((await send('DELETE', `/scim/v2/Users/${created.body.id}`, bearer)).status).toBe(204);
    await h.runtime.executions.settle();
    expect(webexPerson('tom.token@example.com')).toBeUndefined();
  });

  it('under LOCAL_API_AUTH=oauth: a scim-scoped OAuth token or the SCIM token on /scim/v2; the SCIM token opens no other route, and a token without the scope is a 403 naming it', async () => {
    h = await startHarness({}, {
      scimTokens: () => store.read(),
      oauth: { clients: [{ name: 'entra', secret: 's'.repeat(24), scopes: ['scim'] }, { name: 'desk', secret: 'd'.repeat(24), scopes: ['users.read'] }] },
    });
    const scimJwt = `Bearer ${h.api.oauth!.mint('entra', ['scim'])}`;
    const deskJwt = `Bearer ${h.api.oauth!.mint('desk', ['users.read'])}`;
    const viaOAuth = await send('POST', '/scim/v2/Users', scimJwt, user('olga.oauth@example.com'));
    expect(viaOAuth.status).toBe(201);
    const viaToken = await send('POST', '/scim/v2/Users', `Bearer ${token}`, user('stan.secret@example.com'));
    expect(viaToken.status).toBe(201);
    await h.runtime.executions.settle();
    expect(webexPerson('olga.oauth@example.com')?.calling).toBeDefined();
    expect(webexPerson('stan.secret@example.com')?.calling).toBeDefined();

    h.sim.requests.length = 0;
    const denied = await send('POST', '/scim/v2/Users', deskJwt, user('dora.denied@example.com'));
    expectScimRefusal(denied, 403);
    expect(denied.body.detail).toContain('webex-provisioning/scim');
    // The SCIM token is no OAuth token: the other routes refuse it (401, the product's own error JSON).
    const other = await send('GET', '/users/olga.oauth%40example.com', `Bearer ${token}`);
    expect(other.status).toBe(401);
    expect(other.body.error.code).toBe('Unauthorized');
    // Nor does the scim scope open another route.
    expect((await send('GET', '/users/olga.oauth%40example.com', scimJwt)).status).toBe(403);
    expect((await send('GET', '/users/olga.oauth%40example.com', deskJwt)).status).toBe(200);
    await h.runtime.executions.settle();
    expect(webexPerson('dora.denied@example.com')).toBeUndefined();
    expect(h.webexCalls('POST')).toEqual([]);
  });
});
