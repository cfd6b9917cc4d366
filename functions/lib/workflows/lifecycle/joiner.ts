import * as z from 'zod';
import { UserJoinedDetail } from '../../schemas/lifecycle-events';
import type { WebexClient } from '../../webex/client';
import { createUser } from '../users/create-user';
import { NestedCalling, lifecycleStateBase } from './state';

/** The joiner (statemachines/joiner.asl.json): create the user, then Enable Calling as a nested execution. */

export const JoinerUser = z.object({ id: z.string(), email: z.string(), created: z.boolean(), callingRequest: z.record(z.string(), z.unknown()) });

export const JoinerState = z.object({ ...lifecycleStateBase, user: JoinerUser.optional(), calling: NestedCalling.optional() });
export type JoinerState = z.infer<typeof JoinerState>;

export async function joinerCreateUser(client: WebexClient, state: JoinerState): Promise<z.infer<typeof JoinerUser>> {
  const detail = UserJoinedDetail.parse(state.detail);
  const { created, user } = await createUser(client, {
    email: detail.email,
    firstName: detail.firstName,
    lastName: detail.lastName,
    displayName: detail.displayName,
    department: detail.department,
    title: detail.title,
  });
  // Enable Calling's input (its own schema): the nested execution validates it again.
  const callingRequest = {
    user: user.id,
    location: detail.location,
    phoneNumber: detail.phoneNumber,
    extension: detail.extension,
    autoAssignNumber: detail.autoAssignNumber ?? (!detail.phoneNumber && !detail.extension ? true : undefined),
    license: detail.license,
  };
  return { id: user.id, email: user.email ?? detail.email, created, callingRequest: JSON.parse(JSON.stringify(callingRequest)) };
}
