import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { serveOnLoopback } from './loopback-server';

interface StoredObject {
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified: string;
}

export interface FakeS3 {
  url: string;
  /** GetObject, PutObject… in the order served since the last reset. */
  operations: string[];
  put(bucket: string, key: string, text: string, contentType: string): void;
  /** No objects and no operations. */
  reset(): void;
  close(): Promise<void>;
}

const xmlError = (code: string, message: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;

/**
 * GetObject, HeadObject and PutObject of S3's REST API, path-style (`/<bucket>/<key>`: what the SDK sends to
 * an IP endpoint given as AWS_ENDPOINT_URL_S3), enough for the real SDK client. A GET carries the object's
 * CRC32, as S3 does for objects uploaded with one, so the client's checksum validation runs too. A HEAD
 * answers a GET's headers without the body, and a missing key with a bare 404: S3 sends no error document to
 * a HEAD, and the SDK names that `NotFound` (what the report routes' HeadObject turns into a 404 of ours).
 */
export async function startFakeS3(): Promise<FakeS3> {
  const objects = new Map<string, StoredObject>();
  const operations: string[] = [];
  const store = (path: string, body: Buffer, contentType: string) =>
    objects.set(path, { body, contentType, etag: `"${createHash('md5').update(body).digest('hex')}"`, lastModified: new Date().toUTCString() });

  const server = await serveOnLoopback((req, body, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://s3').pathname);
    res.setHeader('x-amz-request-id', 'BENCH');
    if (req.method === 'PUT') {
      operations.push('PutObject');
      store(path, body, String(req.headers['content-type'] ?? 'binary/octet-stream'));
      res.setHeader('etag', objects.get(path)!.etag);
      return res.end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      operations.push(String(req.method));
      res.writeHead(501, { 'content-type': 'application/xml' });
      return res.end(xmlError('NotImplemented', `this fake does not serve ${req.method}`));
    }
    const head = req.method === 'HEAD';
    operations.push(head ? 'HeadObject' : 'GetObject');
    const object = objects.get(path);
    if (!object) {
      // NoSuchKey (or HEAD's bare 404), not AccessDenied: the functions that read the bucket may list it.
      if (head) return res.writeHead(404).end();
      res.writeHead(404, { 'content-type': 'application/xml' });
      return res.end(xmlError('NoSuchKey', 'The specified key does not exist.'));
    }
    const checksum = Buffer.alloc(4);
    checksum.writeUInt32BE(crc32(object.body));
    res.writeHead(200, {
      'content-type': object.contentType,
      'content-length': object.body.length,
      etag: object.etag,
      'last-modified': object.lastModified,
      'x-amz-checksum-crc32': checksum.toString('base64'),
      'x-amz-checksum-type': 'FULL_OBJECT',
    });
    res.end(head ? undefined : object.body);
  });
  return {
    url: server.url,
    operations,
    put: (bucket, key, text, contentType) => void store(`/${bucket}/${key}`, Buffer.from(text), contentType),
    reset: () => {
      objects.clear();
      operations.length = 0;
    },
    close: server.close,
  };
}
