import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { systemClock, type Clock } from '../clock';
import { correlationId } from '../correlation';
import { invocationTimeLeftMs } from '../invocation-deadline';
import type { LogSink } from '../logger';
import { ConfigurationError } from '../errors';
import { redactSecretPath } from '../redaction';
import { insecureBaseUrlReason } from './secure-base-url';
import type { TokenProvider } from './token-provider';
import { WebexApiError, WebexLinkRefusedError, WebexNetworkError, WebexResponseShapeError, isRateLimitStatus, type WebexErrorDetail } from './errors';
import { sendHttpRequest, type HttpResponse, type ResponseHeaders } from './http-transport';
import { nextLink } from './link-header';
import { WEBEX_RATE_LIMIT_WAIT_SECONDS, parseRetryAfterMs } from './retry-after';
import type { WebexRequestMetrics } from './request-metrics';
import { noteTrackingId } from './tracking-ids';
import { requestGateTurn } from './request-gate';

export const DEFAULT_WEBEX_BASE_URL = 'https://webexapis.com/v1';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | undefined;
export type Query = Record<string, QueryValue>;

export interface WebexClientOptions {
  tokenProvider: TokenProvider;
  baseUrl?: string;
  logger?: LogSink;
  /** Per-attempt timeout. */
  timeoutMs?: number;
  /** Attempts per request, counting the first (429s, 5xx, timeouts and connection errors all count). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Wait used when a 429 carries no readable Retry-After (default WEBEX_RATE_LIMIT_WAIT_SECONDS). */
  defaultRetryAfterMs?: number;
  /**
   * Total time a request may take across attempts and waits, so a Lambda behind API Gateway answers
   * before its 29 s limit. A Retry-After longer than what is left is not slept through: the 429 is
   * surfaced so the caller (API client, Step Functions) can wait. Within a Lambda invocation the time
   * it has left (invocation-deadline.ts) bounds every request of it as well: attempts, waits and all.
   */
  retryBudgetMs?: number;
  /** Whose time the attempts, their timeouts and the waits between them run on (default the system's). */
  clock?: Clock;
  /** The waits between attempts (default the clock's). */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told of every attempt (its status or failure, its duration): the 429s, 5xx and latency the dashboard shows. */
  metrics?: WebexRequestMetrics;
  /**
   * How long reference data read through this client (licenses, locations: reference-data.ts) may be served
   * from a warm function's cache; 0 reads Webex every time. A setting of the deployment, so it travels with
   * the client its composition root configured.
   */
  referenceCacheTtlMs?: number;
  /**
   * Told of every 429 Webex answers (with the wait it asked for, or the default), before the client waits or gives
   * up: the deployment's pacing budget (pacing/budget.ts) cuts its rate on it. A failure to tell is logged, never
   * the request's failure.
   */
  onRateLimited?: (retryAfterMs: number) => Promise<unknown> | void;
  /**
   * Waits for one request's slot in the deployment's pacing budget before each attempt: for a step that sends many
   * requests itself (the reconcile planner's reads) rather than drawing them in its state machine's Pace step. A
   * failure to draw is logged and the attempt goes (unpaced, its 429s still obeyed), never the request's failure.
   */
  drawSlot?: () => Promise<unknown>;
}

/** Five minutes: how stale a renamed location or a changed license count may be in a warm function. */
export const DEFAULT_REFERENCE_CACHE_TTL_MS = 5 * 60_000;

export interface RequestOptions<T> {
  query?: Query;
  /** JSON body. */
  body?: unknown;
  /** Form-encoded body (OAuth). */
  form?: Record<string, string>;
  /** Override the method's default: may this request be resent after a 5xx or a lost connection? */
  idempotent?: boolean;
  /** Validates and types the response body. */
  schema?: z.ZodType<T>;
  /** Send no Authorization header (the OAuth token endpoint authenticates with the form). */
  anonymous?: boolean;
  /**
   * Statuses (or `timeout`: no answer within the attempt's time) thrown at once instead of retried: the caller has
   * a better next move (a smaller page).
   */
  noRetryOn?: readonly (number | 'timeout')[];
}

