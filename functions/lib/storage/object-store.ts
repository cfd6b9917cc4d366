import { NotFoundError, PayloadTooLargeError } from '../errors';

/**
 * Text objects in a bucket: S3 in AWS (s3-object-store.ts), a folder locally (local-object-store.ts),
 * so the CSV bulk path runs the same code in both.
 */
export interface StoredText {
  text: string;
  /** Changes whenever the content does: with the key, it identifies one upload of a file. */
  etag: string;
}

export interface ObjectStore {
  getText(bucket: string, key: string, options?: { maxBytes?: number }): Promise<StoredText>;
  putText(bucket: string, key: string, text: string, contentType: string): Promise<void>;
  /**
   * A URL anyone holding it may GET the object through until it expires (a presigned S3 URL in AWS; locally
   * a URL the local API serves, with an expiring signature). ObjectNotFoundError when there is no such object.
   */
  readUrl(bucket: string, key: string, expiresInSeconds: number): Promise<string>;
}

/** How long a report's URL lasts: long enough to open it, short enough that a forwarded link soon dies. */
export const REPORT_URL_SECONDS = 15 * 60;

export class ObjectNotFoundError extends NotFoundError {
  override readonly name: string = 'ObjectNotFoundError';
  constructor(bucket: string, key: string, options?: ErrorOptions) {
    super(`No object ${key} in bucket ${bucket}`, options);
  }
}

export class ObjectTooLargeError extends PayloadTooLargeError {
  constructor(key: string, bytes: number, maxBytes: number, options?: ErrorOptions) {
    super(`${key} is ${bytes} bytes; at most ${maxBytes} are read`, options);
  }
}
