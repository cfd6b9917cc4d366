import { NotFoundError } from '../../errors';
import type { WebexClient } from '../../webex/client';
import { findPersonIdByEmail, getPerson } from '../../webex/people-api';
import type { Person } from '../../webex/schemas';
import type { StepCall, StepWebexRequests } from '../task-steps';

export const isEmail = (ref: string) => ref.includes('@');

/** The person id for `{user}` (an e-mail or an id); e-mails cost one look-up, ids none. */
export async function resolvePersonId(client: WebexClient, ref: string): Promise<string> {
  if (!isEmail(ref)) return ref;
  const id = await findPersonIdByEmail(client, ref);
  if (!id) throw new NotFoundError(`No Webex user with e-mail ${ref}`);
  return id;
}

/**
 * The full person record (licenses and calling data included) for `{user}`. Read by id even after an
 * e-mail search: only the per-person read is documented to carry every admin field, and a PUT built
 * from anything less would drop what it lacks.
 */
export async function resolvePerson(client: WebexClient, ref: string): Promise<Person> {
  const id = await resolvePersonId(client, ref);
  const person = await getPerson(client, id);
  if (!person) throw new NotFoundError(`No Webex user ${isEmail(ref) ? `with e-mail ${ref}` : `with id ${ref}`}`);
  return person;
}

/**
 * A route row's Webex requests (`webex`) for a call that resolves `{user}` with resolvePerson, then makes `then`:
 * by id the person's read; by e-mail (condition `userByEmail`) the search first.
 */
export const afterResolvingPerson = (then: readonly StepCall[]): StepWebexRequests => ({
  calls: ['GET /people/{id}', ...then],
  when: { userByEmail: ['GET /people', 'GET /people/{id}', ...then] },
});
