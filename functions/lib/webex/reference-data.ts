import * as z from 'zod';
import type { WebexClient } from './client';
import { TtlCache } from './cache';
import { isWebexStatus } from './errors';
import { LicenseSchema, LocationSchema, type License, type Location } from './schemas';

// Each for as long as the client's referenceCacheTtlMs (WEBEX_REFERENCE_CACHE_TTL_MS) says.
const licenseCache = new TtlCache<License[]>();
const locationCache = new TtlCache<Location | null>();
// Only "yes" is cached: a location enabled for calling a minute ago must not stay refused for the TTL.
const callingLocationCache = new TtlCache<boolean>();

/**
 * Every license of the org (cached): names for ids, and free units. `fresh` reads Webex and refreshes
 * the cache, for decisions that depend on the unit counts of this moment.
 */
export function listLicenses(client: WebexClient, options: { fresh?: boolean } = {}): Promise<License[]> {
  if (options.fresh) licenseCache.delete(client.baseUrl);
  return licenseCache.getOrLoad(client.baseUrl, client.referenceCacheTtlMs, () => client.list('/licenses', { itemSchema: LicenseSchema }));
}

/** A location by id (cached), or undefined when Webex does not know it. */
export async function getLocation(client: WebexClient, locationId: string): Promise<Location | undefined> {
  const found = await locationCache.getOrLoad(`${client.baseUrl} ${locationId}`, client.referenceCacheTtlMs, async () => {
    try {
      return (await client.get(`/locations/${encodeURIComponent(locationId)}`, { schema: LocationSchema })).data;
    } catch (error) {
      if (isWebexStatus(error, 404)) return null;
      throw error;
    }
  });
  return found ?? undefined;
}

/**
 * Is the location enabled for Webex Calling? `/locations` lists every location; only the ones
 * `/telephony/config/locations` knows take calling users and numbers (webex-locations.yml), and Webex
 * answers telephony calls about the others with an unclassified 400.
 */
export async function isCallingLocation(client: WebexClient, locationId: string): Promise<boolean> {
  const key = `${client.baseUrl} ${locationId}`;
  const enabled = await callingLocationCache.getOrLoad(key, client.referenceCacheTtlMs, async () => {
    try {
      await client.get(`/telephony/config/locations/${encodeURIComponent(locationId)}`);
      return true;
    } catch (error) {
      if (isWebexStatus(error, 404, 400)) return false;
      throw error;
    }
  });
  if (!enabled) callingLocationCache.delete(key);
  return enabled;
}

const PstnConnectionSchema = z.looseObject({ pstnConnectionType: z.string().optional(), displayName: z.string().optional() });

/**
 * The location's PSTN connection type (`LOCAL_GATEWAY`, `NON_INTEGRATED_CCP`, `INTEGRATED_CCP`,
 * `CISCO_PSTN`: calling/webex-pstn.yml, PSTNType), or undefined when none is set up. Needs
 * spark-admin:telephony_pstn_read. Not cached: it decides whether numbers may be added.
 */
export async function pstnConnectionType(client: WebexClient, locationId: string): Promise<string | undefined> {
  try {
    const res = await client.get(`/telephony/pstn/locations/${encodeURIComponent(locationId)}/connection`, { schema: PstnConnectionSchema });
    return res.data.pstnConnectionType;
  } catch (error) {
    if (isWebexStatus(error, 404)) return undefined;
    throw error;
  }
}

/** Locations whose name contains `name` (Webex matches case-insensitively); not cached, names change. */
export function findLocationsByName(client: WebexClient, name: string): Promise<Location[]> {
  return client.list('/locations', { query: { name }, itemSchema: LocationSchema });
}

/** For tests: forget cached reference data. */
export function clearReferenceCache(): void {
  licenseCache.clear();
  locationCache.clear();
  callingLocationCache.clear();
}