export interface WebexResponse<T> {
  status: number;
  data: T;
  headers: ResponseHeaders;
  trackingId?: string;
}

export interface PageOptions<T> {
  query?: Query;
  /**
   * The array's key in the response body: `items` for core APIs, `phoneNumbers` etc. for telephony;
   * or a function that picks it from the first page, for callers that do not know the endpoint.
   */
  itemsKey?: string | ((firstPage: unknown) => string | undefined);
  /** Validates each item. */
  itemSchema?: z.ZodType<T>;
  /**
   * Telephony lists page with `start`/`max`; when Webex sends no Link header, keep asking for the next
   * offset while a page comes back full.
   */
  offsetPaging?: { max: number };
  /** The most pages one call may fetch; paging stops there (see onPage for where it would go on). */
  maxPages?: number;
  /** Told of each page before its items are yielded: its URL, and the next page's URL when there is one. */
  onPage?: (page: { url: string; next?: string }) => void;
  /**
   * Smaller `max` values, largest first, to ask for the same page with when it answers 504: Cisco's 504 text is
   * "If your query uses max parameter, please try to reduce it" (webex-admin.json, List People). A page that does
   * not answer within the attempt's timeout is the same symptom seen from this side (Webex's gateway may answer
   * its 504 later than we wait) and is treated alike. The listing resumes at the page that failed (its next link
   * or offset, with the smaller `max`) and keeps the smaller size for the pages after it; at the smallest, a 504 or
   * a timeout is retried as any is.
   */
  smallerPagesOn504?: readonly number[];
}

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);
const RETRYABLE_5XX = new Set([500, 502, 503, 504]);
// Socket errors raised before a connection existed: the request cannot have been applied.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
/** Below this much of the invocation left, an attempt is not started: it could not get an answer back in time. */
const MIN_ATTEMPT_MS = 500;

/**
 * The only code that speaks HTTP to Webex: bearer auth from a token provider (re-read once on 401),
 * Retry-After on 429, jittered backoff on 5xx and network faults for requests that are safe to resend,
 * per-attempt timeouts, Link pagination and typed errors. Tokens never reach a log line or an error.
 */
export class WebexClient {
  readonly baseUrl: string;
  readonly referenceCacheTtlMs: number;
  private readonly origin: string;
  private readonly tokens: TokenProvider;
  private readonly log?: LogSink;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly defaultRetryAfterMs: number;
  private readonly retryBudgetMs: number;
  private readonly clock: Clock;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly metrics?: WebexRequestMetrics;
  private readonly onRateLimited?: (retryAfterMs: number) => Promise<unknown> | void;
  private readonly drawSlot?: () => Promise<unknown>;

  constructor(options: WebexClientOptions) {
    this.baseUrl = withoutTrailingSlashes(options.baseUrl ?? DEFAULT_WEBEX_BASE_URL);
    // Every request carries a credential (a bearer token, or the OAuth form's secret and refresh token).
    const insecure = insecureBaseUrlReason(this.baseUrl);
    if (insecure) throw new ConfigurationError(`${insecure} (WEBEX_BASE_URL)`);
    this.origin = new URL(this.baseUrl).origin;
    this.tokens = options.tokenProvider;
    this.log = options.logger;
    this.timeoutMs = options.timeoutMs ?? 8_000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.baseDelayMs = options.baseDelayMs ?? 200;
    this.maxDelayMs = options.maxDelayMs ?? 5_000;
    this.defaultRetryAfterMs = options.defaultRetryAfterMs ?? WEBEX_RATE_LIMIT_WAIT_SECONDS * 1000;
    this.retryBudgetMs = options.retryBudgetMs ?? 18_000;
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? ((ms) => this.clock.sleep(ms));
    this.random = options.random ?? Math.random;
    this.metrics = options.metrics;
    this.onRateLimited = options.onRateLimited;
    this.drawSlot = options.drawSlot;
    this.referenceCacheTtlMs = options.referenceCacheTtlMs ?? DEFAULT_REFERENCE_CACHE_TTL_MS;
  }

