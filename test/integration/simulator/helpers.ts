import { nextLink as parseNextLink } from '../../../functions/lib/webex/link-header';
import { SIM_ACCESS_TOKEN } from '../../../functions/simulator/seed';
import type { Simulator } from '../../../functions/simulator/server';

export interface CallOptions {
  body?: unknown;
  form?: Record<string, string>;
  query?: Record<string, string | number | boolean>;
  /** `null` sends no Authorization header. */
  token?: string | null;
  headers?: Record<string, string>;
}

export interface CallResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** One HTTP request to the simulator; `path` is below /v1, or an absolute URL (next links). */
export async function call<T = any>(sim: Simulator, method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
  const url = new URL(/^https?:/.test(path) ? path : `${sim.url}${path}`);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value));
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? SIM_ACCESS_TOKEN : options.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else if (options.body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const res = await fetch(url, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

/** The `rel="next"` URL of a Link header. */
export function nextLink(headers: Headers): string | undefined {
  return parseNextLink(headers.get('link'));
}

/** Follows next links from `path`, collecting every item under `key`. */
export async function collectAll<T = any>(
  sim: Simulator,
  path: string,
  key = 'items',
  query?: CallOptions['query'],
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  let next: string | undefined = path;
  let first = true;
  while (next) {
    const res: CallResult = await call(sim, 'GET', next, first ? { query } : {});
    expect(res.status).toBe(200);
    items.push(...res.body[key]);
    pages++;
    first = false;
    next = nextLink(res.headers);
  }
  return { items, pages };
}

export function expectWebexError(res: CallResult, status: number): void {
  expect(res.status).toBe(status);
  expect(typeof res.body.message).toBe('string');
  expect(Array.isArray(res.body.errors)).toBe(true);
  expect(typeof res.body.errors[0].description).toBe('string');
  expect(res.body.trackingId).toBe(res.headers.get('trackingid'));
}
