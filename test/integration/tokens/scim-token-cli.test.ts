import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FileScimTokenStore } from '../../../functions/lib/scim-auth/file-scim-token-store';
import { SCIM_TOKEN_PREFIX, scimTokenMatches } from '../../../functions/lib/scim-auth/scim-token';

/** `npm run scim-token -- --local FILE`, the real CLI against the local API's file store. */
const run = (args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'functions/cli/scim-token.ts', ...args], { env: { ...process.env, SCIM_TOKEN_SECRET_ARN: '' } });

describe('npm run scim-token (local)', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'scim-cli-')), 'scim-token.json');

  it('prints the token alone on stdout, once, and stores its digest; a rotation keeps the old one for the grace period', async () => {
    const first = await run(['--local', file]);
    const token = first.stdout.trim();
    expect(token.startsWith(SCIM_TOKEN_PREFIX)).toBe(true);
    expect(first.stderr).toMatch(/shown this once/);
    expect(first.stderr).not.toContain(token);
    expect(readFileSync(file, 'utf8')).not.toContain(token.slice(SCIM_TOKEN_PREFIX.length));

    const second = await run(['--local', file, '--grace-hours', '2']);
    const next = second.stdout.trim();
    expect(second.stderr).toMatch(/previous token stays valid until/);
    const stored = await new FileScimTokenStore(file).read();
    expect(scimTokenMatches(stored, next, new Date())).toBe(true);
    expect(scimTokenMatches(stored, token, new Date())).toBe(true);
    expect(scimTokenMatches(stored, token, new Date(Date.now() + 2 * 3_600_000 + 1000))).toBe(false);

    await run(['--local', file, '--grace-hours', '0']);
    expect(scimTokenMatches(await new FileScimTokenStore(file).read(), next, new Date())).toBe(false);
  });

  it('refuses without a store, and a grace period out of range, with its usage (exit 2)', async () => {
    await expect(run([])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--secret-arn .* or --local/) });
    await expect(run(['--local', file, '--grace-hours', 'soon'])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--grace-hours must be/) });
  });
});
