import { startHarness, type Harness } from '../../support/harness';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PRODUCT = 'urn:ietf:params:scim:schemas:extension:webexprovisioning:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const RULES = [
  { when: { group: 'Branch Callers' }, location: 'Branch Office' },
  { when: { department: 'Sales' }, location: 'Headquarters' },
];

/**
 * What the SCIM writes do to Webex (the simulator), through the ScimApply machine and the lifecycle machines it
 * nests, in the local runtime: Entra ID's and Okta's documented sequences, the calling rules, and the status a GET shows.
 */
describe('SCIM 2.0 endpoint: applied to Webex through the lifecycle machines', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ SCIM_CALLING_RULES: JSON.stringify(RULES), SCIM_DEACTIVATE_POLICY: 'removeCalling' });
  });
  afterAll(async () => {
    delete process.env.SCIM_CALLING_RULES;
    delete process.env.SCIM_DEACTIVATE_POLICY;
    await h.close();
  });

  const scim = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(h.api.url + path, { method, headers: body === undefined ? {} : { 'content-type': 'application/scim+json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const webexUser = async (email: string) => h.call('GET', `/users/${encodeURIComponent(email)}`);
  const settled = () => h.runtime.executions.settle();
  const patch = (id: string, ...Operations: unknown[]) => scim('PATCH', `/scim/v2/Users/${id}`, { schemas: [PATCH_OP], Operations });

  it('Entra ID: create (the rule by department gives calling), update, deactivate (removeCalling), reactivate, delete', async () => {
    const email = 'sara.sales@example.com';
    const created = await scim('POST', '/scim/v2/Users', {
      schemas: [USER, ENTERPRISE], externalId: 'sara-oid', userName: email, active: true, displayName: 'Sara Sales',
      name: { givenName: 'Sara', familyName: 'Sales' }, emails: [{ primary: true, type: 'work', value: email }], [ENTERPRISE]: { department: 'Sales' },
    });
    expect(created.body[PRODUCT].callingStatus).toBe('pending');
    await settled();
    let webex = await webexUser(email);
    expect(webex.body).toMatchObject({ displayName: 'Sara Sales', department: 'Sales', calling: { enabled: true, location: { name: 'Headquarters' } } });
    expect(webex.body.calling.primaryNumber).toMatch(/^\+1408555/);
    expect((await scim('GET', `/scim/v2/Users/${created.body.id}`)).body[PRODUCT]).toEqual({ callingStatus: 'applied' });

    await patch(created.body.id, { op: 'Add', path: 'title', value: 'Account Executive' }, { op: 'Replace', path: 'displayName', value: 'Sara S. Sales' });
    await settled();
    webex = await webexUser(email);
    expect(webex.body).toMatchObject({ title: 'Account Executive', displayName: 'Sara S. Sales', calling: { enabled: true } });

    await patch(created.body.id, { op: 'Replace', path: 'active', value: 'False' });
    await settled();
    webex = await webexUser(email);
    expect(webex.body).toMatchObject({ calling: { enabled: false } });
    expect(webex.body.loginEnabled).not.toBe(false);

    await patch(created.body.id, { op: 'Replace', path: 'active', value: 'True' });
    await settled();
    expect((await webexUser(email)).body).toMatchObject({ calling: { enabled: true, location: { name: 'Headquarters' } } });

    expect((await scim('DELETE', `/scim/v2/Users/${created.body.id}`)).status).toBe(204);
    await settled();
    expect((await webexUser(email)).status).toBe(404);
  });

  it('Okta: create with explicit calling attributes, a path-less deactivation, and a PUT that reactivates', async () => {
    const email = 'otto.okta@example.com';
    const user = {
      schemas: [USER, PRODUCT], userName: email, name: { givenName: 'Otto', familyName: 'Okta' }, emails: [{ primary: true, value: email, type: 'work' }],
      displayName: 'Otto Okta', locale: 'en-US', externalId: '00u1okta', groups: [], password: 'Secret-1234', active: true,
      [PRODUCT]: { callingLocation: 'Branch Office', phoneNumber: '+12125550105' },
    };
    const created = await scim('POST', '/scim/v2/Users', user);
    await settled();
    expect((await webexUser(email)).body).toMatchObject({ calling: { enabled: true, location: { name: 'Branch Office' }, primaryNumber: '+12125550105' } });
    await scim('PATCH', `/scim/v2/Users/${created.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] });
    await settled();
    expect((await webexUser(email)).body.calling.enabled).toBe(false);
    const { password: _p, groups: _g, ...rest } = user;
    await scim('PUT', `/scim/v2/Users/${created.body.id}`, { ...rest, id: created.body.id, active: true });
    await settled();
    expect((await webexUser(email)).body).toMatchObject({ calling: { enabled: true, location: { name: 'Branch Office' } } });
  });

  it('a group pushed with a member moves them by the group rule; writes made while one applies end in the last one\'s state', async () => {
    const email = 'gus.group@example.com';
    const created = await scim('POST', '/scim/v2/Users', { schemas: [USER, ENTERPRISE], userName: email, displayName: 'Gus Group', [ENTERPRISE]: { department: 'Sales' } });
    await settled();
    expect((await webexUser(email)).body.calling.location.name).toBe('Headquarters');
    await scim('POST', '/scim/v2/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Branch Callers', members: [{ value: created.body.id }] });
    await settled();
    expect((await webexUser(email)).body.calling.location.name).toBe('Branch Office');

    // Three writes in a row, none waited for: Webex ends as the last describes.
    await patch(created.body.id, { op: 'replace', path: 'title', value: 'First' });
    await patch(created.body.id, { op: 'replace', path: 'title', value: 'Second' });
    await patch(created.body.id, { op: 'replace', path: 'title', value: 'Third' });
    await settled();
    expect((await webexUser(email)).body.title).toBe('Third');
    expect((await scim('GET', `/scim/v2/Users/${created.body.id}`)).body[PRODUCT].callingStatus).toBe('applied');
  });

  it('a failed apply is callingStatus failed with lastError naming the cause, and the next write applies again', async () => {
    const email = 'fay.fail@example.com';
    const created = await scim('POST', '/scim/v2/Users', { schemas: [USER, PRODUCT], userName: email, displayName: 'Fay Fail', [PRODUCT]: { callingLocation: 'No Such Place' } });
    await settled();
    const failed = (await scim('GET', `/scim/v2/Users/${created.body.id}`)).body[PRODUCT];
    expect(failed.callingStatus).toBe('failed');
    expect(failed.lastError).toMatch(/No Such Place|location/i);
    await patch(created.body.id, { op: 'replace', path: `${PRODUCT}:callingLocation`, value: 'Headquarters' });
    await settled();
    expect((await scim('GET', `/scim/v2/Users/${created.body.id}`)).body[PRODUCT]).toEqual({ callingLocation: 'Headquarters', callingStatus: 'applied' });
    expect((await webexUser(email)).body.calling.location.name).toBe('Headquarters');
  });
});
