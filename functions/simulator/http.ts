import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { SimError } from './errors';

/** What a route answers; the server adds the tracking id and serialises it. */
export interface Reply {
  status: number;
  /** Objects are sent as JSON; a string is sent as is (a fault can imitate a gateway's HTML page). */
  body?: unknown;
  headers?: Record<string, string>;
}

export const MAX_BODY_BYTES = 1024 * 1024;

/** Echo the caller's TrackingID (Webex does), or make one up the way Webex prefixes its own. */
export function trackingIdFor(req: IncomingMessage): string {
  const sent = req.headers.trackingid;
  const value = Array.isArray(sent) ? sent[0] : sent;
  return value && value.length <= 256 ? value : `SIM_${randomUUID()}`;
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new SimError(413, 'Request body too large.'));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The Webex error body (ErrorResponse), plus a top-level errorCode where Webex sends one. */
export function errorBody(
  message: string,
  trackingId: string,
  detail: { description?: string; errorCode?: number; topErrorCode?: number } = {},
): Record<string, unknown> {
  const error: Record<string, unknown> = { description: detail.description ?? message };
  if (detail.errorCode !== undefined) error.errorCode = detail.errorCode;
  return {
    message,
    ...(detail.topErrorCode !== undefined ? { errorCode: detail.topErrorCode } : {}),
    errors: [error],
    trackingId,
  };
}

export function errorReply(error: SimError, trackingId: string): Reply {
  return {
    status: error.status,
    body: errorBody(error.message, trackingId, error),
    headers: error.headers,
  };
}

/** A generic error reply for a status, in Webex's words where it has some. */
export function statusReply(status: number, trackingId: string, headers: Record<string, string> = {}): Reply {
  return { status, body: errorBody(defaultMessage(status), trackingId), headers };
}

function defaultMessage(status: number): string {
  switch (status) {
    case 401: return 'The request requires a valid access token set in the Authorization request header.';
    case 429: return 'Too Many Requests';
    case 502: return 'Bad Gateway: try again later.';
    case 503: return 'Service Unavailable: the server is overloaded, try again later.';
    case 504: return 'Gateway Timeout: an upstream server failed to respond on time.';
    default: return STATUS_CODES[status] ?? `HTTP ${status}`;
  }
}

export function send(res: ServerResponse, reply: Reply, trackingId: string): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { trackingid: trackingId };
  for (const [name, value] of Object.entries(reply.headers ?? {})) headers[name.toLowerCase()] = value;
  let payload: string | undefined;
  if (typeof reply.body === 'string') {
    payload = reply.body;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else if (reply.body !== undefined && reply.status !== 204) {
    payload = JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json;charset=UTF-8';
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}
