/**
 * Injected failures and rate limiting. Faults are matched in the order they were added: matching
 * `latency` faults all add their delay, and the first matching status/drop/applyThenFail fault ends
 * the scan. Each use counts against `times`; an exhausted fault is removed. `skip` lets that many
 * matching requests through untouched first, so a fault can land on the n-th of several identical
 * requests (a workflow that reads the same person three times).
 */

export interface FaultMatch {
  method?: string;
  /** A string is a prefix of the path without /v1 (`/people` matches `/people/abc`). */
  path?: string | RegExp;
}

export type FaultAction =
  | {
      kind: 'status';
      status: number;
      /** Raw Retry-After header value: seconds, an HTTP date, or junk like `rand(30),add(30)`. */
      retryAfter?: string;
      body?: unknown;
      headers?: Record<string, string>;
    }
  | { kind: 'latency'; ms: number }
  /** Destroy the socket without answering. */
  | { kind: 'drop' }
  /**
   * Apply the write, then answer with an error: Webex documents that People writes can do this. When
   * the request fails on its own, that error is sent instead.
   */
  | { kind: 'applyThenFail'; status?: number };

export type Fault = { match?: FaultMatch; times?: number; skip?: number } & FaultAction;

export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  /** Fixed Retry-After value; by default the seconds until the window resets. */
  retryAfterSeconds?: number;
}

export type TerminalFault = Exclude<FaultAction, { kind: 'latency' }>;

export interface FaultPlan {
  delayMs: number;
  terminal?: TerminalFault;
}

interface ActiveFault {
  fault: Fault;
  remaining: number;
  toSkip: number;
}

export class FaultController {
  private active: ActiveFault[] = [];
  private limit?: RateLimitOptions;
  private windowStart = 0;
  private windowCount = 0;

  constructor(private readonly now: () => number = Date.now) {}

  add(fault: Fault): void {
    const times = fault.times ?? 1;
    if (times > 0) this.active.push({ fault, remaining: times, toSkip: fault.skip ?? 0 });
  }

  /** Turns fixed-window rate limiting on (or off with `undefined`), starting a fresh window. */
  rateLimit(options: RateLimitOptions | undefined): void {
    this.limit = options;
    this.windowStart = this.now();
    this.windowCount = 0;
  }

  clear(): void {
    this.active = [];
  }

  /** Faults still waiting to fire, in order. */
  list(): Fault[] {
    return this.active.map((a) => {
      const { skip: _skip, ...fault } = a.fault;
      return { ...fault, times: a.remaining, ...(a.toSkip > 0 ? { skip: a.toSkip } : {}) };
    });
  }

  get rateLimitOptions(): RateLimitOptions | undefined {
    return this.limit;
  }

  /** Counts the request; when over the limit, the Retry-After seconds to send. */
  checkRateLimit(): number | undefined {
    const limit = this.limit;
    if (!limit) return undefined;
    const now = this.now();
    if (now - this.windowStart >= limit.windowMs) {
      // Align to the window grid so bursts cannot straddle a reset for free.
      this.windowStart = now - ((now - this.windowStart) % limit.windowMs);
      this.windowCount = 0;
    }
    this.windowCount++;
    if (this.windowCount <= limit.limit) return undefined;
    return limit.retryAfterSeconds ?? Math.max(1, Math.ceil((this.windowStart + limit.windowMs - now) / 1000));
  }

  /** Takes the faults that apply to this request, consuming their uses. */
  plan(method: string, path: string): FaultPlan {
    const plan: FaultPlan = { delayMs: 0 };
    for (const entry of [...this.active]) {
      if (!matches(entry.fault.match, method, path)) continue;
      if (entry.toSkip > 0) {
        entry.toSkip--;
        continue;
      }
      entry.remaining--;
      if (entry.remaining <= 0) this.active = this.active.filter((a) => a !== entry);
      const fault = entry.fault;
      if (fault.kind === 'latency') {
        plan.delayMs += fault.ms;
        continue;
      }
      plan.terminal = fault;
      break;
    }
    return plan;
  }
}

