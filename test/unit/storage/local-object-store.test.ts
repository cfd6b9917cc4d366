import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalObjectStore } from '../../../functions/local/local-object-store';

let root: string;
let outside: string;
let store: LocalObjectStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'webex-prov-store-'));
  outside = await mkdtemp(join(tmpdir(), 'webex-prov-outside-'));
  store = new LocalObjectStore(root);
  await mkdir(join(root, 'imports', 'joiners'), { recursive: true });
  await writeFile(join(outside, 'secret.txt'), 'root:x:0:0:secret\n');
});

const notFound = { name: 'ObjectNotFoundError' };

describe('LocalObjectStore', () => {
  it('reads a file in the bucket, also through a link that stays inside it', async () => {
    await store.putText('imports', 'joiners/a.csv', 'email\n');
    await symlink(join(root, 'imports', 'joiners', 'a.csv'), join(root, 'imports', 'alias.csv'));
    expect((await store.getText('imports', 'joiners/a.csv')).text).toBe('email\n');
    expect((await store.getText('imports', 'alias.csv')).text).toBe('email\n');
  });

  it('answers 404 for a link out of the bucket, to a file or to a folder', async () => {
    await symlink(join(outside, 'secret.txt'), join(root, 'imports', 'passwd.csv'));
    await symlink(outside, join(root, 'imports', 'out'));
    await expect(store.getText('imports', 'passwd.csv')).rejects.toMatchObject(notFound);
    await expect(store.getText('imports', 'out/secret.txt')).rejects.toMatchObject(notFound);
  });

  it('answers 404, not EISDIR, for a key naming a folder, and for a missing key', async () => {
    await expect(store.getText('imports', 'joiners')).rejects.toMatchObject(notFound);
    await expect(store.getText('imports', 'joiners/')).rejects.toMatchObject(notFound);
    await expect(store.getText('imports', 'missing.csv')).rejects.toMatchObject(notFound);
    await expect(store.getText('imports', '../x')).rejects.toMatchObject(notFound);
  });

  it('never writes through a link out of the bucket', async () => {
    await symlink(outside, join(root, 'imports', 'reports'));
    await expect(store.putText('imports', 'reports/r.json', 'x')).rejects.toMatchObject(notFound);
    await expect(readFile(join(outside, 'r.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('replaces a link at the key instead of writing to where it points', async () => {
    await symlink(join(outside, 'secret.txt'), join(root, 'imports', 'report.json'));
    await store.putText('imports', 'report.json', '{}');
    expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('root:x:0:0:secret\n');
    expect((await store.getText('imports', 'report.json')).text).toBe('{}');
  });
});
