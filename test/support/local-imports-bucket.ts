import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalObjectStore } from '../../functions/local/local-object-store';

/**
 * The imports bucket as a fresh folder for a test file (LOCAL_OBJECT_STORE_DIR, BULK_IMPORTS_BUCKET set for its
 * tests, removed after them): the store to upload with, and the folder the bucket lives in.
 */
export function useLocalImportsBucket(bucket: string): { store: () => LocalObjectStore; root: () => string } {
  let root = '';
  let store: LocalObjectStore | undefined;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'webex-prov-s3-'));
    store = new LocalObjectStore(root);
    process.env.LOCAL_OBJECT_STORE_DIR = root;
    process.env.BULK_IMPORTS_BUCKET = bucket;
  });
  afterAll(() => {
    delete process.env.LOCAL_OBJECT_STORE_DIR;
    delete process.env.BULK_IMPORTS_BUCKET;
  });
  return { store: () => store!, root: () => root };
}
