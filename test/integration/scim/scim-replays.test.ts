import { SCIM_URN } from '../../../functions/lib/scim/schema';
import { startHarness, type Harness } from '../../support/harness';
import { closeScimHarness, scimEnv, scimRequest } from '../../support/scim';

const { user: USER, enterprise: ENTERPRISE, product: PRODUCT, patchOp: PATCH_OP, listResponse: LIST, error: ERROR } = SCIM_URN;
const RULES = [{ when: { department: 'Sales' }, location: 'Headquarters' }];

/**
 * Entra ID's and Okta's request sequences, as their own documentation shows them, replayed against the local API
 * (real handlers, dynalite, the ScimApply machine and the lifecycle machines it nests) in front of the Webex
 * simulator: after every step, the answer and what Webex then holds.
 *
 * Entra ID: Microsoft Learn, "Tutorial: Develop and plan provisioning for a SCIM endpoint in Microsoft Entra ID"
 * (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups), its "User
 * Operations" request/response examples: Create User (a query on userName first, then POST), Get User, Get User by
 * query, Get User by query - zero results, Update User [Multi-valued properties] (Replace of
 * `emails[type eq "work"].value` and `name.familyName`), Update User [Single-valued properties] (a new userName: refused
 * once the user is in Webex, see users.ts keepingWebexEmail), Disable User (Replace `active` false), Delete User; the
 * Test Connection query for a random userName. Entra sends DELETE only for a user deleted in the directory
 * (Microsoft Q&A 5646806: unassigning is a PATCH active false; assigning again a PATCH active true).
 *
 * Okta: "Okta and SCIM Version 2.0" (https://developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20): the
 * set-up requests (`GET /Users?startIndex=1&count=2`, `GET /Groups?startIndex=1&count=100`), Create Users (a query
 * `userName eq` with `startIndex=1&count=100`, then POST with `password`, `groups: []`, `locale`), Retrieve Users,
 * Retrieve a specific User, Update a specific User (PUT of the whole user), Update a specific User (PATCH: the
 * path-less `{"op":"replace","value":{"active":false}}` to deactivate, and `active: true` to reactivate). Okta never
 * sends DELETE for a user (its reference: deprovisioning is `active: false`); a DELETE is still answered (204).
 */
