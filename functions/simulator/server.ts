import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControl } from './control';
import { SimError } from './errors';
import { FaultController, type RateLimitOptions, type TerminalFault } from './faults';
import { errorBody, errorReply, readBody, send, statusReply, trackingIdFor, type Reply } from './http';
import { notSimulatedMessage } from './not-simulated';
import { Router } from './router';
import { registerGroups } from './routes/groups';
import { registerLicenses } from './routes/licenses';
import { registerLocations } from './routes/locations';
import { registerMoveUsers } from './routes/move-users';
import { registerNumbers } from './routes/numbers';
import { DEFAULT_OAUTH_OPTIONS, registerOAuth, type OAuthOptions } from './routes/oauth';
import { registerPeople } from './routes/people';
import { registerPersonNumbers } from './routes/person-numbers';
import { demoSeed } from './seed';
import { SimState, type SimSeed } from './state';

/**
 * The built-in Webex simulator: a real HTTP server speaking Webex's paths, status codes, error
 * bodies, pagination, OAuth refresh, rate limiting and injected faults, over an in-memory org.
 *
 * Request pipeline for /v1: record → rate limit (429) → faults → route (404) → auth (401) →
 * method (405) → body (400) → handler. Webex behaviours chosen where the references are silent are
 * noted at the route that implements them.
 */

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** The org to serve; `reset()` without an argument returns to it. Default `demoSeed()`. */
  seed?: SimSeed;
  rateLimit?: RateLimitOptions;
  oauth?: Partial<OAuthOptions>;
  /** The request log keeps the newest this many entries (default 10 000), so long benchmarks stay bounded. */
  maxRecordedRequests?: number;
  /** The rate limit's clock (tests step it instead of racing a real window). @default Date.now */
  now?: () => number;
}

export type RecordedRequest = {
  method: string;
  /** Without the /v1 prefix, e.g. `/people/abc`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON, or the form fields for /access_token. Headers (so the Authorization value) are never kept. */
  body: unknown;
  /** The status sent; 0 when the connection was dropped by a fault. */
  status: number;
  trackingId: string;
  at: number;
  /** The delay `latency` faults added before it was answered (ms), once waited. */
  latencyMs?: number;
};

export interface Simulator {
  /** Base URL for a Webex client, e.g. `http://127.0.0.1:PORT/v1`. */
  readonly url: string;
  readonly port: number;
  readonly state: SimState;
  readonly faults: FaultController;
  readonly requests: RecordedRequest[];
  clearRequests(): void;
  /** Reloads the org (the given seed, else the starting one), clears faults and the log, restores the rate limit option. */
  reset(seed?: SimSeed): void;
  close(): Promise<void>;
  issueAccessToken(ttlSeconds?: number): string;
  expireAccessToken(token: string): void;
  expireRefreshToken(token: string): void;
  revokeRefreshToken(token: string): void;
}

type ParsedBody = { ok: true; value: unknown } | { ok: false };

function parseBody(raw: string, contentType: string): ParsedBody {
  if (!raw) return { ok: true, value: undefined };
  if (contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return { ok: true, value: Object.fromEntries(new URLSearchParams(raw)) };
  }
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false };
  }
}

function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

