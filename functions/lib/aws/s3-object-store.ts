import { GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ObjectNotFoundError, ObjectTooLargeError, type ObjectStore, type StoredText } from '../storage/object-store';

/**
 * S3. A missing key is NoSuchKey only when the caller may list the bucket; without s3:ListBucket S3
 * answers AccessDenied instead, so the functions that read are granted it (infra) and a 403 is not
 * mistaken for a 404 here.
 */
export class S3ObjectStore implements ObjectStore {
  constructor(private readonly s3: S3Client = new S3Client({})) {}

  async getText(bucket: string, key: string, options: { maxBytes?: number } = {}): Promise<StoredText> {
    let res;
    try {
      res = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') throw new ObjectNotFoundError(bucket, key, { cause: error });
      throw error;
    }
    const size = res.ContentLength ?? 0;
    if (options.maxBytes !== undefined && size > options.maxBytes) {
      // Not read: close the stream so the connection is released.
      (res.Body as { destroy?: () => void } | undefined)?.destroy?.();
      throw new ObjectTooLargeError(key, size, options.maxBytes);
    }
    const text = (await res.Body?.transformToString('utf-8')) ?? '';
    return { text, etag: (res.ETag ?? '').replace(/"/g, '') };
  }

  async putText(bucket: string, key: string, text: string, contentType: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text, ContentType: contentType }));
  }

  /**
   * A presigned GET (SigV4 query string, X-Amz-Expires), after a HEAD so a missing report is a 404 rather
   * than a URL answering NoSuchKey. Signed with the function's role: the URL stops working when those
   * credentials do, if that is sooner (Lambda's last hours).
   */
  async readUrl(bucket: string, key: string, expiresInSeconds: number): Promise<string> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (error instanceof NotFound || name === 'NotFound' || name === 'NoSuchKey') throw new ObjectNotFoundError(bucket, key, { cause: error });
      throw error;
    }
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: expiresInSeconds });
  }
}

let shared: S3ObjectStore | undefined;

/** One S3 client per container, made on first use and reused while warm. */
export const s3ObjectStore = (): ObjectStore => (shared ??= new S3ObjectStore());
