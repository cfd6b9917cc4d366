import fc from 'fast-check';
import { startHarness, type Harness } from '../../support/harness';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PRODUCT = 'urn:ietf:params:scim:schemas:extension:webexprovisioning:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** One write a directory may send about a user: what it sets. */
interface Write { kind: 'put' | 'patch'; active: boolean; title: string; location?: 'Headquarters' | 'Branch Office' }
const write: fc.Arbitrary<Write> = fc.record({
  kind: fc.constantFrom('put', 'patch'),
  active: fc.boolean(),
  title: fc.constantFrom('Engineer', 'Manager', 'Director'),
  location: fc.option(fc.constantFrom('Headquarters', 'Branch Office'), { nil: undefined }),
}) as fc.Arbitrary<Write>;

/**
 * Property: whatever writes reach one user, in whatever rhythm (none waited for), Webex ends as the last describes,
 * and the SCIM status says applied. The writes race the apply, which takes the latest state each time.
 */
describe('SCIM apply: any sequence of writes to one user ends in the Webex state the last write describes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ SCIM_DEACTIVATE_POLICY: 'removeCalling' });
  });
  afterAll(async () => {
    delete process.env.SCIM_DEACTIVATE_POLICY;
    await h.close();
  });

  const scim = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(h.api.url + path, { method, headers: body === undefined ? {} : { 'content-type': 'application/scim+json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  it('holds for generated sequences (fixed seed in CI)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 4 }), async (writes) => {
        run += 1;
        const email = `prop.user${run}@example.com`;
        const state = (w: Write) => ({
          schemas: [USER, ENTERPRISE, PRODUCT], userName: email, displayName: `Prop ${run}`, title: w.title, active: w.active,
          [ENTERPRISE]: { department: 'Property' }, ...(w.location ? { [PRODUCT]: { callingLocation: w.location } } : {}),
        });
        const created = await scim('POST', '/scim/v2/Users', state({ kind: 'put', active: true, title: 'Engineer', location: 'Headquarters' }));
        expect(created.status).toBe(201);
        const id = created.body.id;
        for (const w of writes) {
          const answer = w.kind === 'put'
            ? await scim('PUT', `/scim/v2/Users/${id}`, state(w))
            : await scim('PATCH', `/scim/v2/Users/${id}`, { schemas: [PATCH_OP], Operations: [
                { op: 'Replace', path: 'title', value: w.title },
                { op: 'Replace', path: 'active', value: w.active ? 'True' : 'False' },
                w.location ? { op: 'Replace', path: `${PRODUCT}:callingLocation`, value: w.location } : { op: 'Remove', path: `${PRODUCT}:callingLocation` },
              ] });
          expect(answer.status).toBe(200);
        }
        await h.runtime.executions.settle();
        const last = writes[writes.length - 1];
        const webex = (await h.call('GET', `/users/${encodeURIComponent(email)}`)).body;
        const scimStatus = (await scim('GET', `/scim/v2/Users/${id}`)).body[PRODUCT].callingStatus;
        expect(scimStatus).toBe('applied');
        if (!last.active) {
          expect(webex.calling.enabled).toBe(false);
          return;
        }
        expect(webex.title).toBe(last.title);
        // Without a location of its own the user keeps the calling it has (a location is never taken away by omission).
        expect(webex.calling.enabled).toBe(true);
        if (last.location) expect(webex.calling.location.name).toBe(last.location);
      }),
      { numRuns: 6, ...(process.env.CI ? { seed: 20261207 } : {}) },
    );
  }, 300_000);
});
