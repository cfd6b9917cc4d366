import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
// openapi-typescript is ESM inside: run the generator as the npm script does (tsx), not under jest's CommonJS.
const apiDocs = (...args: string[]) =>
  spawnSync(process.execPath, [require.resolve('tsx/cli'), join(ROOT, 'scripts', 'api-docs.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

describe('what is generated from the OpenAPI document (npm run api-docs)', () => {
  it('is current: each file equals what the document generates now', () => {
    const run = apiDocs('--check');
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('current');
    expect(run.status).toBe(0);
  });

  it('holds the document, a client type and a reference section for every operation', () => {
    const document = JSON.parse(readFileSync(join(ROOT, 'docs', 'openapi.json'), 'utf8'));
    const types = readFileSync(join(ROOT, 'clients', 'typescript', 'webex-provisioning.d.ts'), 'utf8');
    const operations = Object.values(document.paths as Record<string, Record<string, { operationId: string }>>).flatMap((m) => Object.values(m));
    expect(operations.length).toBeGreaterThan(20);
    const reference = readFileSync(join(ROOT, 'docs', 'api-reference.md'), 'utf8');
    for (const op of operations) {
      expect(types).toContain(`    ${op.operationId}: {`);
      expect(reference).toContain(`\n### ${op.operationId}\n`);
    }
  });
});