function matches(match: FaultMatch | undefined, method: string, path: string): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.path instanceof RegExp) return match.path.test(path);
  if (typeof match.path === 'string') return path.startsWith(match.path);
  return true;
}

/** Validates a fault sent as JSON to the control endpoint; returns an error message or the fault. */
export function parseFault(input: unknown): Fault | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'A fault must be a JSON object.';
  const raw = input as Record<string, unknown>;
  const match = raw.match as Record<string, unknown> | undefined;
  if (match !== undefined && (typeof match !== 'object' || match === null)) return 'match must be an object.';
  if (match?.method !== undefined && typeof match.method !== 'string') return 'match.method must be a string.';
  if (match?.path !== undefined && typeof match.path !== 'string') return 'match.path must be a string prefix.';
  let times: number | undefined;
  if (raw.times === null || raw.times === 'Infinity') times = Infinity;
  else if (raw.times !== undefined) {
    if (typeof raw.times !== 'number' || !(raw.times >= 1)) return 'times must be a positive number, null or "Infinity".';
    times = raw.times;
  }
  if (raw.skip !== undefined && (typeof raw.skip !== 'number' || !Number.isInteger(raw.skip) || raw.skip < 0)) {
    return 'skip must be a non-negative integer.';
  }
  const common = {
    ...(match ? { match: { method: match.method as string | undefined, path: match.path as string | undefined } } : {}),
    ...(times !== undefined ? { times } : {}),
    ...(raw.skip ? { skip: raw.skip as number } : {}),
  };
  switch (raw.kind) {
    case 'status': {
      if (typeof raw.status !== 'number' || raw.status < 100 || raw.status > 599) return 'status must be an HTTP status.';
      if (raw.retryAfter !== undefined && typeof raw.retryAfter !== 'string') return 'retryAfter must be a string.';
      if (raw.headers !== undefined && !isStringRecord(raw.headers)) return 'headers must map names to strings.';
      return {
        ...common, kind: 'status', status: raw.status,
        ...(raw.retryAfter !== undefined ? { retryAfter: raw.retryAfter as string } : {}),
        ...(raw.body !== undefined ? { body: raw.body } : {}),
        ...(raw.headers !== undefined ? { headers: raw.headers as Record<string, string> } : {}),
      };
    }
    case 'latency':
      if (typeof raw.ms !== 'number' || raw.ms < 0) return 'ms must be a non-negative number.';
      return { ...common, kind: 'latency', ms: raw.ms };
    case 'drop':
      return { ...common, kind: 'drop' };
    case 'applyThenFail':
      if (raw.status !== undefined && (typeof raw.status !== 'number' || raw.status < 400 || raw.status > 599)) {
        return 'status must be an HTTP error status.';
      }
      return { ...common, kind: 'applyThenFail', ...(raw.status !== undefined ? { status: raw.status as number } : {}) };
    default:
      return 'kind must be one of status, latency, drop, applyThenFail.';
  }
}

export function parseRateLimit(input: unknown): RateLimitOptions | undefined | string {
  if (input === null || input === undefined) return undefined;
  if (typeof input !== 'object' || Array.isArray(input)) return 'The rate limit must be an object or null.';
  const raw = input as Record<string, unknown>;
  if (typeof raw.limit !== 'number' || raw.limit < 0) return 'limit must be a non-negative number.';
  if (typeof raw.windowMs !== 'number' || raw.windowMs <= 0) return 'windowMs must be a positive number.';
  if (raw.retryAfterSeconds !== undefined && typeof raw.retryAfterSeconds !== 'number') return 'retryAfterSeconds must be a number.';
  return {
    limit: raw.limit, windowMs: raw.windowMs,
    ...(raw.retryAfterSeconds !== undefined ? { retryAfterSeconds: raw.retryAfterSeconds as number } : {}),
  };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    && Object.values(value).every((v) => typeof v === 'string');
}
