import { Agent as HttpAgent, request as requestHttp, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as requestHttps } from 'node:https';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { systemClock, type Clock } from '../clock';

/**
 * One HTTP exchange over node:http / node:https. Global fetch would do the same, but its first call in a
 * fresh process loads undici: ~35-40 ms of every cold start, against ~10 ms for node:http.
 */
export interface HttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** Covers the whole exchange (connect, send, headers and body), as fetch's AbortSignal.timeout did. */
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  /** The body decoded as UTF-8 (after gzip, when the server compressed it). */
  body: string;
}

/** Response headers read case-insensitively, repeated ones joined with ", " (fetch's Headers.get). */
export class ResponseHeaders {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
}

/** The exchange did not finish within `timeoutMs`. Named like the error fetch's AbortSignal.timeout raises. */
export class HttpTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

// Kept-alive sockets spare a warm Lambda the TCP and TLS handshakes on every call after the first. An idle
// socket is closed after 4 s (undici's default; sooner when the server's Keep-Alive header says so), so a
// reused one is seldom a socket the server has already dropped. Idle sockets never keep the process alive.
const IDLE_SOCKET_MS = 4_000;
const httpAgent = new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
const httpsAgent = new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS });

// What a write to, or a read from, a socket the server has closed fails with.
const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

const gunzipAsync = promisify(gunzip);
// TextDecoder drops a byte-order mark, as fetch's response.text() does.
const utf8 = new TextDecoder();

/**
 * A kept-alive socket the server closed while it sat idle (a Lambda environment frozen between
 * invocations never saw the close) fails the next request written on it, before any byte of an answer.
 * The server cannot have read that request (it had closed the connection), so it is sent once more on a
 * fresh socket, whatever its method (Node's http documentation gives the same advice for `reusedSocket`).
 */
class StaleSocketError extends Error {}

/**
 * Sends one request and resolves with the whole response, whatever its status. Rejects with the socket's
 * error (its `code`: ECONNREFUSED, ECONNRESET, ENOTFOUND...) or with HttpTimeoutError; the error never
 * carries the request's headers. `timeoutMs` runs on `clock` (the Webex client's).
 */
export async function sendHttpRequest(request: HttpRequest, clock: Clock = systemClock): Promise<HttpResponse> {
  const { url } = request;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`Unsupported protocol ${url.protocol}`);
  const headers: Record<string, string> = { 'Accept-Encoding': 'gzip', ...request.headers };
  if (request.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(request.body));
  const deadline = clock.now() + request.timeoutMs;
  try {
    return await exchange(request, headers, request.timeoutMs, false, clock);
  } catch (error) {
    if (!(error instanceof StaleSocketError)) throw error;
    return exchange(request, headers, Math.max(1, deadline - clock.now()), true, clock);
  }
}

function exchange(request: HttpRequest, headers: Record<string, string>, timeoutMs: number, freshSocket: boolean, clock: Clock): Promise<HttpResponse> {
  const { url } = request;
  return new Promise<HttpResponse>((resolve, reject) => {
    const https = url.protocol === 'https:';
    // agent: false: a socket of its own, never one from the pool.
    const agent = freshSocket ? false : https ? httpsAgent : httpAgent;
    const outgoing = https ? requestHttps(url, { method: request.method, headers, agent }) : requestHttp(url, { method: request.method, headers, agent });
    let answered = false;
    const onData = () => {
      answered = true;
    };
    outgoing.once('socket', (socket) => socket.once('data', onData));
    const cancelTimer = clock.setTimer(timeoutMs, () => {
      reject(new HttpTimeoutError(`No complete answer within ${timeoutMs} ms`));
      outgoing.destroy();
    });
    const fail = (error: Error) => {
      cancelTimer();
      outgoing.socket?.off('data', onData);
      const code = (error as { code?: string }).code;
      if (!freshSocket && outgoing.reusedSocket && !answered && STALE_SOCKET_CODES.has(code ?? '')) {
        reject(Object.assign(new StaleSocketError(error.message), { code }));
        return;
      }
      reject(error);
    };

    outgoing.on('error', fail);
    outgoing.on('response', (response) => {
      answered = true;
      outgoing.socket?.off('data', onData);
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      // A connection lost mid-body: ECONNRESET ("aborted").
      response.on('error', fail);
      response.on('end', () => {
        cancelTimer();
        decode(Buffer.concat(chunks), response.headers['content-encoding']).then(
          (body) => resolve({ status: response.statusCode ?? 0, headers: new ResponseHeaders(response.headers), body }),
          reject,
        );
      });
    });
    outgoing.end(request.body);
  });
}

async function decode(raw: Buffer, encoding: string | undefined): Promise<string> {
  const compressed = encoding?.trim().toLowerCase();
  return utf8.decode(compressed === 'gzip' || compressed === 'x-gzip' ? await gunzipAsync(raw) : raw);
}
