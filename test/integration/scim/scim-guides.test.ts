import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCIM_URN } from '../../../functions/lib/scim/schema';
import { startHarness, type Harness } from '../../support/harness';
import { closeScimHarness, scimRequest } from '../../support/scim';

const root = join(__dirname, '..', '..', '..');
const guide = (name: string) => readFileSync(join(root, 'docs', 'integrations', name), 'utf8');

/** The SCIM attribute column of the Entra ID guide's mapping table (its second column). */
function entraTargets(text: string): string[] {
  const table = text.slice(text.indexOf('| Entra ID attribute |'));
  return table.split('\n').slice(2).filter((l) => l.startsWith('|')).map((l) => l.split('|')[2].trim().replace(/^`|`$/g, ''));
}

/** The product extension's attributes a guide tells the admin to add (each `…:2.0:User:<name>`, or a bare name in Okta's list). */
function productAttributes(text: string, form: 'full' | 'external'): string[] {
  if (form === 'full') return [...text.matchAll(/^- `urn:ietf:params:scim:schemas:extension:webexprovisioning:2\.0:User:(\w+)`/gm)].map((m) => m[1]);
  // Okta's list follows "External name": the bullets up to the next paragraph.
  const list = text.slice(text.indexOf('**External name**')).split('\n\n')[1] ?? '';
  return [...list.matchAll(/^- `(\w+)`/gm)].map((m) => m[1]);
}

/** A value of the attribute's kind, as the IdP would send it. */
function sample(path: string, email: string): unknown {
  if (path === 'userName' || path.startsWith('emails')) return email;
  if (path === 'active') return 'True';
  if (path.startsWith('phoneNumbers') || path.endsWith(':phoneNumber') || path === 'phoneNumber') return '+14085550188';
  if (path.endsWith('extension')) return '7601';
  if (path.endsWith('callingLocation')) return 'Headquarters';
  return 'Sample';
}

/**
 * The set-up guides, tested where they can be: every attribute mapping the Entra ID guide lists, and every product
 * extension attribute the Entra ID and Okta guides tell the admin to add, is one the endpoint takes (a PATCH of it is
 * a 200, where an unknown attribute is a 400 naming it), so following a guide never produces a mapping that fails.
 */
describe('the SCIM set-up guides (docs/integrations)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => closeScimHarness(h));

  const patchEach = async (email: string, paths: string[]) => {
    // As Entra ID and Okta create a user with these mappings: the work e-mail and phone are there to be replaced.
    const created = await scimRequest(h, 'POST', '/scim/v2/Users', { schemas: [SCIM_URN.user], userName: email, displayName: 'Guide User', emails: [{ type: 'work', value: email, primary: true }], phoneNumbers: [{ type: 'work', value: '+14085550187' }] });
    expect(created.status).toBe(201);
    for (const path of paths) {
      const res = await scimRequest(h, 'PATCH', `/scim/v2/Users/${created.body.id}`, { schemas: [SCIM_URN.patchOp], Operations: [{ op: 'Replace', path, value: sample(path, email) }] });
      expect({ path, status: res.status, detail: res.body.detail }).toEqual({ path, status: 200, detail: undefined });
    }
  };

  it("Entra ID: each mapping of the guide's table, and the product extension's attributes it adds", async () => {
    const targets = entraTargets(guide('scim-entra-id.md'));
    expect(targets).toEqual(expect.arrayContaining(['userName', 'externalId', 'active', 'name.givenName', 'emails[type eq "work"].value', `${SCIM_URN.enterprise}:department`]));
    const product = productAttributes(guide('scim-entra-id.md'), 'full');
    expect(product).toEqual(expect.arrayContaining(['callingLocation', 'phoneNumber', 'extension']));
    await patchEach('guide.entra@example.com', [...targets, ...product.map((a) => `${SCIM_URN.product}:${a}`)]);
  });

  it("Okta: the product extension's attributes its guide adds (External namespace and name)", async () => {
    const text = guide('scim-okta.md');
    expect(text).toContain(`\`${SCIM_URN.product}\``);
    const product = productAttributes(text, 'external');
    expect(product).toEqual(['callingLocation', 'phoneNumber', 'extension', 'callingLicense']);
    await patchEach('guide.okta@example.com', product.map((a) => `${SCIM_URN.product}:${a}`));
  });
});
