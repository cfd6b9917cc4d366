import { ValidationError } from '../../errors';
import type { Operation } from '../../webex-spec/operations';

/** Where a truncated `all` listing goes on: the page to fetch (a path and query under the base URL) and how many of its items were returned already. */
export interface ListingCursor {
  page: string;
  skip: number;
}

/** Query parameters a page URL may carry besides the operation's own: Webex's Link paging state and offsets. */
const PAGING_PARAMS = new Set(['cursor', 'start', 'max']);
const MAX_SKIP = 1000;

export function encodeCursor(cursor: ListingCursor, baseUrl: string): string {
  const url = new URL(cursor.page);
  const page = url.pathname.slice(new URL(baseUrl).pathname.length) + url.search;
  return Buffer.from(JSON.stringify({ page, skip: cursor.skip })).toString('base64url');
}

/**
 * A cursor from a caller, who could have written anything: it must decode to a page of the same path
 * under the same base URL, with only the operation's parameters and paging state, and a sane skip.
 * Returns the path and query to page from.
 */
export function decodeCursor(text: string, baseUrl: string, path: string, operation: Operation): { query: Record<string, string>; skip: number } {
  const refuse = (why: string): never => {
    throw new ValidationError([{ field: 'cursor', message: `is not a cursor of this listing (${why}); send the one a truncated answer returned` }]);
  };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return refuse('not base64url JSON');
  }
  if (!decoded || typeof decoded !== 'object' || Array.isArray(decoded)) return refuse('not an object');
  const { page, skip } = decoded as { page?: unknown; skip?: unknown };
  if (typeof page !== 'string' || !page.startsWith('/')) return refuse('no page');
  if (!(Number.isInteger(skip) && (skip as number) >= 0 && (skip as number) <= MAX_SKIP)) return refuse('bad skip');
  const base = new URL(baseUrl);
  const url = new URL(base.origin + base.pathname + page);
  if (url.origin !== base.origin || url.pathname !== base.pathname + path || url.hash) return refuse('another path');
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (!Object.hasOwn(operation.query, key) && !PAGING_PARAMS.has(key)) return refuse(`unknown parameter ${key}`);
    if (value.length > 4096 || /[\u0000-\u001f\u007f]/.test(value)) return refuse(`bad value of ${key}`);
    query[key] = value;
  }
  return { query, skip: skip as number };
}
