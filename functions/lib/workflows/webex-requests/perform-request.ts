import type { LogSink } from '../../logger';
import type { WebexClient } from '../../webex/client';
import { WebexApiError } from '../../webex/errors';
import { checkWebexRequest, type WebexRequestInput } from './guard';
import { redactPersonalData } from './redact';

export const MAX_ITEMS = 5000;

export type WebexRequestResult =
  | { dryRun: true; request: { method: string; url: string; operation: string; query: Record<string, unknown>; body?: unknown } }
  | { status: number; trackingId?: string; data?: unknown }
  | { status: number; items: unknown[]; count: number; truncated: boolean };

/**
 * Any People or Calling-configuration call, through the same client as the named workflows (token,
 * Retry-After, backoff, typed errors), after the guard rails pass. Every call is audit-logged with who
 * asked, the operation, the status and the trackingId; bodies only with personal data redacted.
 */
export async function performWebexRequest(
  client: WebexClient,
  input: WebexRequestInput,
  options: { allowedPrefixes: readonly string[]; caller: string; log: LogSink },
): Promise<WebexRequestResult> {
  const { operation, query } = checkWebexRequest(input, options.allowedPrefixes);
  const audit = {
    caller: options.caller,
    method: input.method,
    path: input.path,
    operation: `${operation.method} ${operation.path}`,
    body: input.body === undefined ? undefined : redactPersonalData(input.body),
  };
  if (input.dryRun) {
    options.log.info('webex request (dry run)', audit);
    const url = new URL(client.baseUrl + input.path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
    return {
      dryRun: true,
      request: { method: input.method, url: url.toString(), operation: audit.operation, query, body: input.body },
    };
  }

  try {
    if (input.all) {
      const max = Number(query.max ?? 1000);
      const items: unknown[] = [];
      let truncated = false;
      for await (const item of client.paginate(input.path, {
        query,
        itemsKey: pickItemsKey,
        offsetPaging: operation.offsetPaging ? { max } : undefined,
      })) {
        if (items.length >= MAX_ITEMS) {
          truncated = true;
          break;
        }
        items.push(item);
      }
      options.log.info('webex request', { ...audit, status: 200, count: items.length, truncated });
      return { status: 200, items, count: items.length, truncated };
    }
    const res = await client.request(input.method, input.path, { query, body: input.body });
    options.log.info('webex request', { ...audit, status: res.status, trackingId: res.trackingId });
    return { status: res.status, trackingId: res.trackingId, data: res.data };
  } catch (error) {
    if (error instanceof WebexApiError) {
      options.log.warn('webex request', { ...audit, status: error.status, trackingId: error.trackingId });
    }
    throw error;
  }
}

/** The listing's array: `items` for core APIs, the only array property for telephony lists. */
function pickItemsKey(page: unknown): string | undefined {
  if (!page || typeof page !== 'object') return undefined;
  const arrays = Object.entries(page).filter(([, v]) => Array.isArray(v)).map(([k]) => k);
  if (arrays.includes('items')) return 'items';
  return arrays.length === 1 ? arrays[0] : undefined;
}
