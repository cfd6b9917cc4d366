import { startHarness, type Harness } from '../../support/harness';
import { closeScimHarness } from '../../support/scim';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PRODUCT = 'urn:ietf:params:scim:schemas:extension:webexprovisioning:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** Entra ID's create, as Microsoft Learn "Develop and plan provisioning for a SCIM endpoint" shows it. */
const entraUser = (userName: string, externalId: string) => ({
  schemas: [USER, ENTERPRISE],
  externalId,
  userName,
  active: true,
  displayName: 'Test User',
  emails: [{ primary: true, type: 'work', value: userName }],
  meta: { resourceType: 'User' },
  name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
  roles: [],
  [ENTERPRISE]: { department: 'Sales' },
});

/** The SCIM 2.0 protocol as Entra ID and Okta speak it, through the local API (no Webex call is on the request path). */
describe('SCIM 2.0 endpoint: protocol', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => closeScimHarness(h));

  const scim = async (method: string, path: string, body?: unknown, contentType = 'application/scim+json') => {
    const res = await fetch(h.api.url + path, { method, headers: body === undefined ? {} : { 'content-type': contentType }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type'), body: text ? JSON.parse(text) : undefined, location: res.headers.get('location') };
  };

  it('answers the setup probes: GET /Users?startIndex=1&count=1, a filter on a random userName, GET /Groups, and discovery', async () => {
    const probe = await scim('GET', '/scim/v2/Users?startIndex=1&count=1');
    expect(probe).toMatchObject({ status: 200, type: 'application/scim+json', body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], startIndex: 1 } });
    expect(probe.body.itemsPerPage).toBeLessThanOrEqual(1);
    const random = await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent('userName eq "7a2b9c1d-probe@contoso.com"')}`);
    expect(random.body).toMatchObject({ totalResults: 0, Resources: [] });
    expect((await scim('GET', '/scim/v2/Groups')).status).toBe(200);
    const config = await scim('GET', '/scim/v2/ServiceProviderConfig');
    expect(config.body).toMatchObject({ patch: { supported: true }, bulk: { supported: false }, filter: { supported: true } });
    const types = await scim('GET', '/scim/v2/ResourceTypes');
    expect(types.body.Resources.map((r: { id: string }) => r.id)).toEqual(['User', 'Group']);
    const schemas = await scim('GET', '/scim/v2/Schemas');
    expect(schemas.body.Resources.map((r: { id: string }) => r.id)).toEqual([USER, ENTERPRISE, PRODUCT, 'urn:ietf:params:scim:schemas:core:2.0:Group']);
    expect(h.webexCalls()).toEqual([]);
  });

  it('creates (201, callingStatus pending), finds by userName, externalId and work e-mail, and refuses a second user with the same userName (409 uniqueness)', async () => {
    const created = await scim('POST', '/scim/v2/Users', entraUser('Ada.Lovelace@Example.com', 'ada-oid'));
    expect(created).toMatchObject({ status: 201, type: 'application/scim+json' });
    expect(created.body).toMatchObject({ userName: 'Ada.Lovelace@Example.com', active: true, [PRODUCT]: { callingStatus: 'pending' }, meta: { resourceType: 'User', version: 'W/"1"' } });
    expect(created.location).toBe(`/scim/v2/Users/${created.body.id}`);
    expect(created.body.meta).not.toHaveProperty('password');
    const id = created.body.id;
    for (const filter of ['userName eq "ada.lovelace@example.com"', 'externalId eq "ada-oid"', 'emails[type eq "work"].value eq "ADA.LOVELACE@example.com"', 'userName eq "ada.lovelace@example.com" and externalId eq "ada-oid"']) {
      const found = await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent(filter)}`);
      expect({ filter, total: found.body.totalResults, id: found.body.Resources[0]?.id }).toEqual({ filter, total: 1, id });
    }
    const none = await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent('externalId eq "ADA-OID"')}`);
    expect(none.body.totalResults).toBe(0); // externalId is caseExact

    const other = await scim('POST', '/scim/v2/Users', { ...entraUser('ada.lovelace@example.com', 'another-oid'), displayName: 'Someone Else' });
    expect(other).toMatchObject({ status: 409, body: { schemas: [ERROR], status: '409', scimType: 'uniqueness' } });
    expect(other.body.detail).toMatch(/userName/);
    // The unique values are claimed together: a refusal releases the others, so neither value stays blocked.
    const takenExternalId = await scim('POST', '/scim/v2/Users', entraUser('charles.babbage@example.com', 'ada-oid'));
    expect(takenExternalId).toMatchObject({ status: 409, body: { scimType: 'uniqueness' } });
    expect(takenExternalId.body.detail).toMatch(/externalId/);
    expect((await scim('POST', '/scim/v2/Users', entraUser('charles.babbage@example.com', 'another-oid'))).status).toBe(201);
  });

  it('finds a user by a work e-mail other than its userName until that address is replaced or the user deleted', async () => {
    const byEmail = async (email: string) => (await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent(`emails[type eq "work"].value eq "${email}"`)}`)).body.Resources.map((r: { id: string }) => r.id);
    const created = await scim('POST', '/scim/v2/Users', { ...entraUser('mary.somerville@example.com', 'mary-oid'), emails: [{ primary: true, type: 'work', value: 'Mary.S@Example.org' }] });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(await byEmail('mary.s@example.org')).toEqual([id]);
    // The filter is on the work e-mails: the userName is not among them here.
    expect(await byEmail('mary.somerville@example.com')).toEqual([]);
    const patched = await scim('PATCH', `/scim/v2/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'mary.fairfax@example.org' }] });
    expect(patched.status).toBe(200);
    expect(await byEmail('mary.s@example.org')).toEqual([]);
    expect(await byEmail('mary.fairfax@example.org')).toEqual([id]);
    expect((await scim('DELETE', `/scim/v2/Users/${id}`)).status).toBe(204);
    expect(await byEmail('mary.fairfax@example.org')).toEqual([]);
  });

  it('answers a re-sent POST whose first answer was lost with the same user, creating nothing twice', async () => {
    const body = entraUser('grace.hopper@example.com', 'grace-oid');
    const first = await scim('POST', '/scim/v2/Users', body);
    const again = await scim('POST', '/scim/v2/Users', body);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const list = await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent('userName eq "grace.hopper@example.com"')}`);
    expect(list.body.totalResults).toBe(1);
  });

  it('applies Entra ID\'s PATCH ("Replace", "False", emails[type eq "work"].value, an enterprise path) and Okta\'s path-less replace', async () => {
    const { body: user } = await scim('POST', '/scim/v2/Users', entraUser('alan.turing@example.com', 'alan-oid'));
    const entra = await scim('PATCH', `/scim/v2/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'displayName', value: 'Alan M. Turing' },
        { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Research' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'alan.turing@example.com' },
        { op: 'Add', path: 'title', value: 'Mathematician' },
        { op: 'Replace', path: 'active', value: 'False' },
      ],
    });
    expect(entra.status).toBe(200);
    expect(entra.body).toMatchObject({ displayName: 'Alan M. Turing', title: 'Mathematician', active: false, [ENTERPRISE]: { department: 'Research' }, meta: { version: 'W/"2"' } });
    const okta = await scim('PATCH', `/scim/v2/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] }, 'application/json');
    expect(okta.body).toMatchObject({ active: true, meta: { version: 'W/"3"' } });
    const removed = await scim('PATCH', `/scim/v2/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'title' }] });
    expect(removed.body).not.toHaveProperty('title');
    const read = await scim('GET', `/scim/v2/Users/${user.id}?attributes=userName,${ENTERPRISE}:department`);
    expect(Object.keys(read.body).sort()).toEqual([ENTERPRISE, 'id', 'meta', 'schemas', 'userName'].sort());
    const excluded = await scim('GET', `/scim/v2/Users/${user.id}?excludedAttributes=emails,name.givenName`);
    expect(excluded.body).not.toHaveProperty('emails');
    expect(excluded.body.name).toEqual({ formatted: 'givenName familyName', familyName: 'familyName' });
  });

  it('replaces with PUT (Okta: the body carries the id) and deletes (204, then 404 and the userName free again)', async () => {
    const { body: user } = await scim('POST', '/scim/v2/Users', entraUser('katherine.johnson@example.com', 'kj-oid'));
    const put = await scim('PUT', `/scim/v2/Users/${user.id}`, { schemas: [USER], id: user.id, userName: 'katherine.johnson@example.com', name: { givenName: 'Katherine', familyName: 'Johnson' }, active: false, emails: [{ value: 'katherine.johnson@example.com', type: 'work', primary: true }], password: 'never-stored-1!' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: user.id, active: false, name: { givenName: 'Katherine' } });
    expect(put.body).not.toHaveProperty('password');
    expect(put.body).not.toHaveProperty('externalId');
    expect((await scim('DELETE', `/scim/v2/Users/${user.id}`)).status).toBe(204);
    expect(await scim('GET', `/scim/v2/Users/${user.id}`)).toMatchObject({ status: 404, body: { schemas: [ERROR], status: '404' } });
    expect((await scim('DELETE', `/scim/v2/Users/${user.id}`)).status).toBe(404);
    expect((await scim('POST', '/scim/v2/Users', entraUser('katherine.johnson@example.com', 'kj-oid-2'))).status).toBe(201);
  });

  it('pushes groups as Entra ID and Okta do: create, find by displayName, members added and removed, membership filter, delete', async () => {
    const { body: a } = await scim('POST', '/scim/v2/Users', entraUser('member.a@example.com', 'ma'));
    const { body: b } = await scim('POST', '/scim/v2/Users', entraUser('member.b@example.com', 'mb'));
    const group = await scim('POST', '/scim/v2/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sales Callers', members: [{ value: a.id, display: 'A' }] });
    expect(group.status).toBe(201);
    const gid = group.body.id;
    const found = await scim('GET', `/scim/v2/Groups?filter=${encodeURIComponent('displayName eq "sales callers"')}&excludedAttributes=members`);
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id: gid, displayName: 'Sales Callers' }] });
    expect(found.body.Resources[0]).not.toHaveProperty('members');
    await scim('PATCH', `/scim/v2/Groups/${gid}`, { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ value: b.id }] }] });
    const member = await scim('GET', `/scim/v2/Groups?filter=${encodeURIComponent(`id eq "${gid}" and members[value eq "${b.id}"]`)}`);
    expect(member.body.totalResults).toBe(1);
    const removed = await scim('PATCH', `/scim/v2/Groups/${gid}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${a.id}"]` }] });
    expect(removed.body.members).toEqual([{ value: b.id }]);
    const okta = await scim('PATCH', `/scim/v2/Groups/${gid}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { id: gid, displayName: 'Sales Calling' } }] });
    expect(okta.body.displayName).toBe('Sales Calling');
    expect((await scim('DELETE', `/scim/v2/Groups/${gid}`)).status).toBe(204);
  });

  it('refuses bad input with SCIM errors naming the attribute, sending nothing to Webex', async () => {
    h.sim.requests.length = 0;
    const cases: [string, string, unknown, number, string, RegExp][] = [
      ['POST', '/scim/v2/Users', { ...entraUser('x@example.com', 'x'), favouriteColour: 'blue' }, 400, 'invalidValue', /favouriteColour/],
      ['POST', '/scim/v2/Users', entraUser('not-an-email', 'y'), 400, 'invalidValue', /userName/],
      ['POST', '/scim/v2/Users', { ...entraUser('z@example.com', 'z'), [PRODUCT]: { phoneNumber: '12345' } }, 400, 'invalidValue', /phoneNumber/],
      ['POST', '/scim/v2/Users', '{"userName":', 400, 'invalidSyntax', /body/],
      ['GET', `/scim/v2/Users?filter=${encodeURIComponent('userName eq')}`, undefined, 400, 'invalidFilter', /filter/],
      ['GET', `/scim/v2/Users?filter=${encodeURIComponent('title co "eng"')}`, undefined, 400, 'invalidFilter', /filter/],
    ];
    for (const [method, path, body, status, scimType, detail] of cases) {
      const res = await scim(method, path, body);
      expect({ path, status: res.status, type: res.type, scimType: res.body.scimType }).toEqual({ path, status, type: 'application/scim+json', scimType });
      expect(res.body.detail).toMatch(detail);
    }
    const big = await scim('POST', '/scim/v2/Users', { ...entraUser('big@example.com', 'big'), nickName: 'x'.repeat(70_000) });
    expect(big).toMatchObject({ status: 413, body: { schemas: [ERROR], status: '413' } });
    const { body: u } = await scim('POST', '/scim/v2/Users', entraUser('patch.bad@example.com', 'pb'));
    // Its own apply (a valid create) done: what follows must send nothing more.
    await h.runtime.executions.settle();
    h.sim.requests.length = 0;
    const badPatch = await scim('PATCH', `/scim/v2/Users/${u.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'userName', value: 'not-an-email' }] });
    expect(badPatch).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(badPatch.body.detail).toMatch(/userName/);
    const badOp = await scim('PATCH', `/scim/v2/Users/${u.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'move', path: 'title', value: 'x' }] });
    expect(badOp).toMatchObject({ status: 400 });
    expect(badOp.body.detail).toMatch(/Operations\.0\.op/);
    // Unknown attributes by PATCH, with a path and path-less (Okta's form), and an oversized PATCH: refused, nothing stored.
    const unknownPath = await scim('PATCH', `/scim/v2/Users/${u.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'favouriteColour', value: 'blue' }] });
    expect({ status: unknownPath.status, scimType: unknownPath.body.scimType }).toEqual({ status: 400, scimType: 'invalidValue' });
    expect(unknownPath.body.detail).toMatch(/favouriteColour/);
    const unknownValue = await scim('PATCH', `/scim/v2/Users/${u.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false, shoeSize: 44 } }] });
    expect(unknownValue.status).toBe(400);
    expect(unknownValue.body.detail).toMatch(/shoeSize/);
    const bigPatch = await scim('PATCH', `/scim/v2/Users/${u.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'x'.repeat(70_000) }] });
    expect(bigPatch).toMatchObject({ status: 413, type: 'application/scim+json', body: { schemas: [ERROR], status: '413' } });
    expect((await scim('GET', `/scim/v2/Users/${u.id}`)).body).toMatchObject({ active: true, meta: { version: 'W/"1"' } });
    expect(h.webexCalls()).toEqual([]);
  });
});
