import type { WebexClient } from '../../webex/client';
import type { NumberObject } from '../../webex/schemas';
import { ValidationError } from '../../errors';
import { extensionHolder, findNumber, validateExtension } from '../../webex/telephony-api';
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
  // "Reserved numbers cannot be assigned to people, features, or services" (Cisco's numbers document, isReservedNumber).
  if (n.isReservedNumber && !n.owner) throw new NumberTakenError(`${phoneNumber} is reserved in ${where}: Webex does not assign reserved numbers`);
  return n;
}

/**
 * Throws unless `extension` is usable in the location by `personId`: Webex's Validate Extensions action
 * catches what the list of numbers does not show (call park extensions, 9495 → 409; emergency numbers such
 * as 911, 4911, and other invalid ones → 400 naming `extension`). A DUPLICATE is looked up to name the
 * holder, and is no conflict when the holder is `personId`.
 */
export async function requireFreeExtension(
  client: WebexClient,
  extension: string,
  location: { id: string; name?: string },
  personId?: string,
): Promise<void> {
  const where = `location "${location.name ?? location.id}"`;
  const check = await validateExtension(client, location.id, extension);
  if (!check || check.state === 'VALID') return;
  const said = check.message ?? `${check.state}${check.errorCode ? ` (error ${check.errorCode})` : ''}`;
  if (check.state === 'INVALID') throw new ValidationError([{ field: 'extension', message: `Webex refuses extension ${extension}: ${said}` }]);
  if (check.errorCode === 9495) throw new ExtensionTakenError(`Extension ${extension} is a call park extension in ${where} (Webex: ${said})`);
  const holder = await extensionHolder(client, location.id, extension);
  if (holder && personId && holder.owner?.id === personId) return;
  const who = holder ? (holder.owner ? describeOwner(holder.owner) : holder.phoneNumber ?? 'another entry') : undefined;
  throw new ExtensionTakenError(`Extension ${extension} is already used in ${where}${who ? ` by ${who}` : ''} (Webex: ${said})`);
}
