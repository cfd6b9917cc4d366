import type { WebexClient } from './client';
import { TtlCache } from './cache';
import { isWebexStatus } from './errors';
import { LicenseSchema, LocationSchema, type License, type Location } from './schemas';

const REFERENCE_TTL_MS = Number(process.env.WEBEX_REFERENCE_CACHE_TTL_MS ?? 5 * 60_000);
const licenseCache = new TtlCache<License[]>(REFERENCE_TTL_MS);
const locationCache = new TtlCache<Location | null>(REFERENCE_TTL_MS);

/**
 * Every license of the org (cached): names for ids, and free units. `fresh` reads Webex and refreshes
 * the cache, for decisions that depend on the unit counts of this moment.
 */
export function listLicenses(client: WebexClient, options: { fresh?: boolean } = {}): Promise<License[]> {
  if (options.fresh) licenseCache.delete(client.baseUrl);
  return licenseCache.getOrLoad(client.baseUrl, () => client.list('/licenses', { itemSchema: LicenseSchema }));
}

/** A location by id (cached), or undefined when Webex does not know it. */
export async function getLocation(client: WebexClient, locationId: string): Promise<Location | undefined> {
  const found = await locationCache.getOrLoad(`${client.baseUrl} ${locationId}`, async () => {
    try {
      return (await client.get(`/locations/${encodeURIComponent(locationId)}`, { schema: LocationSchema })).data;
    } catch (error) {
      if (isWebexStatus(error, 404)) return null;
      throw error;
    }
  });
  return found ?? undefined;
}

/** Locations whose name contains `name` (Webex matches case-insensitively); not cached, names change. */
export function findLocationsByName(client: WebexClient, name: string): Promise<Location[]> {
  return client.list('/locations', { query: { name }, itemSchema: LocationSchema });
}

/** For tests: forget cached reference data. */
export function clearReferenceCache(): void {
  licenseCache.clear();
  locationCache.clear();
}
