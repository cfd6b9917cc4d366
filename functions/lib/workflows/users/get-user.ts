import type { UserView } from '../../schemas/users';
import type { WebexClient } from '../../webex/client';
import { resolvePerson } from './resolve-user';
import { toUserView } from './user-view';

/** Get Webex User, with licenses and calling details. */
export async function getUser(client: WebexClient, ref: string): Promise<UserView> {
  return toUserView(client, await resolvePerson(client, ref));
}
