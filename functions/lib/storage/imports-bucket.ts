import type { Env } from '../config';
import { ConfigurationError } from '../errors';

/** The bucket CSV files of joiners are read from and reports written to (CDK sets it; the local runtime too). */
export const IMPORTS_BUCKET_ENV = 'BULK_IMPORTS_BUCKET';

export function importsBucket(env: Env): string {
  const bucket = env[IMPORTS_BUCKET_ENV];
  if (!bucket) throw new ConfigurationError(`${IMPORTS_BUCKET_ENV} is not set: there is no bucket to read CSV files from`);
  return bucket;
}
