import { startHarness, type Harness } from '../../support/harness';
import { closeScimHarness, scimEnv, scimRequest } from '../../support/scim';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PRODUCT = 'urn:ietf:params:scim:schemas:extension:webexprovisioning:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/**
 * The activity table's stream in the local runtime (dynalite's changes, filtered by the event source mapping's own
 * pattern): the apply's lease and status writes reach the stream, and none of them invokes the consumer.
 */
describe('SCIM writes\' stream: the apply\'s own writes invoke nothing', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(scimEnv([{ when: { department: 'Sales' }, location: 'Headquarters' }]));
  });
  afterAll(() => closeScimHarness(h));

  it('invokes the consumer once per request write, however many writes its apply makes to the row', async () => {
    const before = { ...h.runtime.scimStream };
    const created = await scimRequest(h, 'POST', '/scim/v2/Users', {
      schemas: [USER, PRODUCT], userName: 'stream.filter@example.com', displayName: 'Stream Filter',
      [PRODUCT]: { callingLocation: 'Headquarters', extension: '4711' },
    });
    expect(created.status).toBe(201);
    await h.runtime.executions.settle();
    const afterCreate = { ...h.runtime.scimStream };
    expect((await h.call('GET', '/users/stream.filter%40example.com')).body).toMatchObject({ calling: { enabled: true } });
    // The apply took its lease, recorded each action and the version, and released the lease: all writes to the row.
    expect(afterCreate.resourceWrites - before.resourceWrites).toBeGreaterThanOrEqual(5);
    expect(afterCreate.invocations - before.invocations).toBe(1);

    const patched = await scimRequest(h, 'PATCH', `/scim/v2/Users/${created.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Filter' }] });
    expect(patched.status).toBe(200);
    await h.runtime.executions.settle();
    expect((await h.call('GET', '/users/stream.filter%40example.com')).body).toMatchObject({ title: 'Filter' });
    expect(h.runtime.scimStream.resourceWrites - afterCreate.resourceWrites).toBeGreaterThanOrEqual(3);
    expect(h.runtime.scimStream.invocations - afterCreate.invocations).toBe(1);
    expect((await scimRequest(h, 'GET', `/scim/v2/Users/${created.body.id}`)).body[PRODUCT]).toMatchObject({ callingStatus: 'applied' });
  });
});
