import { generateKeyPairSync } from 'node:crypto';
import { API_SCOPES, type ApiScope } from '../../../functions/lib/http/scopes';
import { createLocalTokenIssuer } from '../../../functions/local/oauth-issuer';
import { routes } from '../../../functions/routes';
import { startHarness, type Harness } from '../../support/harness';
import { useLocalImportsBucket } from '../../support/local-imports-bucket';

/**
 * `LOCAL_API_AUTH=oauth`: every route checks the bearer token and its row's scope as the deployed authorizer
 * does (aws-jwt-verify against the local JWKS), in the product's error JSON.
 */
const SECRET = 'a-long-enough-local-secret';
useLocalImportsBucket('imports');
let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { oauth: { clients: [{ name: 'everything', secret: SECRET, scopes: [...API_SCOPES] }, { name: 'jira', secret: `${SECRET}-jira`, scopes: ['users.read', 'users.write', 'calling.write'] }] } });
});
afterAll(async () => {
  await h.runtime.executions.settle();
  await h.close();
});

const token = (scopes: readonly ApiScope[]) => h.api.oauth!.mint('everything', scopes);
const call = async (method: string, path: string, auth: string | undefined, body?: unknown) => {
  const res = await fetch(h.api.url + path, {
    method,
    headers: { ...(auth ? { authorization: auth } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
};

/** One request per route and the status its handler answers it with (the route's normal answer), in an order that works. */
const SAMPLES: Record<string, { path: string; body?: unknown; status: number }> = {
  GetUser: { path: '/users/alice.admin%40example.com', status: 200 },
  UpdateUser: { path: '/users/bob.builder%40example.com', body: { title: 'Builder' }, status: 200 },
  CreateUser: { path: '/users', body: { email: 'oauth.joiner@example.com', firstName: 'Oauth', lastName: 'Joiner' }, status: 201 },
  DeleteUser: { path: '/users/oauth.joiner%40example.com', status: 204 },
  GetUserHistory: { path: '/users/alice.admin%40example.com/history', status: 200 },
  GetUserNumbers: { path: '/users/alice.admin%40example.com/numbers', status: 200 },
  AssignNumber: { path: '/users/alice.admin%40example.com/numbers', body: {}, status: 400 },
  UnassignNumber: { path: '/users/alice.admin%40example.com/numbers/not-a-number', status: 400 },
  ListNumbers: { path: '/numbers', status: 200 },
  AddLocationNumbers: { path: '/locations/Headquarters/numbers', body: {}, status: 400 },
  EnableCalling: { path: '/users/bob.builder%40example.com/calling', body: {}, status: 400 },
  GetEnableCalling: { path: '/users/bob.builder%40example.com/calling/not..a-run-name', status: 400 },
  GetConnection: { path: '/connection', status: 200 },
  LifecycleEvents: { path: '/events', body: {}, status: 400 },
  StartBulkJoiners: { path: '/bulk/joiners', body: {}, status: 400 },
  StartBulkJoinersCsv: { path: '/bulk/joiners/csv', body: {}, status: 400 },
  ListBulkJoiners: { path: '/bulk/joiners', status: 200 },
  GetBulkJoiners: { path: '/bulk/joiners/bulk-k-never', status: 404 },
  GetBulkJoinersReport: { path: '/bulk/joiners/bulk-k-never/report', status: 404 },
  CreateReconcilePlan: { path: '/reconcile/plans', body: {}, status: 400 },
  ListReconcilePlans: { path: '/reconcile/plans', status: 200 },
  GetReconcilePlan: { path: '/reconcile/plans/00000000-0000-4000-8000-000000000000', status: 404 },
  GetReconcilePlanReport: { path: '/reconcile/plans/00000000-0000-4000-8000-000000000000/report', status: 404 },
  ApplyReconcilePlan: { path: '/reconcile/plans/00000000-0000-4000-8000-000000000001/apply', body: {}, status: 404 },
  ListWebexOperations: { path: '/webex/operations?limit=5', status: 200 },
  WebexRequest: { path: '/webex/requests', body: {}, status: 400 },
  ScimServiceProviderConfig: { path: '/scim/v2/ServiceProviderConfig', status: 200 },
  ScimResourceTypes: { path: '/scim/v2/ResourceTypes', status: 200 },
  ScimSchemas: { path: '/scim/v2/Schemas', status: 200 },
  ScimListUsers: { path: '/scim/v2/Users?startIndex=1&count=1', status: 200 },
  ScimCreateUser: { path: '/scim/v2/Users', body: { userName: 'oauth.scim@example.com', displayName: 'OAuth Scim' }, status: 201 },
  ScimGetUser: { path: '/scim/v2/Users/00000000-0000-4000-8000-000000000000', status: 404 },
  ScimReplaceUser: { path: '/scim/v2/Users/00000000-0000-4000-8000-000000000000', body: { userName: 'oauth.scim@example.com' }, status: 404 },
  ScimPatchUser: { path: '/scim/v2/Users/00000000-0000-4000-8000-000000000000', body: { Operations: [{ op: 'replace', path: 'title', value: 'x' }] }, status: 404 },
  ScimDeleteUser: { path: '/scim/v2/Users/00000000-0000-4000-8000-000000000000', status: 404 },
  ScimListGroups: { path: '/scim/v2/Groups', status: 200 },
  ScimCreateGroup: { path: '/scim/v2/Groups', body: { displayName: 'OAuth Group' }, status: 201 },
  ScimGetGroup: { path: '/scim/v2/Groups/00000000-0000-4000-8000-000000000000', status: 404 },
  ScimReplaceGroup: { path: '/scim/v2/Groups/00000000-0000-4000-8000-000000000000', body: { displayName: 'OAuth Group 2' }, status: 404 },
  ScimPatchGroup: { path: '/scim/v2/Groups/00000000-0000-4000-8000-000000000000', body: { Operations: [{ op: 'remove', path: 'members' }] }, status: 404 },
  ScimDeleteGroup: { path: '/scim/v2/Groups/00000000-0000-4000-8000-000000000000', status: 404 },
};

describe('every route under LOCAL_API_AUTH=oauth', () => {
  it('has a sample request here (a new route needs one)', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(routes.map((r) => r.id).sort());
  });

  it.each(routes.map((r) => [r.id, r] as const))('%s: no token is a 401 with WWW-Authenticate, before anything runs', async (_, route) => {
    h.sim.clearRequests();
    const sample = SAMPLES[route.id];
    const res = await call(route.method, sample.path, undefined, sample.body);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(res.body).toEqual({ error: { code: 'Unauthorized', message: expect.stringContaining('bearer token') } });
    expect(h.webexCalls()).toHaveLength(0);
  });

  it.each(routes.map((r) => [r.id, r] as const))('%s: a token with every other scope is a 403 InsufficientScope naming its scope', async (_, route) => {
    h.sim.clearRequests();
    const sample = SAMPLES[route.id];
    const res = await call(route.method, sample.path, `Bearer ${token(API_SCOPES.filter((s) => s !== route.scope))}`, sample.body);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('InsufficientScope');
    expect(res.body.error.message).toContain(`webex-provisioning/${route.scope}`);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope"');
    expect(h.webexCalls()).toHaveLength(0);
  });

  // Sequential, in SAMPLES' order (the user is created before it is deleted).
  it.each(Object.keys(SAMPLES).map((id) => [id, routes.find((r) => r.id === id)!] as const))('%s: a token with its scope alone gets the route\'s answer', async (_, route) => {
    const sample = SAMPLES[route.id];
    const res = await call(route.method, sample.path, `Bearer ${token([route.scope])}`, sample.body);
    expect({ id: route.id, status: res.status, code: res.body?.error?.code }).toEqual({ id: route.id, status: sample.status, code: res.body?.error?.code });
    // The handler answered (API Gateway's request id is set on the handler's answers only).
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    // The API's error code, or a SCIM route's SCIM error (its own schema: a status and a scimType).
    if (res.status >= 400) expect(['Unauthorized', 'InsufficientScope']).not.toContain(res.body.error?.code ?? res.body.scimType);
  });
});

describe('tokens the local API refuses with a 401', () => {
  const path = '/users/alice.admin%40example.com';
  const expect401 = async (authorization: string) => {
    const res = await call('GET', path, authorization);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(res.body.error.code).toBe('Unauthorized');
  };

  it('an expired token', async () => {
    await expect401(`Bearer ${h.api.oauth!.mint('everything', ['users.read'], Math.floor(Date.now() / 1000) - 7200)}`);
  });

  it('a token signed by another key (same issuer, same kid)', async () => {
    const forged = createLocalTokenIssuer(h.api.oauth!.issuer, h.api.oauth!.clients, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
    await expect401(`Bearer ${forged.mint('everything', ['users.read'])}`);
  });

  it('a token from another issuer', async () => {
    const other = createLocalTokenIssuer('http://127.0.0.1:1', h.api.oauth!.clients);
    await expect401(`Bearer ${other.mint('everything', ['users.read'])}`);
  });

  it('a token with its signature removed, an unsigned one, garbage, another scheme', async () => {
    const good = h.api.oauth!.mint('everything', ['users.read']);
    const [header, payload] = good.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    for (const auth of [`Bearer ${header}.${payload}.`, `Bearer ${none}`, 'Bearer not-a-jwt', `Basic ${Buffer.from(`everything:${SECRET}`).toString('base64')}`, `Bearer`]) {
      await expect401(auth);
    }
    expect((await call('GET', path, `bearer ${good}`)).status).toBe(200);
  });
});

describe('the local token endpoint and JWKS', () => {
  const tokenRequest = (form: Record<string, string>, authorization?: string) =>
    fetch(`${h.api.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) },
      body: new URLSearchParams(form).toString(),
    }).then(async (r) => ({ status: r.status, headers: r.headers, body: (await r.json()) as any }));
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

  it('mints a token for HTTP Basic client credentials, with every scope of the client when none is asked', async () => {
    const res = await tokenRequest({ grant_type: 'client_credentials' }, basic('jira', `${SECRET}-jira`));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
    const claims = JSON.parse(Buffer.from(res.body.access_token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ iss: h.api.url, client_id: 'jira', token_use: 'access', scope: 'webex-provisioning/users.read webex-provisioning/users.write webex-provisioning/calling.write' });
    expect((await call('GET', '/users/alice.admin%40example.com', `Bearer ${res.body.access_token}`)).status).toBe(200);
    expect((await call('GET', '/numbers', `Bearer ${res.body.access_token}`)).status).toBe(403);
  });

  it('takes the credentials as form fields too, and narrows to the scopes asked', async () => {
    const res = await tokenRequest({ grant_type: 'client_credentials', client_id: 'jira', client_secret: `${SECRET}-jira`, scope: 'webex-provisioning/users.read' });
    expect(res.status).toBe(200);
    const narrowed = `Bearer ${res.body.access_token}`;
    expect((await call('GET', '/users/alice.admin%40example.com', narrowed)).status).toBe(200);
    const write = await call('PATCH', '/users/alice.admin%40example.com', narrowed, { title: 'x' });
    expect(write.body.error).toEqual({ code: 'InsufficientScope', message: expect.stringContaining('webex-provisioning/users.write') });
  });

  it('answers in OAuth error JSON: a scope the client may not have, a wrong secret, another grant, both secrets', async () => {
    expect(await tokenRequest({ grant_type: 'client_credentials', scope: 'webex-provisioning/reconcile.apply' }, basic('jira', `${SECRET}-jira`))).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    const wrong = await tokenRequest({ grant_type: 'client_credentials' }, basic('jira', 'wrong-secret-wrong-secret'));
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(JSON.stringify(wrong.body)).not.toContain(SECRET);
    expect(await tokenRequest({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: SECRET })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await tokenRequest({ grant_type: 'password', username: 'a', password: 'b' }, basic('jira', `${SECRET}-jira`))).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    expect(await tokenRequest({ grant_type: 'client_credentials', client_secret: `${SECRET}-jira` }, basic('jira', `${SECRET}-jira`))).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });

  it('serves the signing key as a JWKS (public parts only)', async () => {
    const res = await fetch(`${h.api.url}/.well-known/jwks.json`);
    const { keys } = (await res.json()) as any;
    expect(keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String), n: expect.any(String), e: 'AQAB' })]);
    expect(keys[0].d).toBeUndefined();
  });

  it('documents OAuth alone, with its token URL, in GET /openapi.json', async () => {
    const doc = (await (await fetch(`${h.api.url}/openapi.json`)).json()) as any;
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['oauth2']);
    expect(doc.components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl).toBe(`${h.api.url}/oauth2/token`);
  });
});
