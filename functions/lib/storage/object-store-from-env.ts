import { ConfigurationError } from '../errors';
import { LocalObjectStore } from './local-object-store';
import type { ObjectStore } from './object-store';
import { S3ObjectStore } from './s3-object-store';

/** The bucket CSV files of joiners are read from and reports written to (CDK sets it; the local runtime too). */
export const IMPORTS_BUCKET_ENV = 'BULK_IMPORTS_BUCKET';
/** Set locally: buckets are folders under it instead of S3. */
export const LOCAL_OBJECT_STORE_ENV = 'LOCAL_OBJECT_STORE_DIR';

let s3: S3ObjectStore | undefined;

export function objectStoreFromEnv(env: NodeJS.ProcessEnv = process.env): ObjectStore {
  const dir = env[LOCAL_OBJECT_STORE_ENV];
  if (dir) return new LocalObjectStore(dir);
  return (s3 ??= new S3ObjectStore());
}

export function importsBucket(env: NodeJS.ProcessEnv = process.env): string {
  const bucket = env[IMPORTS_BUCKET_ENV];
  if (!bucket) throw new ConfigurationError(`${IMPORTS_BUCKET_ENV} is not set: there is no bucket to read CSV files from`);
  return bucket;
}
