import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalApi, type LocalApi } from '../../../functions/local/api-server';
import { createLocalRuntime } from '../../../functions/local/local-runtime';
import { routes } from '../../../functions/routes';
import { FileScimTokenStore } from '../../../functions/lib/scim-auth/file-scim-token-store';
import { rotateStoredScimToken } from '../../../functions/lib/scim-auth/scim-token-store';
import { SCIM_ERROR_SCHEMA } from '../../../functions/lib/scim-auth/scim-error';
import { route as scimProbe } from '../../support/fixtures/scim-probe-route';

/**
 * The local API's SCIM auth, as `npm start` composes it (the file store `npm run scim-token -- --local` writes),
 * on a test-only SCIM row: the SCIM token (current, or the replaced one in its grace period), under
 * LOCAL_API_AUTH=oauth a token with the scim scope too, and nothing else; refusals in the SCIM error form.
 */
const store = new FileScimTokenStore(join(mkdtempSync(join(tmpdir(), 'scim-local-')), 'scim-token.json'));
const servers: LocalApi[] = [];
const start = async (oauth: boolean) => {
  const runtime = createLocalRuntime({ fastWaits: true });
  const api = await startLocalApi({
    port: 0,
    runtime,
    routes: [...routes, scimProbe],
    scimTokens: () => store.read(),
    ...(oauth ? { oauth: { clients: [{ name: 'entra', secret: 's'.repeat(24), scopes: ['scim'] }, { name: 'jira', secret: 'j'.repeat(24), scopes: ['users.read'] }] } } : {}),
  });
  servers.push(api);
  return api;
};
afterAll(async () => {
  for (const api of servers) {
    await api.close();
    await api.runtime.activityTable.close();
  }
});

const probe = async (api: LocalApi, authorization?: string, path = '/scim/v2/Probe') => {
  const res = await fetch(`${api.url}${path}`, { headers: authorization ? { Authorization: authorization } : {} });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
};

describe('SCIM routes on the local API', () => {
  it('refuse every call before a token exists, with 401, WWW-Authenticate Bearer and a SCIM error', async () => {
    const api = await start(false);
    const res = await probe(api, 'Bearer wxpscim_notyet');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(res.headers.get('content-type')).toBe('application/scim+json');
    expect(res.body).toEqual({ schemas: [SCIM_ERROR_SCHEMA], status: '401', detail: expect.stringMatching(/SCIM token/) });
    expect((await probe(api)).status).toBe(401);
  });

  it('take the SCIM token, and after a rotation both tokens until the grace period ends; the token opens no other route', async () => {
    const api = await start(false);
    const first = await rotateStoredScimToken(store);
    expect(await probe(api, `Bearer ${first.token}`)).toMatchObject({ status: 200, body: { caller: 'oauth-client:scim-token' } });
    const second = await rotateStoredScimToken(store, { graceHours: 1 });
    expect((await probe(api, `Bearer ${first.token}`)).status).toBe(200);
    expect((await probe(api, `Bearer ${second.token}`)).status).toBe(200);
    await rotateStoredScimToken(store, { graceHours: 0 });
    expect((await probe(api, `Bearer ${second.token}`)).status).toBe(401);
    expect((await probe(api, `Bearer ${first.token}`)).status).toBe(401);
  });

  it('under LOCAL_API_AUTH=oauth: a scim-scoped JWT or the SCIM token; a JWT without the scope is a 403 naming it', async () => {
    const api = await start(true);
    const { token } = await rotateStoredScimToken(store);
    expect(await probe(api, `Bearer ${api.oauth!.mint('entra', ['scim'])}`)).toMatchObject({ status: 200, body: { caller: 'oauth-client:entra' } });
    expect((await probe(api, `Bearer ${token}`)).status).toBe(200);
    const denied = await probe(api, `Bearer ${api.oauth!.mint('jira', ['users.read'])}`);
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ schemas: [SCIM_ERROR_SCHEMA], status: '403', detail: expect.stringContaining('webex-provisioning/scim') });
    // The SCIM token is no OAuth token: another route refuses it as its own API does (401, the product's error JSON).
    const other = await probe(api, `Bearer ${token}`, '/users/alice%40example.com');
    expect(other.status).toBe(401);
    expect(other.body.error.code).toBe('Unauthorized');
  });
});