  get<T = unknown>(path: string, options: RequestOptions<T> = {}) {
    return this.request<T>('GET', path, options);
  }
  post<T = unknown>(path: string, options: RequestOptions<T> = {}) {
    return this.request<T>('POST', path, options);
  }
  put<T = unknown>(path: string, options: RequestOptions<T> = {}) {
    return this.request<T>('PUT', path, options);
  }
  patch<T = unknown>(path: string, options: RequestOptions<T> = {}) {
    return this.request<T>('PATCH', path, options);
  }
  delete<T = unknown>(path: string, options: RequestOptions<T> = {}) {
    return this.request<T>('DELETE', path, options);
  }

  /** `path` is relative to the base URL (`/people`), or an absolute next-page URL on the same origin. */
  async request<T = unknown>(method: HttpMethod, path: string, options: RequestOptions<T> = {}): Promise<WebexResponse<T>> {
    const url = this.resolve(path, options.query);
    // Logs and errors name the path without its secrets (an access code is a path segment).
    const logPath = redactSecretPath(url.pathname.slice(new URL(this.baseUrl).pathname.length) || '/');
    const idempotent = options.idempotent ?? IDEMPOTENT.has(method);
    const correlation = correlationId();
    const trackingId = correlation ? `WEBEXPROV_${correlation}_${randomUUID().slice(0, 8)}` : `WEBEXPROV_${randomUUID()}`;
    const started = this.clock.now();
    let waited = 0;
    let reauthenticated = false;
    // The request's send slot, where the work it is part of has them (a paced step): once, before its first attempt.
    await this.waitForGate();

    for (let attempt = 1; ; attempt++) {
      await this.waitForSlot();
      const headers: Record<string, string> = { Accept: 'application/json', TrackingID: trackingId };
      if (!options.anonymous) headers.Authorization = `Bearer ${await this.tokens.getAccessToken()}`;
      let body: string | undefined;
      if (options.form) {
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(options.form).toString();
      } else if (options.body !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(options.body);
      }

      const attemptStarted = this.clock.now();
      const left = invocationTimeLeftMs();
      // No time left in the invocation for an answer: a timeout now, while the handler can still say so.
      if (left !== undefined && left < MIN_ATTEMPT_MS) throw new WebexNetworkError('timeout', method, logPath);
      let response: HttpResponse;
      try {
        response = await sendHttpRequest({ method, url, headers, body, timeoutMs: left === undefined ? this.timeoutMs : Math.min(this.timeoutMs, left) }, this.clock);
      } catch (cause) {
        const failure = classifyNetworkError(cause, method, logPath);
        this.metrics?.attempted({ failure: failure.kind, durationMs: this.clock.now() - attemptStarted });
        const resendable = (idempotent || (failure.kind === 'connection' && NOT_SENT_CODES.has(failure.causeCode ?? ''))) &&
          !(failure.kind === 'timeout' && options.noRetryOn?.includes('timeout'));
        this.log?.debug('webex request failed', {
          method, path: logPath, attempt, error: failure.message, durationMs: this.clock.now() - attemptStarted,
        });
        const delay = this.backoff(attempt);
        if (resendable && attempt < this.maxAttempts && this.withinBudget(started, waited, delay)) {
          waited += delay;
          await this.sleep(delay);
          continue;
        }
        throw failure;
      }

      const responseTrackingId = response.headers.get('trackingid') ?? trackingId;
      this.metrics?.attempted({ status: response.status, durationMs: this.clock.now() - attemptStarted });
      noteTrackingId(responseTrackingId);
      this.log?.debug('webex request', {
        method, path: logPath, status: response.status, attempt, trackingId: responseTrackingId,
        durationMs: this.clock.now() - attemptStarted,
      });

      if (response.status >= 200 && response.status < 300) {
        const data = parseBody(response.body);
        return {
          status: response.status,
          data: options.schema ? readShape(options.schema, data, { method, path: logPath, trackingId: responseTrackingId }) : (data as T),
          headers: response.headers,
          trackingId: responseTrackingId,
        };
      }

      const error = toApiError(response, method, logPath, responseTrackingId, attempt);

      if (response.status === 401 && !reauthenticated && !options.anonymous) {
        // The rotator may have replaced the token since we cached it: re-read once, then give up.
        reauthenticated = true;
        this.tokens.invalidate();
        attempt--;
        continue;
      }

      const rateLimited = isRateLimitStatus(response.status);
      if (response.status === 429) await this.reportRateLimited(parseRetryAfterMs(response.headers.get('retry-after')) ?? this.defaultRetryAfterMs);
      const retryable = !options.noRetryOn?.includes(response.status) && (rateLimited || (RETRYABLE_5XX.has(response.status) && idempotent));
      if (retryable && attempt < this.maxAttempts) {
        const asked = parseRetryAfterMs(response.headers.get('retry-after'));
        const delay = rateLimited ? this.afterRateLimit(asked ?? this.defaultRetryAfterMs) : (asked ?? this.backoff(attempt));
        if (this.withinBudget(started, waited, delay)) {
          waited += delay;
          this.log?.info('webex retrying', {
            method, path: logPath, status: response.status, attempt, delayMs: delay, trackingId: responseTrackingId,
          });
          await this.sleep(delay);
          continue;
        }
      }
      this.log?.debug('webex request gave up', { method, path: logPath, status: response.status, totalMs: this.clock.now() - started });
      throw error;
    }
  }

