import type { WebexClient } from '../../webex/client';
import type { NumberObject } from '../../webex/schemas';
import { extensionHolder, findNumber } from '../../webex/telephony-api';
import { ExtensionTakenError, NumberNotInLocationError, NumberTakenError } from './errors';

/**
 * Pre-checks before a number or extension is given to someone, so the caller gets a reason instead of
 * Webex's generic 400. They are advisory: someone can take the number between the check and the write,
 * so writers still classify Webex's refusal (re-running these checks).
 */

export function describeOwner(owner: NonNullable<NumberObject['owner']>): string {
  const name = [owner.firstName, owner.lastName].filter(Boolean).join(' ');
  const kind = owner.type === 'PEOPLE' || !owner.type ? 'user' : owner.type.toLowerCase().replace(/_/g, ' ');
  return name ? `${kind} ${name}` : `a ${kind}${owner.id ? ` (${owner.id})` : ''}`;
}

/** The number, which must exist in `location` and belong to nobody but `personId`. */
export async function requireFreeNumberInLocation(
  client: WebexClient,
  phoneNumber: string,
  location: { id: string; name?: string },
  personId?: string,
): Promise<NumberObject> {
  const where = location.name ? `location "${location.name}"` : `location ${location.id}`;
  const n = await findNumber(client, phoneNumber);
  if (!n) {
    throw new NumberNotInLocationError(
      `${phoneNumber} is not a number of your Webex organisation: add it to ${where} first (POST /locations/{location}/numbers)`,
    );
  }
  if (n.location?.id !== location.id) {
    throw new NumberNotInLocationError(`${phoneNumber} belongs to location "${n.location?.name ?? n.location?.id}", not to ${where}`);
  }
  if (n.owner && (!personId || n.owner.id !== personId)) {
    throw new NumberTakenError(`${phoneNumber} is already assigned to ${describeOwner(n.owner)}`);
  }
  return n;
}

/** Throws unless nobody but `personId` has `extension` in the location. */
export async function requireFreeExtension(
  client: WebexClient,
  extension: string,
  location: { id: string; name?: string },
  personId?: string,
): Promise<void> {
  const holder = await extensionHolder(client, location.id, extension);
  if (holder && (!personId || holder.owner?.id !== personId)) {
    const who = holder.owner ? describeOwner(holder.owner) : holder.phoneNumber ?? 'another entry';
    throw new ExtensionTakenError(`Extension ${extension} is already used in location "${location.name ?? location.id}" by ${who}`);
  }
}