describe('SCIM replays of Entra ID and Okta, answers and Webex state', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(scimEnv(RULES));
  });
  afterAll(() => closeScimHarness(h));

  const scim = (method: string, path: string, body?: unknown, contentType?: string) => scimRequest(h, method, path, body, { contentType });
  const byUserName = (userName: string, extra = '') => scim('GET', `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}${extra}`);
  const applied = async () => h.runtime.executions.settle();
  const webex = (email: string) => [...h.sim.state.people.values()].find((p) => p.emails.includes(email));
  const webexWrites = () => h.webexCalls().filter((r) => r.method !== 'GET');

  it('Entra ID: test connection, create (query first), get, query, attribute update, disable, enable again, delete', async () => {
    // Test Connection: a query for a userName no one has.
    h.sim.requests.length = 0;
    const probe = await byUserName('ffc5fe5a-4e4f-4f5c-9d0e-8e6e0a3c1b7d');
    expect(probe).toMatchObject({ status: 200, type: 'application/scim+json', body: { schemas: [LIST], totalResults: 0, Resources: [] } });
    expect((await scim('GET', '/scim/v2/Groups')).status).toBe(200);

    // Create User: the query on userName (zero results), then the POST.
    const email = 'test_user_dfeef4c5@contoso.com';
    expect((await byUserName(email)).body.totalResults).toBe(0);
    expect(h.webexCalls()).toEqual([]); // no Webex call on the request path
    const created = await scim('POST', '/scim/v2/Users', {
      schemas: [USER, ENTERPRISE], externalId: '0a21f0f2-8d2a-4f8e-bf98-7e6b3a8a7b7c', userName: email, active: true,
      emails: [{ primary: true, type: 'work', value: email }], meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' }, roles: [],
      [ENTERPRISE]: { department: 'Sales' },
    });
    expect(created).toMatchObject({ status: 201, type: 'application/scim+json', body: { userName: email, active: true, [PRODUCT]: { callingStatus: 'pending' } } });
    const id = created.body.id;
    await applied();
    expect(webex(email)).toMatchObject({ firstName: 'givenName', lastName: 'familyName', department: 'Sales', calling: expect.anything() });

    // Get User, Get User by query, by query with zero results.
    expect((await scim('GET', `/scim/v2/Users/${id}`)).body).toMatchObject({ id, userName: email, [PRODUCT]: { callingStatus: 'applied' } });
    expect((await byUserName(email)).body).toMatchObject({ totalResults: 1, Resources: [{ id }] });
    expect((await byUserName('non-existent-user@contoso.com')).body.totalResults).toBe(0);

    // Update User [Multi-valued properties]: the work e-mail and the family name.
    const updated = await scim('PATCH', `/scim/v2/Users/${id}`, { schemas: [PATCH_OP], Operations: [
      { op: 'Replace', path: 'emails[type eq "work"].value', value: email },
      { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
    ] });
    expect(updated).toMatchObject({ status: 200, body: { name: { familyName: 'updatedFamilyName' }, emails: [{ type: 'work', value: email }] } });
    await applied();
    expect(webex(email)).toMatchObject({ lastName: 'updatedFamilyName', calling: expect.anything() });

    // Update User [Single-valued properties]: a new userName. The Webex e-mail is not changed through SCIM, so the
    // write is refused (400 mutability naming userName) rather than answered 200 with Webex left behind.
    h.sim.requests.length = 0;
    const renamed = await scim('PATCH', `/scim/v2/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'userName', value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@contoso.com' }] });
    expect(renamed).toMatchObject({ status: 400, type: 'application/scim+json', body: { schemas: [ERROR], scimType: 'mutability' } });
    expect(renamed.body.detail).toMatch(/^userName: /);
    expect((await scim('GET', `/scim/v2/Users/${id}`)).body).toMatchObject({ userName: email, meta: { version: 'W/"2"' } });
    // A change of case is the same Webex address.
    expect((await scim('PATCH', `/scim/v2/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'userName', value: email.toUpperCase() }] })).status).toBe(200);
    await applied();
    expect(webexWrites()).toEqual([]);

    // Disable User (unassigned, or soft-deleted in the directory): calling removed, the Webex user kept.
    const disabled = await scim('PATCH', `/scim/v2/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: false }] });
    expect(disabled.body.active).toBe(false);
    await applied();
    expect(webex(email)).toBeDefined();
    expect(webex(email)?.calling).toBeUndefined();

    // Assigned again: calling restored by the rule.
    expect((await scim('PATCH', `/scim/v2/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] })).body.active).toBe(true);
    await applied();
    expect(webex(email)?.calling).toBeDefined();

    // Delete User: 204; the user gone from SCIM and from Webex.
    expect((await scim('DELETE', `/scim/v2/Users/${id}`)).status).toBe(204);
    expect((await scim('GET', `/scim/v2/Users/${id}`)).body).toMatchObject({ schemas: [ERROR], status: '404' });
    await applied();
    expect(webex(email)).toBeUndefined();
  });

  it('Okta: set-up requests, create (query first), retrieve, profile update by PUT, deactivate and reactivate by PATCH', async () => {
    h.sim.requests.length = 0;
    const users = await scim('GET', '/scim/v2/Users?startIndex=1&count=2');
    expect(users).toMatchObject({ status: 200, body: { schemas: [LIST], startIndex: 1 } });
    expect(users.body.itemsPerPage).toBeLessThanOrEqual(2);
    expect((await scim('GET', '/scim/v2/Groups?startIndex=1&count=100')).body).toMatchObject({ schemas: [LIST], startIndex: 1 });

    // Create Users: does the user exist (userName eq, startIndex=1&count=100)? No: POST.
    const email = 'test.user@okta.local';
    expect((await byUserName(email, '&startIndex=1&count=100')).body).toMatchObject({ totalResults: 0, Resources: [] });
    expect(webexWrites()).toEqual([]);
    const body = {
      schemas: [USER, PRODUCT], userName: email, name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: email, type: 'work' }], displayName: 'Test User', locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7', groups: [], password: '1mz050nq', active: true,
      [PRODUCT]: { callingLocation: 'Branch Office', extension: '7401' },
    };
    const created = await scim('POST', '/scim/v2/Users', body, 'application/json');
    expect(created).toMatchObject({ status: 201, type: 'application/scim+json', body: { userName: email, externalId: '00ujl29u0le5T6Aj10h7' } });
    expect(created.body).not.toHaveProperty('password');
    const id = created.body.id;
    await applied();
    expect(webex(email)).toMatchObject({ displayName: 'Test User', calling: expect.anything() });

    // Retrieve Users (Okta's import) and a specific User.
    const all = await scim('GET', '/scim/v2/Users?startIndex=1&count=100');
    expect(all.body.Resources.map((r: { id: string }) => r.id)).toContain(id);
    expect((await scim('GET', `/scim/v2/Users/${id}`)).body).toMatchObject({ id, active: true, [PRODUCT]: { callingStatus: 'applied' } });

    // Update a specific User (PUT): the whole user, a new title and display name.
    const { password: _p, groups: _g, ...rest } = body;
    const put = await scim('PUT', `/scim/v2/Users/${id}`, { ...rest, id, title: 'Field Engineer', displayName: 'Test U. User' }, 'application/json');
    expect(put).toMatchObject({ status: 200, body: { id, title: 'Field Engineer', displayName: 'Test U. User', active: true } });
    await applied();
    expect(webex(email)).toMatchObject({ title: 'Field Engineer', displayName: 'Test U. User', calling: expect.anything() });

    // Deactivate (unassigned in Okta): the path-less replace.
    const off = await scim('PATCH', `/scim/v2/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] }, 'application/json');
    expect(off).toMatchObject({ status: 200, body: { active: false } });
    await applied();
    expect(webex(email)).toBeDefined();
    expect(webex(email)?.calling).toBeUndefined();

    // Reactivate (assigned again).
    expect((await scim('PATCH', `/scim/v2/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] }, 'application/json')).body.active).toBe(true);
    await applied();
    expect(webex(email)?.calling).toBeDefined();
    expect((await scim('GET', `/scim/v2/Users/${id}`)).body[PRODUCT].callingStatus).toBe('applied');

    // Okta sends no DELETE; one sent anyway is answered and leaves the user through the Leaver.
    expect((await scim('DELETE', `/scim/v2/Users/${id}`)).status).toBe(204);
    await applied();
    expect(webex(email)).toBeUndefined();
  });
});