function faultReply(fault: TerminalFault & { kind: 'status' }, trackingId: string): Reply {
  const headers: Record<string, string> = { ...fault.headers };
  if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
  if (fault.body === undefined) return statusReply(fault.status, trackingId, headers);
  return { status: fault.status, body: fault.body, headers };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const startingSeed = options.seed ?? demoSeed();
  const state = new SimState(startingSeed);
  const faults = new FaultController(options.now);
  faults.rateLimit(options.rateLimit);
  const oauth: OAuthOptions = { ...DEFAULT_OAUTH_OPTIONS, ...options.oauth };
  const maxRecorded = options.maxRecordedRequests ?? 10_000;
  const requests: RecordedRequest[] = [];
  const closing = new AbortController();

  const router = new Router();
  registerPeople(router);
  registerLicenses(router);
  registerLocations(router);
  registerGroups(router);
  registerNumbers(router);
  registerPersonNumbers(router);
  registerMoveUsers(router);
  registerOAuth(router, oauth);

  const record = (entry: RecordedRequest) => {
    requests.push(entry);
    if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded);
  };

  const control = {
    faults,
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    reset: (seed?: SimSeed) => {
      state.load(seed ?? startingSeed);
      faults.clear();
      faults.rateLimit(options.rateLimit);
      requests.length = 0;
    },
  };

  async function handleWebex(req: IncomingMessage, res: ServerResponse, url: URL, raw: string, trackingId: string) {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.slice('/v1'.length) || '/';
    const parsed = parseBody(raw, String(req.headers['content-type'] ?? ''));
    const entry: RecordedRequest = {
      method, path, query: Object.fromEntries(url.searchParams),
      body: parsed.ok ? parsed.value : raw, status: 0, trackingId, at: Date.now(),
    };
    record(entry);
    const finish = (reply: Reply) => {
      entry.status = reply.status;
      send(res, reply, trackingId);
    };

    const retryAfter = faults.checkRateLimit();
    if (retryAfter !== undefined) {
      return finish({
        status: 429,
        body: errorBody('Too Many Requests: the rate limit was exceeded. Retry after the time given in Retry-After.', trackingId),
        headers: { 'retry-after': String(retryAfter) },
      });
    }

    const plan = faults.plan(method, path);
    if (plan.delayMs > 0) {
      await sleep(plan.delayMs, closing.signal);
      if (closing.signal.aborted) return;
      entry.latencyMs = plan.delayMs;
    }
    const fault = plan.terminal;
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') return finish(faultReply(fault, trackingId));

    const match = router.match(method, path);
    const notSimulated = match.kind === 'found' ? undefined : notSimulatedMessage(method, path);
    if (notSimulated) return finish({ status: 404, body: errorBody(notSimulated, trackingId) });
    if (match.kind === 'none') return finish({ status: 404, body: errorBody('The requested resource could not be found.', trackingId) });
    if (path !== '/access_token') {
      const token = bearerToken(req);
      if (!token || !state.isAccessTokenValid(token)) return finish(statusReply(401, trackingId));
    }
    if (match.kind === 'wrongMethod') {
      return finish({
        status: 405,
        body: errorBody(`Method ${method} is not allowed on this resource.`, trackingId),
        headers: { allow: match.allow.join(', ') },
      });
    }
    if (!parsed.ok) return finish({ status: 400, body: errorBody('The request body is not valid JSON.', trackingId) });

    let reply: Reply;
    try {
      reply = await match.handler({
        method, path, params: match.params, query: url.searchParams, body: parsed.value, headers: req.headers,
        trackingId, origin: url.origin, state,
      });
    } catch (error) {
      if (!(error instanceof SimError)) throw error;
      reply = errorReply(error, trackingId);
    }
    // Webex documents People writes that fail after changing the person: the change stays.
    if (fault?.kind === 'applyThenFail' && reply.status < 400) reply = statusReply(fault.status ?? 500, trackingId);
    finish(reply);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const trackingId = trackingIdFor(req);
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? `${host}:${port}`}`);
    let raw: string;
    try {
      raw = await readBody(req);
    } catch (error) {
      const simError = error instanceof SimError ? error : new SimError(400, 'Could not read the request body.');
      return send(res, errorReply(simError, trackingId), trackingId);
    }
    if (url.pathname === '/_sim' || url.pathname.startsWith('/_sim/')) {
      const method = (req.method ?? 'GET').toUpperCase();
      return send(res, handleControl(control, method, url.pathname.replace(/\/+$/, ''), raw, trackingId), trackingId);
    }
    if (url.pathname === '/v1' || url.pathname.startsWith('/v1/')) return handleWebex(req, res, url, raw, trackingId);
    send(res, { status: 404, body: errorBody('The requested resource could not be found.', trackingId) }, trackingId);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A simulator bug: answer like Webex would and say so on stderr.
      console.error('webex simulator: unhandled error', error);
      const trackingId = trackingIdFor(req);
      send(res, { status: 500, body: errorBody('Internal simulator error.', trackingId) }, trackingId);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closed: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}/v1`,
    port,
    state,
    faults,
    requests,
    clearRequests: control.clearRequests,
    reset: control.reset,
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
    issueAccessToken: (ttlSeconds?: number) => state.issueAccessToken(ttlSeconds),
    expireAccessToken: (token: string) => state.expireAccessToken(token),
    expireRefreshToken: (token: string) => state.expireRefreshToken(token),
    revokeRefreshToken: (token: string) => state.revokeRefreshToken(token),
  };
}
