import type { Env } from '../config';
import { numberSetting, NUMBER_SETTINGS } from '../settings';
import { assignableNumber, readCallingLocations } from '../reconcile/org-snapshot';
import type { WebexClient } from '../webex/client';
import { NumberObjectSchema } from '../webex/schemas';
import { TELEPHONY_MAX_PAGE } from '../webex/telephony-api';

/** One Webex Calling location's pool: how many numbers a new user could take as primary number there. */
export interface LocationPool {
  locationId: string;
  location: string;
  free: number;
}

/** The watermark when the stack sets none: a location with fewer free numbers makes joiners fail soon. */
export const DEFAULT_NUMBER_POOL_LOW_WATERMARK = 5;
export const NUMBER_POOL_LOW_WATERMARK_ENV = NUMBER_SETTINGS.numberPoolLowWatermark.name;

export function numberPoolLowWatermark(env: Env): number {
  return numberSetting(env, 'numberPoolLowWatermark') ?? DEFAULT_NUMBER_POOL_LOW_WATERMARK;
}

/**
 * Free numbers per calling location, fewest first, at the fewest read-only requests: the calling locations (one
 * telephony page of up to 2000), and the org's numbers with `available=true` ("Search among the available phone
 * numbers", webex-numbers.yml, List Phone Numbers for a Organization), 2000 a page, counted by their `location`.
 * A number counts as free by the rule the workflows pick a new user's number with (`assignableNumber`: ACTIVE,
 * standard, not main, toll-free, service or reserved, nobody's), so the count is what joiners can actually take.
 * Every calling location is listed, an empty one with 0: that is the one the alarm is for.
 */
export async function countFreeNumbers(client: WebexClient): Promise<LocationPool[]> {
  const locations = await readCallingLocations(client);
  const free = new Map<string, number>();
  for await (const n of client.paginate('/telephony/config/numbers', {
    query: { available: true },
    itemsKey: 'phoneNumbers',
    itemSchema: NumberObjectSchema,
    offsetPaging: { max: TELEPHONY_MAX_PAGE },
  })) {
    const id = n.location?.id;
    if (id && assignableNumber(n)) free.set(id, (free.get(id) ?? 0) + 1);
  }
  return locations
    .map((l) => ({ locationId: l.id, location: l.name, free: free.get(l.id) ?? 0 }))
    .sort((a, b) => a.free - b.free || a.location.localeCompare(b.location));
}

/** The pools under the watermark, in plain words for the log line the alarm points to: `Branch Office: 2 free`. */
export function lowPools(pools: readonly LocationPool[], watermark: number): string[] {
  return pools.filter((p) => p.free < watermark).map((p) => `${p.location}: ${p.free} free`);
}
