import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, realpath, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { ConfigurationError } from '../lib/errors';
import { ObjectNotFoundError, ObjectTooLargeError, type ObjectStore, type StoredText } from '../lib/storage/object-store';
import type { LocalObjectUrls } from './local-object-urls';

/**
 * What S3 sends EventBridge for a PUT (detail-type "Object Created", source aws.s3: docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html),
 * as far as the suite reads it: the bucket, the key, the ETag and the sequencer.
 */
export interface ObjectCreatedEvent {
  readonly source: 'aws.s3';
  readonly 'detail-type': 'Object Created';
  readonly detail: { readonly bucket: { readonly name: string }; readonly object: { readonly key: string; readonly size: number; readonly etag: string; readonly sequencer: string } };
}

/** S3's sequencer orders the PUTs of one key: a hex string that grows with each. */
let sequence = 0;
const nextSequencer = () => `${Date.now().toString(16).toUpperCase().padStart(12, '0')}${(sequence++ % 0x1000000).toString(16).toUpperCase().padStart(6, '0')}`;

/**
 * Buckets as folders (`<root>/<bucket>/<key>`), for the local runtime and the tests: what S3 is in AWS.
 * A key that would leave its bucket's folder (`..`) is refused, as it has no meaning in S3; so is one
 * that only reaches a file through a symbolic link out of the folder (a link to /etc/passwd), and one
 * naming a folder: S3 has neither, so both are a 404.
 */
export class LocalObjectStore implements ObjectStore {
  constructor(
    readonly root: string,
    private readonly urls?: LocalObjectUrls,
    /** Raised after each PUT, as S3 sends "Object Created" to EventBridge (the local runtime's rules). */
    private readonly onObjectCreated?: (event: ObjectCreatedEvent) => void,
  ) {}

  /** A URL the local API serves (local-object-urls.ts), for an object that exists. */
  async readUrl(bucket: string, key: string, expiresInSeconds: number): Promise<string> {
    await this.getText(bucket, key);
    if (!this.urls) throw new ConfigurationError('this local object store serves no URLs (it was made without the local API)');
    return this.urls.sign(bucket, key, expiresInSeconds);
  }

  path(bucket: string, key: string): string {
    const bucketDir = resolve(this.root, bucket);
    const file = resolve(bucketDir, key);
    if (!bucket || bucket.includes('/') || bucket.includes('..') || !file.startsWith(bucketDir + sep)) {
      throw new ObjectNotFoundError(bucket, key);
    }
    return file;
  }

  async getText(bucket: string, key: string, options: { maxBytes?: number } = {}): Promise<StoredText> {
    const file = await this.realPathInBucket(bucket, key, this.path(bucket, key));
    const handle = await open(file, 'r').catch(() => {
      throw new ObjectNotFoundError(bucket, key);
    });
    try {
      // Checked on the opened file, so what is read is what was checked.
      const stats = await handle.stat();
      if (!stats.isFile()) throw new ObjectNotFoundError(bucket, key);
      if (options.maxBytes !== undefined && stats.size > options.maxBytes) throw new ObjectTooLargeError(key, stats.size, options.maxBytes);
      const data = await handle.readFile();
      return { text: data.toString('utf8'), etag: createHash('md5').update(data).digest('hex') };
    } finally {
      await handle.close();
    }
  }

  async putText(bucket: string, key: string, text: string): Promise<void> {
    const file = this.path(bucket, key);
    await mkdir(dirname(file), { recursive: true });
    // The folder written to must be the bucket's, not one a link leads to.
    const dir = await this.realPathInBucket(bucket, key, dirname(file), { orBucket: true });
    const target = resolve(dir, file.slice(dirname(file).length + 1));
    // Whole or not at all, as an S3 PUT: a reader never sees half a report. A fresh temporary name (wx) is
    // never a link planted there, and rename replaces a link at the key, never follows it.
    const tmp = `${target}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(tmp, text, { encoding: 'utf8', flag: 'wx' });
    await rename(tmp, target);
    if (this.onObjectCreated) {
      const data = Buffer.from(text, 'utf8');
      this.onObjectCreated({
        source: 'aws.s3',
        'detail-type': 'Object Created',
        detail: { bucket: { name: bucket }, object: { key, size: data.length, etag: createHash('md5').update(data).digest('hex'), sequencer: nextSequencer() } },
      });
    }
  }

  /** `path` with every link resolved, if that is still inside the bucket's real folder; else a 404. */
  private async realPathInBucket(bucket: string, key: string, path: string, options: { orBucket?: boolean } = {}): Promise<string> {
    try {
      const [bucketDir, real] = await Promise.all([realpath(resolve(this.root, bucket)), realpath(path)]);
      if (real.startsWith(bucketDir + sep) || (options.orBucket && real === bucketDir)) return real;
    } catch {
      // missing: as S3, not found
    }
    throw new ObjectNotFoundError(bucket, key);
  }
}