  /**
   * Every item of a listing, following `Link: rel="next"` (and start/max offsets for telephony lists).
   * Only next links to the same path on the same origin are followed: a link elsewhere would be sent our
   * token (webex-api.md §4).
   */
  async *paginate<T = unknown>(path: string, options: PageOptions<T> = {}): AsyncGenerator<T> {
    let itemsKey = typeof options.itemsKey === 'string' ? options.itemsKey : options.itemsKey ? undefined : 'items';
    const query: Query = { ...options.query };
    if (options.offsetPaging) query.max = options.offsetPaging.max;
    const listPath = this.resolve(path).pathname;
    let next: string | undefined = path;
    let start = Number(query.start ?? 0);
    let first = true;
    // Once Webex pages with Link headers, a page without one is the last: the offset fallback is only for
    // lists that never send them, and it continues from the page actually read.
    let linked = false;
    const smaller = [...(options.smallerPagesOn504 ?? [])];
    let pageMax = options.offsetPaging?.max;
    for (let pages = 1; next && pages <= (options.maxPages ?? Infinity); pages++) {
      // Webex's next links already carry every parameter; re-adding ours would duplicate them.
      const pageQuery = first ? query : undefined;
      const url = options.onPage ? this.resolve(next, pageQuery).toString() : '';
      let page: WebexResponse<Record<string, unknown>>;
      try {
        page = await this.get<Record<string, unknown>>(next, { query: pageQuery, noRetryOn: smaller.length ? [504, 'timeout'] : undefined });
      } catch (error) {
        const size = smaller[0];
        const tooSlow = (error instanceof WebexApiError && error.status === 504) || (error instanceof WebexNetworkError && error.kind === 'timeout');
        if (!tooSlow || size === undefined) throw error;
        smaller.shift();
        // The same page again, smaller: the first page's query (also what offset paging continues from), or
        // the next link with its `max` replaced.
        query.max = size;
        if (!first) next = withMax(this.resolve(next), size);
        if (pageMax !== undefined) pageMax = size;
        this.log?.info('webex page smaller after 504 or timeout', { path: this.logPath(path), max: size });
        pages--;
        continue;
      }
      first = false;
      if (itemsKey === undefined && typeof options.itemsKey === 'function') itemsKey = options.itemsKey(page.data);
      const where = { method: 'GET', path: this.logPath(path), trackingId: page.trackingId };
      if (itemsKey === undefined) throw shapeError(where, '(body)', 'the response has no list to page through', page.data);
      const items = page.data?.[itemsKey];
      if (items !== undefined && !Array.isArray(items)) throw shapeError(where, itemsKey, 'not an array', page.data);
      next = nextLink(page.headers.get('link'));
      if (next) {
        linked = true;
        const target = this.resolveLink(next, where);
        // Once smaller, every page after it too: a next link repeats the `max` that timed out.
        if (options.smallerPagesOn504 && smaller.length < options.smallerPagesOn504.length) next = withMax(target, Number(query.max));
        if (target.pathname !== listPath) {
          throw new WebexLinkRefusedError('GET', where.path, `to another path (${target.pathname.slice(this.basePath.length) || '/'})`);
        }
      } else if (!linked && pageMax !== undefined && (items?.length ?? 0) >= pageMax) {
        start += items?.length ?? 0;
        next = path;
        Object.assign(query, { start });
        first = true;
      }
      // An empty page ends the listing, whatever it links to: a next link on it could loop for ever.
      if (!items?.length) next = undefined;
      if (options.onPage) options.onPage({ url, next: next && this.resolve(next, first ? query : undefined).toString() });
      // After onPage, so a caller that stops mid-page knows which page its items came from.
      let index = 0;
      for (const item of items ?? []) {
        yield options.itemSchema ? readShape(options.itemSchema, item, where, `${itemsKey}[${index}]`) : (item as T);
        index++;
      }
    }
  }

