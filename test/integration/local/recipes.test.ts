import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { API_SCOPES } from '../../../functions/lib/http/scopes';
import { startHarness, type Harness } from '../../support/harness';

/**
 * The recipes in docs/integrations/ show the exact requests a tool sends: their commands run here, as written,
 * against the local API under LOCAL_API_AUTH=oauth (the first block, which sets the deployed values, is replaced by
 * the local ones).
 */
const SECRET = 'recipe-client-secret-0123456789';
let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { oauth: { clients: [{ name: 'recipe', secret: SECRET, scopes: [...API_SCOPES] }] } });
});
afterAll(async () => {
  await h.close();
});

const blocks = (file: string) => [...readFileSync(join(__dirname, '../../../docs/integrations', file), 'utf8').matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);

describe('docs/integrations/curl.md', () => {
  it('its commands get a narrowed token, read and change a user, and show the 403 naming the scope', async () => {
    const [, token, calls, refusal] = blocks('curl.md');
    const script = `set -euo pipefail\n${token}\n${calls.replace(/\n(?=curl)/g, '\necho\n')}\necho\n${refusal}`;
    const { stdout } = await promisify(execFile)('bash', ['-c', script], {
      env: { PATH: process.env.PATH, API: h.api.url, TOKEN_URL: `${h.api.url}/oauth2/token`, CLIENT_ID: 'recipe', CLIENT_SECRET: SECRET },
    });
    const [read, changed, refused] = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(read).toMatchObject({ email: 'alice.admin@example.com' });
    expect(changed).toMatchObject({ email: 'alice.admin@example.com', title: 'Account Executive' });
    // The refusal the page prints, word for word.
    expect(JSON.stringify(refused)).toBe(refusal.split('\n').find((l) => l.startsWith('# {'))!.slice(2));
  });
});
