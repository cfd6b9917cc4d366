import * as z from 'zod';
import { EnableCallingInput } from '../../schemas/calling';
import { UserJoinedDetail } from '../../schemas/lifecycle-events';
import type { WebexClient } from '../../webex/client';
import { createUser } from '../users/create-user';
import { NestedCalling, definedFields, lifecycleState, outcomeDetail } from './state';

/** The joiner (statemachines/joiner.asl.json): create the user, then Enable Calling as a nested execution. */

/** `$.user`: the user, and the nested Enable Calling execution's input (EnableCalling's `Input.$`). */
export const JoinerUser = z.object({ id: z.string(), email: z.string(), created: z.boolean(), callingRequest: EnableCallingInput });

const joinerParts = { user: JoinerUser.optional(), calling: NestedCalling.optional() };
export const JoinerState = lifecycleState(UserJoinedDetail, joinerParts);
export type JoinerState = z.infer<typeof JoinerState>;
/** The joiner's state as BuildOutcome reads it (outcomeDetail). */
export const JoinerOutcomeState = lifecycleState(outcomeDetail(UserJoinedDetail), joinerParts);
export type JoinerOutcomeState = z.infer<typeof JoinerOutcomeState>;

export async function joinerCreateUser(client: WebexClient, { detail }: JoinerState): Promise<z.infer<typeof JoinerUser>> {
  const { created, user } = await createUser(client, {
    email: detail.email,
    firstName: detail.firstName,
    lastName: detail.lastName,
    displayName: detail.displayName,
    department: detail.department,
    title: detail.title,
  });
  // Enable Calling's input, held to its schema here: every later step and BuildOutcome read the state through it.
  const callingRequest = EnableCallingInput.parse(definedFields({
    user: user.id,
    location: detail.location,
    phoneNumber: detail.phoneNumber,
    extension: detail.extension,
    autoAssignNumber: detail.autoAssignNumber ?? (!detail.phoneNumber && !detail.extension ? true : undefined),
    license: detail.license,
  }));
  return { id: user.id, email: user.email ?? detail.email, created, callingRequest };
}