  /** Collects `paginate` into an array. */
  async list<T = unknown>(path: string, options: PageOptions<T> = {}): Promise<T[]> {
    const all: T[] = [];
    for await (const item of this.paginate(path, options)) all.push(item);
    return all;
  }

  private get basePath(): string {
    return withoutTrailingSlashes(new URL(this.baseUrl).pathname);
  }

  private logPath(path: string): string {
    return redactSecretPath(/^https?:\/\//i.test(path) ? new URL(path).pathname.slice(this.basePath.length) || '/' : path);
  }

  /** A next link as a URL, refused (502) when it is not on our origin. */
  private resolveLink(link: string, where: { method: string; path: string }): URL {
    try {
      return this.resolve(link);
    } catch (error) {
      if (error instanceof WebexLinkRefusedError) throw error;
      throw new WebexLinkRefusedError(where.method, where.path, 'that is not a URL', { cause: error });
    }
  }

  private resolve(path: string, query?: Query): URL {
    let url: URL;
    if (/^https?:\/\//i.test(path)) {
      url = new URL(path);
      // A next link pointing elsewhere would receive our bearer token.
      if (url.origin !== this.origin) throw new WebexLinkRefusedError('GET', this.logPath(path), `to another origin (${url.origin})`);
    } else {
      url = new URL(this.baseUrl + (path.startsWith('/') ? path : `/${path}`));
    }
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  private withinBudget(started: number, waited: number, delay: number): boolean {
    // Elapsed time covers slow attempts as well as sleeps; `waited` covers sleeps when `sleep` is faked.
    const left = invocationTimeLeftMs();
    if (left !== undefined && delay + MIN_ATTEMPT_MS > left) return false;
    return Math.max(this.clock.now() - started, waited) + delay <= this.retryBudgetMs;
  }

  private backoff(attempt: number): number {
    // Full jitter: spreads retries from many Lambdas instead of having them hit Webex in lockstep.
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(this.random() * ceiling);
  }
  /**
   * Retry-After is the least to wait. Requests refused together are likely told the same moment (Cisco publishes
   * no limits: they "vary depending on the calls being made", developer.webex.com blog "Rate Limiting and the Webex
   * API"; whether they are per org, per app or per call is not documented), and resending all of them on it would
   * draw the next round of 429s at once. A spread of up to a second (or a tenth of a long wait) after it breaks
   * that lockstep. A wait longer than the request's budget (Cisco's own demo sends `Retry-After: 60`) is not slept:
   * the 429 goes to the caller, a state machine's wait or an API client's.
   */
  private async reportRateLimited(retryAfterMs: number): Promise<void> {
    try {
      await this.onRateLimited?.(retryAfterMs);
    } catch (error) {
      this.log?.warn('webex pace report failed', { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  }

  private async waitForGate(): Promise<void> {
    try {
      await requestGateTurn();
    } catch (error) {
      this.log?.warn('webex pace gate failed', { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  }

  private async waitForSlot(): Promise<void> {
    if (!this.drawSlot) return;
    try {
      await this.drawSlot();
    } catch (error) {
      this.log?.warn('webex pace draw failed', { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  }

  private afterRateLimit(askedMs: number): number {
    return askedMs + Math.round(this.random() * Math.max(1000, askedMs / 10));
  }

}

interface ShapeContext {
  method: string;
  path: string;
  trackingId?: string;
}

/** Validates an answer; a mismatch is a WebexResponseShapeError naming the first field we could not read. */
function readShape<T>(schema: z.ZodType<T>, data: unknown, where: ShapeContext, prefix?: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = [prefix, ...(issue?.path ?? []).map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))]
    .filter((p) => p !== undefined && p !== '')
    .join('.')
    .replace(/\.\[/g, '[');
  throw shapeError(where, field || '(body)', issue?.message ?? 'unexpected value', data);
}

function shapeError(where: ShapeContext, field: string, problem: string, data: unknown): WebexResponseShapeError {
  return new WebexResponseShapeError(where.method, where.path, field, problem, where.method !== 'GET', where.trackingId, data);
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toApiError(response: HttpResponse, method: string, path: string, trackingId: string, attempts: number): WebexApiError {
  const body = parseBody(response.body) as
    | { message?: unknown; errors?: unknown; trackingId?: unknown; errorCode?: unknown; error_description?: unknown; error?: unknown }
    | string
    | undefined;
  const obj = typeof body === 'object' && body !== null ? body : {};
  // The move-users job answers 400 with MoveUsersErrorResponse: `{error: [{code, message}]}`.
  const coded = Array.isArray(obj.error)
    ? (obj.error as unknown[]).filter((e): e is { code?: unknown; message?: unknown } => typeof e === 'object' && e !== null)
    : [];
  const details = Array.isArray(obj.errors)
    ? (obj.errors as unknown[]).filter((e): e is WebexErrorDetail => typeof e === 'object' && e !== null)
    : coded.map((e) => ({
        ...(typeof e.message === 'string' ? { description: e.message } : {}),
        ...(typeof e.code === 'number' ? { errorCode: e.code } : {}),
      }));
  const message =
    typeof obj.message === 'string' ? obj.message
    : coded.length && typeof coded[0].message === 'string' ? coded[0].message
    : typeof obj.error_description === 'string' ? obj.error_description
    : typeof obj.error === 'string' ? obj.error
    : undefined;
  const retryAfter = parseRetryAfterMs(response.headers.get('retry-after'));
  return new WebexApiError({
    status: response.status,
    method,
    path,
    webexMessage: message,
    trackingId: typeof obj.trackingId === 'string' ? obj.trackingId : trackingId,
    errorCode: typeof obj.errorCode === 'number' ? obj.errorCode : numericHeader(response.headers.get('cisco-spark-error-codes')),
    details,
    retryAfterSeconds: retryAfter === undefined ? undefined : Math.ceil(retryAfter / 1000),
    attempts,
    oauthError: typeof obj.error === 'string' ? obj.error : undefined,
  });
}

function numericHeader(value: string | null): number | undefined {
  const n = value ? Number.parseInt(value, 10) : NaN;
  return Number.isNaN(n) ? undefined : n;
}

function classifyNetworkError(cause: unknown, method: string, path: string): WebexNetworkError {
  const err = cause as { name?: string; code?: string };
  // The transport's errors never carry the request's headers (http-transport.ts), so never the token.
  if (err?.name === 'TimeoutError') return new WebexNetworkError('timeout', method, path, undefined, { cause });
  return new WebexNetworkError('connection', method, path, err?.code, { cause });
}

/** A page URL with its `max` replaced. */
function withMax(url: URL, max: number): string {
  const copy = new URL(url);
  copy.searchParams.set('max', String(max));
  return copy.toString();
}

/** Without its trailing `/`s; a loop, since `/\/+$/` retries from every slash of a long run (quadratic). */
function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '/') end--;
  return text.slice(0, end);
}
