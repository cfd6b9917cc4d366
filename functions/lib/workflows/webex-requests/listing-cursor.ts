import { ValidationError } from '../../errors';
import type { Operation } from '../../webex-spec/operations';
import { checkQuery, type CheckedQuery } from './guard';

/** Where a truncated `all` listing goes on: the page to fetch (a path and query under the base URL) and how many of its items were returned already. */
export interface ListingCursor {
  page: string;
  skip: number;
}

/** Query parameters a page URL may carry besides the operation's own: Webex's Link paging state and offsets. */
const PAGING_PARAMS = new Set(['cursor', 'start', 'max']);
/** `start` and `max` where the operation does not declare them: offsets. */
const OFFSET = /^\d{1,9}$/;
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
export function decodeCursor(text: string, baseUrl: string, path: string, operation: Operation): { query: CheckedQuery; skip: number } {
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
  const declared: Record<string, string> = {};
  const paging: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (value.length > 4096 || /[\u0000-\u001f\u007f]/.test(value)) return refuse(`bad value of ${key}`);
    if (Object.hasOwn(operation.query, key)) declared[key] = value;
    else if (!PAGING_PARAMS.has(key)) return refuse(`unknown parameter ${key}`);
    else if (key !== 'cursor' && !OFFSET.test(value)) return refuse(`bad value of ${key}`);
    else paging[key] = value;
  }
  // As strictly as the caller's own `query`: a cursor is no way round the operation's declaration.
  const checked = checkQuery(operation, declared);
  if (checked.issues.length) return refuse(checked.issues.map((i) => `${i.field} ${i.message}`).join('; '));
  return { query: { ...paging, ...checked.query }, skip: skip as number };
}
