import * as z from 'zod';
import { NotFoundError } from '../../errors';
import { logger } from '../../logger';
import { UserMovedDetail } from '../../schemas/lifecycle-events';
import type { WebexClient } from '../../webex/client';
import { findPersonIdByEmail, getPerson } from '../../webex/people-api';
import { FieldChange } from '../../activity/records';
import { updateUserWithChanges } from '../users/update-user';
import { NestedCalling, lifecycleStateBase } from './state';

/** The mover (statemachines/mover.asl.json): find the user, move calling (nested Enable Calling) if the location changes, update the profile. */

export const MoverUser = z.object({
  id: z.string(),
  email: z.string(),
  hasLocationChange: z.boolean(),
  callingRequest: z.record(z.string(), z.unknown()).optional(),
});
export const MoverProfile = z.object({ changed: z.boolean(), fields: z.array(z.string()), note: z.string().optional(), changes: z.array(FieldChange).optional() });

export const MoverState = z.object({ ...lifecycleStateBase, user: MoverUser.optional(), calling: NestedCalling.optional(), profile: MoverProfile.optional() });
export type MoverState = z.infer<typeof MoverState>;

/** The mover's user, and what Enable Calling needs to move it when the location changes. */
export async function moverPrepare(client: WebexClient, state: MoverState): Promise<z.infer<typeof MoverUser>> {
  const detail = UserMovedDetail.parse(state.detail);
  const id = await findPersonIdByEmail(client, detail.email);
  const person = id ? await getPerson(client, id) : undefined;
  if (!person) throw new NotFoundError(`No Webex user with e-mail ${detail.email}`);
  if (!detail.location) return { id: person.id, email: detail.email, hasLocationChange: false };
  const callingRequest = {
    user: person.id,
    location: detail.location,
    phoneNumber: detail.phoneNumber,
    // The extension travels with the user unless the event names a new one.
    extension: detail.extension ?? person.extension,
    // Land on a number from the new location's pool unless the event names one.
    autoAssignNumber: detail.phoneNumber ? undefined : true,
    fallbackPhoneNumber: detail.fallbackPhoneNumber,
    move: true,
  };
  return { id: person.id, email: detail.email, hasLocationChange: true, callingRequest: JSON.parse(JSON.stringify(callingRequest)) };
}

export async function moverUpdateProfile(client: WebexClient, state: MoverState): Promise<z.infer<typeof MoverProfile>> {
  const detail = UserMovedDetail.parse(state.detail);
  const userId = state.user?.id;
  if (!detail.profile || !userId) return { changed: false, fields: [] as string[] };
  const wanted = Object.entries(detail.profile).filter(([, v]) => v !== undefined) as [string, string | null][];
  const fields = wanted.map(([k]) => k);
  try {
    const { changes } = await updateUserWithChanges(client, { user: userId, ...detail.profile });
    return { changed: true, fields, changes };
  } catch (error) {
    // Webex may have applied the PUT and still answered with an error: then the profile has changed, and the
    // outcome must say so rather than report a failed update the service desk would redo by hand.
    const now = await getPerson(client, userId).catch(() => undefined);
    const holds = now && wanted.every(([k, v]) => ((now as Record<string, unknown>)[k] ?? null) === v);
    if (!holds) throw error;
    logger.warn('mover: the profile update answered an error but Webex shows it applied', { userId, fields });
    return { changed: true, fields, note: 'Webex answered the update with an error, but shows it applied', changes: wanted.map(([field, after]) => ({ field, after })) };
  }
}
