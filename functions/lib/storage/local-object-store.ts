import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { ObjectNotFoundError, ObjectTooLargeError, type ObjectStore, type StoredText } from './object-store';

/**
 * Buckets as folders (`<root>/<bucket>/<key>`), for the local runtime and the tests: what S3 is in AWS.
 * A key that would leave its bucket's folder (`..`) is refused, as it has no meaning in S3.
 */
export class LocalObjectStore implements ObjectStore {
  constructor(readonly root: string) {}

  path(bucket: string, key: string): string {
    const bucketDir = resolve(this.root, bucket);
    const file = resolve(bucketDir, key);
    if (!bucket || bucket.includes('/') || bucket.includes('..') || !file.startsWith(bucketDir + sep)) {
      throw new ObjectNotFoundError(bucket, key);
    }
    return file;
  }

  async getText(bucket: string, key: string, options: { maxBytes?: number } = {}): Promise<StoredText> {
    const file = this.path(bucket, key);
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch {
      throw new ObjectNotFoundError(bucket, key);
    }
    if (options.maxBytes !== undefined && size > options.maxBytes) throw new ObjectTooLargeError(key, size, options.maxBytes);
    const data = await readFile(file);
    return { text: data.toString('utf8'), etag: createHash('md5').update(data).digest('hex') };
  }

  async putText(bucket: string, key: string, text: string): Promise<void> {
    const file = this.path(bucket, key);
    await mkdir(dirname(file), { recursive: true });
    // Whole or not at all, as an S3 PUT: a reader never sees half a report.
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, file);
  }
}

