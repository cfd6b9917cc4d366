import { createHash } from 'node:crypto';
import { ValidationError } from '../../errors';
import { MAX_LIST_LIMIT, type ListNumbersInput } from '../../schemas/numbers';
import type { WebexClient } from '../../webex/client';
import type { NumberObject } from '../../webex/schemas';
import { listNumbersPage, TELEPHONY_MAX_PAGE } from '../../webex/telephony-api';
import { resolveLocation } from './resolve-location';
import type { ListNumbersResult, NumberView } from '../../schemas/number-answers';

export type { ListNumbersResult };

/**
 * List Webex Phone Numbers. Reads every Webex page (start/max, up to 2000 per page) until `limit`
 * numbers are collected; a larger org is read in parts through `nextCursor`. The cursor is Webex's
 * offset bound to the filters, so numbers added or removed between parts can shift it, as in Webex.
 */
export async function listNumbers(client: WebexClient, input: ListNumbersInput): Promise<ListNumbersResult> {
  // A forged cursor is refused before anything is sent to Webex.
  const cursor = input.cursor ? decodeCursor(input.cursor) : undefined;
  const location = input.location ? await resolveLocation(client, input.location) : undefined;
  const query = { available: input.available, locationId: location?.id, ownerType: input.ownerType };
  const filters = filterKey(query);
  if (cursor && cursor.f !== filters) {
    throw new ValidationError([{ field: 'cursor', message: 'belongs to a listing with other filters: repeat the same filters' }]);
  }
  const first = cursor?.s ?? 0;
  const limit = input.limit ?? MAX_LIST_LIMIT;

  const items: NumberObject[] = [];
  let more = false;
  while (items.length < limit) {
    const want = limit - items.length;
    // One more than wanted tells us, without another request, whether a next part exists.
    const max = Math.min(TELEPHONY_MAX_PAGE, want + 1);
    const page = await listNumbersPage(client, query, first + items.length, max);
    items.push(...page.items.slice(0, want));
    if (page.items.length > want) {
      more = true;
      break;
    }
    if (!page.full) break;
  }
  return {
    items: items.map(toNumberView),
    count: items.length,
    ...(more ? { nextCursor: encodeCursor(first + items.length, filters) } : {}),
  };
}

function toNumberView(n: NumberObject): NumberView {
  return {
    phoneNumber: n.phoneNumber,
    extension: n.extension,
    esn: n.esn,
    state: n.state,
    phoneNumberType: n.phoneNumberType,
    mainNumber: n.mainNumber,
    tollFreeNumber: n.tollFreeNumber,
    serviceNumber: n.isServiceNumber,
    reservedNumber: n.isReservedNumber,
    telephonyType: n.includedTelephonyTypes,
    location: n.location ? { id: n.location.id, name: n.location.name } : undefined,
    owner: n.owner
      ? { id: n.owner.id, type: n.owner.type, firstName: n.owner.firstName, lastName: n.owner.lastName }
      : undefined,
  };
}

function filterKey(query: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 12);
}

function encodeCursor(start: number, filters: string): string {
  return Buffer.from(JSON.stringify({ s: start, f: filters }), 'utf8').toString('base64url');
}

/** The cursor's offset and filter key, or a 400: it decodes to anything (`null`, an array, a huge number) when forged. */
function decodeCursor(cursor: string): { s: number; f: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const { s, f } = (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : {}) as { s?: unknown; f?: unknown };
  if (typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0 || typeof f !== 'string') {
    throw new ValidationError([{ field: 'cursor', message: 'is not a cursor from this API' }]);
  }
  return { s, f };
}
