import type { LogSink } from '../../logger';
import type { WebexClient } from '../../webex/client';
import { WebexApiError } from '../../webex/errors';
import { checkWebexRequest, type GuardOptions, type WebexRequestInput } from './guard';
import type { Operation } from '../../webex-spec/operations';
import { decodeCursor, encodeCursor, type ListingCursor } from './listing-cursor';
import { redactPersonalData } from './redact';
import { redactSecretPath } from '../../redaction';
import type { WebexRequestResult } from '../../schemas/webex-request-answers';

export const MAX_ITEMS = 5000;
/** The pages one `all` call may fetch: a `max: 1` over 5,000 people made 5,000 requests. */
export const MAX_PAGES = 50;
/**
 * The items of one `all` answer, serialized: Lambda refuses a response over 6 MB (6,291,556 bytes) and API
 * Gateway then answers 502. Under 5 MB leaves room for the envelope and JSON escaping.
 */
export const MAX_ITEMS_BYTES = 5_000_000;

export type { WebexRequestResult };

export interface WebexRequestOptions extends GuardOptions {
  allowedPrefixes: readonly string[];
  caller: string;
  log: LogSink;
  /** For tests: smaller caps of one `all` answer than MAX_PAGES and MAX_ITEMS_BYTES. */
  limits?: { maxPages?: number; maxItemsBytes?: number };
}

/**
 * Any People or Calling-configuration call, through the same client as the named workflows (token,
 * Retry-After, backoff, typed errors), after the guard rails pass. Every call is audit-logged with who
 * asked, the operation, the status and the trackingId; bodies only with personal data and secrets redacted.
 */
export async function performWebexRequest(client: WebexClient, input: WebexRequestInput, options: WebexRequestOptions): Promise<WebexRequestResult> {
  const { operation, path, query } = checkWebexRequest(input, options.allowedPrefixes, options);
  const resume = input.cursor === undefined ? undefined : decodeCursor(input.cursor, client.baseUrl, path, operation);
  const audit = {
    caller: options.caller,
    method: input.method,
    path: redactSecretPath(path),
    operation: `${operation.method} ${operation.path}`,
    body: input.body === undefined ? undefined : redactPersonalData(input.body),
  };
  if (input.dryRun) {
    options.log.info('webex request (dry run)', audit);
    const url = new URL(client.baseUrl + path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
    return {
      dryRun: true,
      request: { method: input.method, url: url.toString(), operation: audit.operation, query, body: input.body },
    };
  }

  try {
    if (input.all) {
      const result = await collectListing(client, path, resume?.query ?? query, operation, resume?.skip ?? 0, {
        maxPages: options.limits?.maxPages ?? MAX_PAGES,
        maxBytes: options.limits?.maxItemsBytes ?? MAX_ITEMS_BYTES,
      });
      options.log.info('webex request', { ...audit, status: 200, count: result.count, truncated: result.truncated });
      return result;
    }
    const res = await client.request(input.method, path, { query, body: input.body });
    options.log.info('webex request', { ...audit, status: res.status, trackingId: res.trackingId });
    return { status: res.status, trackingId: res.trackingId, data: res.data };
  } catch (error) {
    if (error instanceof WebexApiError) {
      options.log.warn('webex request', { ...audit, status: error.status, trackingId: error.trackingId });
      // Webex says only "forbidden"; the admin needs to know which scope to add to the Service App.
      if (error.status === 403) error.message += scopeHint(operation.scopes);
    }
    throw error;
  }
}

function scopeHint(scopes: readonly string[]): string {
  if (!scopes.length) return ". Cisco's documents name no scope for this operation: check the Service App's scopes and the admin role that authorized it";
  return `. This operation needs the scope${scopes.length > 1 ? 's' : ''} ${scopes.join(', ')}: add ${scopes.length > 1 ? 'them' : 'it'} to the Service App and have a full admin authorize it again`;
}

/**
 * Every item of a listing up to MAX_ITEMS, MAX_PAGES pages and `maxBytes` serialized; a truncated answer
 * carries a cursor naming the page to fetch next and how many of its items were already returned.
 */
async function collectListing(
  client: WebexClient,
  path: string,
  query: Record<string, string | number | boolean>,
  operation: Operation,
  skip: number,
  { maxPages, maxBytes }: { maxPages: number; maxBytes: number },
): Promise<Extract<WebexRequestResult, { items: unknown[] }>> {
  // A max of 0 or less asks for empty pages for ever; a small one spends a request per item (MAX_PAGES bounds that).
  const max = Math.max(1, Math.trunc(Number(query.max ?? 1000)) || 1000);
  const items: unknown[] = [];
  let bytes = 2;
  let page: { url: string; next?: string } = { url: '' };
  let inPage = 0;
  let stopped: ListingCursor | undefined;
  const pages = client.paginate(path, {
    query: { ...query, ...(query.max !== undefined || operation.offsetPaging ? { max } : {}) },
    // Cisco's response schema names the list; a telephony answer that disagrees still has one array.
    itemsKey: (first) => (first && typeof first === 'object' && Object.hasOwn(first, operation.listKey!) ? operation.listKey : pickItemsKey(first)),
    offsetPaging: operation.offsetPaging ? { max } : undefined,
    maxPages,
    onPage: (p) => {
      page = p;
      inPage = 0;
    },
  });
  for await (const item of pages) {
    inPage++;
    if (skip > 0) {
      skip--;
      continue;
    }
    const size = Buffer.byteLength(JSON.stringify(item) ?? 'null') + 1;
    // One item always fits, so a continuation always makes progress.
    if (items.length >= MAX_ITEMS || (items.length > 0 && bytes + size > maxBytes)) {
      stopped = { page: page.url, skip: inPage - 1 };
      break;
    }
    items.push(item);
    bytes += size;
  }
  // The last page fetched links to another: the page cap stopped the listing.
  if (!stopped && page.next) stopped = { page: page.next, skip: 0 };
  return {
    status: 200,
    items,
    count: items.length,
    truncated: stopped !== undefined,
    ...(stopped ? { cursor: encodeCursor(stopped, client.baseUrl) } : {}),
  };
}

/** The listing's array: `items` for core APIs, the only array property for telephony lists. */
function pickItemsKey(page: unknown): string | undefined {
  if (!page || typeof page !== 'object') return undefined;
  const arrays = Object.entries(page).filter(([, v]) => Array.isArray(v)).map(([k]) => k);
  if (arrays.includes('items')) return 'items';
  return arrays.length === 1 ? arrays[0] : undefined;
}