/** scimDeactivatePolicy's other two values, on Entra ID's Disable User and Delete User requests. */
describe.each([
  ['deactivate', { disabled: (p: any) => p !== undefined && p.loginEnabled === false && p.calling === undefined }],
  ['delete', { disabled: (p: any) => p === undefined }],
] as const)('SCIM deactivation under scimDeactivatePolicy %s', (policy, expected) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(scimEnv([], policy));
  });
  afterAll(() => closeScimHarness(h));

  it('active false applies the policy; a DELETE deletes the Webex user', async () => {
    const email = `policy.${policy}@example.com`;
    const webex = () => [...h.sim.state.people.values()].find((p) => p.emails.includes(email));
    const created = await scimRequest(h, 'POST', '/scim/v2/Users', { schemas: [USER, PRODUCT], userName: email, displayName: 'Policy User', [PRODUCT]: { callingLocation: 'Headquarters', extension: '7701' } });
    await h.runtime.executions.settle();
    expect(webex()?.calling).toBeDefined();
    await scimRequest(h, 'PATCH', `/scim/v2/Users/${created.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: false }] });
    await h.runtime.executions.settle();
    expect(expected.disabled(webex())).toBe(true);
    expect((await scimRequest(h, 'GET', `/scim/v2/Users/${created.body.id}`)).body[PRODUCT].callingStatus).toBe('applied');
    expect((await scimRequest(h, 'DELETE', `/scim/v2/Users/${created.body.id}`)).status).toBe(204);
    await h.runtime.executions.settle();
    expect(webex()).toBeUndefined();
  });
});

describe('SCIM reactivation under scimDeactivatePolicy deactivate', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(scimEnv([], 'deactivate'));
  });
  afterAll(() => closeScimHarness(h));

  it('active true again: sign-in and calling restored', async () => {
    const email = 'policy.return@example.com';
    const webex = () => [...h.sim.state.people.values()].find((p) => p.emails.includes(email));
    const created = await scimRequest(h, 'POST', '/scim/v2/Users', { schemas: [USER, PRODUCT], userName: email, displayName: 'Returning User', [PRODUCT]: { callingLocation: 'Headquarters', extension: '7702' } });
    await h.runtime.executions.settle();
    await scimRequest(h, 'PATCH', `/scim/v2/Users/${created.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    await h.runtime.executions.settle();
    expect(webex()?.loginEnabled).toBe(false);
    await scimRequest(h, 'PATCH', `/scim/v2/Users/${created.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] });
    await h.runtime.executions.settle();
    expect(webex()).toMatchObject({ calling: expect.anything() });
    expect(webex()?.loginEnabled).not.toBe(false);
  });
});
