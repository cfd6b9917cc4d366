import type { IncomingHttpHeaders } from 'node:http';

/**
 * What keeps other web pages out of the local API. It holds a real token while `npm start` runs and
 * has no IAM in front of it, so a page the user visits must not drive it:
 *  - a browser names the page's origin on every cross-origin request (and on same-origin POSTs), and
 *    no legitimate client of this API is a web page: any `Origin` is a 403;
 *  - DNS rebinding makes a page's own host name resolve to 127.0.0.1, but the browser still sends that
 *    name as `Host`: anything but the loopback address (or `localhost`) and the port listened on is a 421;
 *  - a body a page can send without a CORS preflight is `text/plain`, form-encoded or multipart: a body
 *    that is not `application/json` is a 415.
 */
export interface RefusedRequest {
  status: 403 | 415 | 421;
  code: string;
  message: string;
  /** The header at fault, as `fields` names a bad field in a 400. */
  header: 'Origin' | 'Host' | 'Content-Type';
}

export interface ListeningAddress {
  /** The address bound, as in a URL (`127.0.0.1`, `[::1]`). */
  host: string;
  port: number;
}

export function refuseForeignRequest(headers: IncomingHttpHeaders, at: ListeningAddress): RefusedRequest | undefined {
  if (headers.origin !== undefined) {
    return { status: 403, code: 'ForbiddenOrigin', header: 'Origin', message: 'requests from web pages (with an Origin header) are refused by the local API' };
  }
  const host = (headers.host ?? '').toLowerCase();
  const allowed = [at.host, 'localhost'].flatMap((name) => [`${name}:${at.port}`, ...(at.port === 80 ? [name] : [])]);
  if (!allowed.includes(host)) {
    return { status: 421, code: 'MisdirectedRequest', header: 'Host', message: `the local API answers only for Host ${allowed[0]} (or localhost:${at.port})` };
  }
  return undefined;
}

/**
 * A request with a body must say it is JSON (`application/json`, or SCIM's `application/scim+json`, RFC 7644 §3.1;
 * parameters such as charset allowed). Neither can be sent by a page without a CORS preflight.
 */
const JSON_MEDIA_TYPES = new Set(['application/json', 'application/scim+json']);

export function refuseNonJsonBody(headers: IncomingHttpHeaders): RefusedRequest | undefined {
  const hasBody = headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');
  if (!hasBody) return undefined;
  const mediaType = (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (JSON_MEDIA_TYPES.has(mediaType)) return undefined;
  return { status: 415, code: 'UnsupportedMediaType', header: 'Content-Type', message: 'a request body must be JSON, sent with Content-Type: application/json' };
}
