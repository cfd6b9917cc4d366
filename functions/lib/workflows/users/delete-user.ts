import { NotFoundError } from '../../errors';
import type { WebexClient } from '../../webex/client';
import { isWebexStatus } from '../../webex/errors';
import { deletePerson, getPerson } from '../../webex/people-api';
import { isEmail, resolvePersonId } from './resolve-user';

/**
 * Delete Webex User. Webex frees the user's licenses, numbers and extension. Says who was deleted: a user named by
 * id is read first (one request) for the e-mail its activity record is kept under.
 */
export async function deleteUser(client: WebexClient, ref: string): Promise<{ userId: string; email: string }> {
  let email = ref;
  if (!isEmail(ref)) {
    const person = await getPerson(client, ref);
    if (!person) throw new NotFoundError(`No Webex user with id ${ref}`);
    email = person.emails[0] ?? ref;
  }
  const id = await resolvePersonId(client, ref);
  try {
    await deletePerson(client, id);
  } catch (error) {
    if (!isWebexStatus(error, 404, 400)) throw error;
    // The client resends a DELETE after a 5xx or a lost connection: a 404 on a later attempt means an
    // earlier one was applied. A user we just found by e-mail and now cannot find is gone too.
    if (error.status === 404 && (error.attempts > 1 || isEmail(ref))) return { userId: id, email };
    throw new NotFoundError(`No Webex user with id ${ref}`, { cause: error });
  }
  return { userId: id, email };
}
