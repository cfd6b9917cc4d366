import { badRequest } from '../errors';
import type { RequestContext } from '../router';

/** Query and body helpers shared by the routes. Every failure is a Webex-style 400. */

export function rejectUnknownParams(ctx: RequestContext, allowed: readonly string[]): void {
  for (const name of ctx.query.keys()) {
    if (!allowed.includes(name)) throw badRequest(`Unrecognized query parameter: ${name}`);
  }
}

export function boolParam(ctx: RequestContext, name: string): boolean | undefined {
  const value = ctx.query.get(name);
  if (value === null) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw badRequest(`Invalid value for ${name}: "${value}" is not a boolean.`);
}

export function intParam(ctx: RequestContext, name: string, min: number): number | undefined {
  const value = ctx.query.get(name);
  if (value === null) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw badRequest(`Invalid value for ${name}: "${value}".`);
  return Number(value);
}

export function bodyObject(ctx: RequestContext): Record<string, unknown> {
  const body = ctx.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${name} must be a string.`);
  return value;
}

export function optionalStringArray(body: Record<string, unknown>, name: string): string[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw badRequest(`${name} must be an array of strings.`);
  return value as string[];
}

/** The URL of the next page: the request's own URL with some parameters replaced. */
function nextUrl(ctx: RequestContext, changes: Record<string, string>): string {
  const url = new URL(`${ctx.origin}/v1${ctx.path}`);
  for (const [key, value] of ctx.query) url.searchParams.append(key, value);
  for (const [key, value] of Object.entries(changes)) url.searchParams.set(key, value);
  return url.toString();
}

export function linkHeader(url: string): Record<string, string> {
  return { link: `<${url}>; rel="next"` };
}

/**
 * Cursor paging for the core APIs (people, locations): the cursor names the position after the last
 * item sent, so items created or deleted meanwhile neither repeat nor shift the next page.
 */
export function cursorPage<T extends { id: string }>(
  ctx: RequestContext,
  items: T[],
  max: number,
  positionOf: (id: string) => number,
): { items: T[]; headers: Record<string, string> } {
  const cursor = ctx.query.get('cursor');
  let after = -1;
  if (cursor !== null) {
    const decoded = decodeCursor(cursor);
    if (decoded === undefined) throw badRequest('Invalid cursor.');
    after = decoded;
  }
  const remaining = items.filter((item) => positionOf(item.id) > after);
  const page = remaining.slice(0, max);
  if (remaining.length <= max || page.length === 0) return { items: page, headers: {} };
  const last = positionOf(page[page.length - 1].id);
  return { items: page, headers: linkHeader(nextUrl(ctx, { cursor: encodeCursor(last) })) };
}

function encodeCursor(position: number): string {
  return Buffer.from(JSON.stringify({ after: position }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    return typeof parsed.after === 'number' && Number.isInteger(parsed.after) ? parsed.after : undefined;
  } catch {
    return undefined;
  }
}

export const TELEPHONY_DEFAULT_MAX = 2000;

/** `start`/`max` paging for telephony lists, with a `Link: rel="next"` while more remain. */
export function offsetPage<T>(ctx: RequestContext, items: T[]): { items: T[]; headers: Record<string, string> } {
  const start = intParam(ctx, 'start', 0) ?? 0;
  const max = Math.min(intParam(ctx, 'max', 1) ?? TELEPHONY_DEFAULT_MAX, TELEPHONY_DEFAULT_MAX);
  const page = items.slice(start, start + max);
  if (start + max >= items.length) return { items: page, headers: {} };
  return { items: page, headers: linkHeader(nextUrl(ctx, { start: String(start + max) })) };
}
