import { ConflictError, NotFoundError } from '../../errors';
import { WEBEX_ID_PATTERN } from '../../schemas/fields';
import type { WebexClient } from '../../webex/client';
import { findLocationsByName, getLocation, isCallingLocation } from '../../webex/reference-data';
import { NotCallingLocationError } from './errors';
import type { Location } from '../../webex/schemas';

/**
 * Is `ref` a Webex location id? Ids are base64 of `ciscospark://<region>/LOCATION/<uuid>`; a name such
 * as "Headquarters" would also pass a character-class check, so decode instead of pattern-matching.
 */
export function isLocationId(ref: string): boolean {
  if (!WEBEX_ID_PATTERN.test(ref)) return false;
  const decoded = Buffer.from(ref, 'base64').toString('utf8');
  return /^ciscospark:\/\/[a-z0-9-]+\/LOCATION\/./.test(decoded);
}

/**
 * `{location}` (an id or a name) to the Webex location. Webex's `name` filter is a case-insensitive
 * "contains", so only an exact (case-insensitive) name counts; two locations with that name are a 409.
 */
export async function resolveLocation(client: WebexClient, ref: string): Promise<Location> {
  if (isLocationId(ref)) {
    const found = await getLocation(client, ref);
    if (!found) throw new NotFoundError(`No Webex location with id ${ref}`);
    return found;
  }
  const wanted = ref.trim().toLowerCase();
  const exact = (await findLocationsByName(client, ref.trim())).filter((l) => l.name.trim().toLowerCase() === wanted);
  if (exact.length === 0) throw new NotFoundError(`No Webex location named "${ref}"`);
  if (exact.length > 1) {
    throw new ConflictError(`${exact.length} Webex locations are named "${ref}": give the location id instead (${exact.map((l) => l.id).join(', ')})`);
  }
  return exact[0];
}

/** `{location}` as resolveLocation does, refused with 422 when it is not enabled for Webex Calling. */
export async function resolveCallingLocation(client: WebexClient, ref: string): Promise<Location> {
  const location = await resolveLocation(client, ref);
  if (!(await isCallingLocation(client, location.id))) {
    throw new NotCallingLocationError(
      `Location "${location.name}" is not enabled for Webex Calling: enable it in Control Hub (Calling > Locations) first`,
    );
  }
  return location;
}
