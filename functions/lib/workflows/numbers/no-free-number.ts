import type { WebexClient } from '../../webex/client';
import { pstnConnectionType } from '../../webex/reference-data';

/**
 * PSTN connections whose numbers come by order from the provider: Cisco says adding numbers through the API
 * "should never be used" for them (webex-numbers.yml), and POST /locations/{location}/numbers refuses it.
 */
export const INTEGRATED_PSTN_TYPES: ReadonlySet<string> = new Set(['INTEGRATED_CCP', 'CISCO_PSTN']);

/** What to do about a location without a free number, for its PSTN connection type (unknown: both ways). */
export function freeNumberAdvice(pstnType: string | undefined): string {
  if (pstnType && INTEGRATED_PSTN_TYPES.has(pstnType)) {
    return `its numbers come by order from its PSTN provider (${pstnType}): order one there, or name a free number`;
  }
  if (pstnType) return 'add numbers to it first (POST /locations/{location}/numbers), or name a free number';
  return 'add numbers to it (POST /locations/{location}/numbers, Local Gateway and non-integrated CCP only) or order them from its PSTN provider';
}

/** The advice for this location, reading its PSTN connection; a connection that cannot be read leaves both ways open. */
export async function freeNumberAdviceFor(client: WebexClient, locationId: string): Promise<string> {
  const type = await pstnConnectionType(client, locationId).catch(() => undefined);
  return freeNumberAdvice(type);
}
