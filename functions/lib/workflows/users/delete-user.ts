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
  await deleteFoundUser(client, id, ref);
  return { userId: id, email };
}

/**
 * Delete a user already found (its id read from Webex): no read first. A 404 on a resent DELETE, or for a user
 * found by e-mail, means the user is gone, which is what was wanted; any other 404 or 400 is a NotFoundError.
 */
export async function deleteFoundUser(client: WebexClient, id: string, ref: string = id): Promise<void> {
  try {
    await deletePerson(client, id);
  } catch (error) {
    if (!isWebexStatus(error, 404, 400)) throw error;
    // The client resends a DELETE after a 5xx or a lost connection: a 404 on a later attempt means an
    // earlier one was applied. A user we just found by e-mail and now cannot find is gone too.
    if (error.status === 404 && (error.attempts > 1 || isEmail(ref))) return;
    throw new NotFoundError(`No Webex user with id ${ref}`, { cause: error });
  }
}
