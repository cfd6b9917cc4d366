import * as z from 'zod';
import { NotFoundError } from '../../errors';
import { logger } from '../../logger';
import { UserMovedDetail } from '../../schemas/lifecycle-events';
import type { WebexClient } from '../../webex/client';
import { findPersonIdByEmail, getPerson } from '../../webex/people-api';
import { FieldChange } from '../../activity/records';
import { updateUserWithChanges } from '../users/update-user';
import { EnableCallingInput } from '../../schemas/calling';
import { NestedCalling, definedFields, lifecycleState, outcomeDetail } from './state';

/** The mover (statemachines/mover.asl.json): find the user, move calling (nested Enable Calling) if the location changes, update the profile. */

export const MoverUser = z.object({
  id: z.string(),
  email: z.string(),
  hasLocationChange: z.boolean(),
  /** The nested Enable Calling execution's input (MoveLocation's `Input.$`), with a location change. */
  callingRequest: EnableCallingInput.optional(),
});
export const MoverProfile = z.object({ changed: z.boolean(), fields: z.array(z.string()), note: z.string().optional(), changes: z.array(FieldChange).optional() });

/** `$.move`: the nested execution's name (NameFirstMove / NameMoveAfterWait). */
const MoveName = z.object({ executionName: z.string() });

const moverParts = { user: MoverUser.optional(), move: MoveName.optional(), calling: NestedCalling.optional(), profile: MoverProfile.optional() };
export const MoverState = lifecycleState(UserMovedDetail, moverParts);
export type MoverState = z.infer<typeof MoverState>;
/** The mover's state as BuildOutcome reads it (outcomeDetail). */
export const MoverOutcomeState = lifecycleState(outcomeDetail(UserMovedDetail), moverParts);
export type MoverOutcomeState = z.infer<typeof MoverOutcomeState>;

/** The mover's user, and what Enable Calling needs to move it when the location changes. */
export async function moverPrepare(client: WebexClient, { detail }: MoverState): Promise<z.infer<typeof MoverUser>> {
  const id = await findPersonIdByEmail(client, detail.email);
  const person = id ? await getPerson(client, id) : undefined;
  if (!person) throw new NotFoundError(`No Webex user with e-mail ${detail.email}`);
  if (!detail.location) return { id: person.id, email: detail.email, hasLocationChange: false };
  // Held to Enable Calling's schema here (the extension is Webex's): every later step reads the state through it.
  const callingRequest = EnableCallingInput.parse(definedFields({
    user: person.id,
    location: detail.location,
    phoneNumber: detail.phoneNumber,
    // The extension travels with the user unless the event names a new one.
    extension: detail.extension ?? person.extension,
    // Land on a number from the new location's pool unless the event names one.
    autoAssignNumber: detail.phoneNumber ? undefined : true,
    fallbackPhoneNumber: detail.fallbackPhoneNumber,
    move: true,
  }));
  return { id: person.id, email: detail.email, hasLocationChange: true, callingRequest };
}

export async function moverUpdateProfile(client: WebexClient, { detail, user }: MoverState): Promise<z.infer<typeof MoverProfile>> {
  const userId = user?.id;
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
