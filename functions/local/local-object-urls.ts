import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConfigurationError } from '../lib/errors';

/**
 * What a presigned S3 URL is, for the local object store: a URL the local API serves
 * (`/local-objects/<bucket>/<key>?expires=<unix seconds>&signature=<HMAC-SHA256>`), signed with a key made
 * per runtime, refused (403, as S3 answers) once expired or when any part of it was changed.
 */
export const LOCAL_OBJECTS_PATH = '/local-objects/';

export type LocalObjectRequest = { bucket: string; key: string } | { refused: string };

export class LocalObjectUrls {
  private readonly secret = randomBytes(32);
  /** The local API's URL, once it listens (startLocalApi sets it). */
  baseUrl: string | undefined;

  private signature(bucket: string, key: string, expires: number): Buffer {
    return createHmac('sha256', this.secret).update(`${bucket}\n${key}\n${expires}`).digest();
  }

  sign(bucket: string, key: string, expiresInSeconds: number, nowMs = Date.now()): string {
    if (!this.baseUrl) throw new ConfigurationError('the local API is not running: there is no URL to serve the object from');
    const expires = Math.floor(nowMs / 1000) + expiresInSeconds;
    const path = [bucket, ...key.split('/')].map(encodeURIComponent).join('/');
    return `${this.baseUrl}${LOCAL_OBJECTS_PATH}${path}?expires=${expires}&signature=${this.signature(bucket, key, expires).toString('hex')}`;
  }

  /** The object a URL names, if its signature holds and it has not expired. */
  verify(url: URL, nowMs = Date.now()): LocalObjectRequest {
    const [bucket, ...rest] = url.pathname.slice(LOCAL_OBJECTS_PATH.length).split('/').map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return '';
      }
    });
    const key = rest.join('/');
    const expires = Number(url.searchParams.get('expires'));
    const given = Buffer.from(url.searchParams.get('signature') ?? '', 'hex');
    const expected = this.signature(bucket ?? '', key, expires);
    if (!bucket || !key || !Number.isInteger(expires) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { refused: 'The request signature does not match' };
    }
    if (nowMs / 1000 > expires) return { refused: 'Request has expired' };
    return { bucket, key };
  }
}
