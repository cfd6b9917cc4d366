import type { WebexClient } from '../../webex/client';
import { findPersonIdByEmail, getPerson, replacePerson, toPersonUpdate } from '../../webex/people-api';
import { ChangeNotAppliedError } from '../calling/errors';

const signInDisabled = (loginEnabled: unknown) => loginEnabled === false || loginEnabled === 'false';

/**
 * Sign-in enabled again for a returning user, the reverse of the Leaver's `deactivate` (loginEnabled false):
 * read-modify-write (PUT replaces the record), then read back, since the PUT's 2xx alone does not show it.
 * A user whose sign-in was never disabled (the `removeCalling` policy) is left as it is; a user Webex no longer has
 * is `gone` (the Joiner that follows creates them).
 */
export async function restoreSignIn(client: WebexClient, email: string): Promise<{ action: 'restored' | 'unchanged' | 'gone' }> {
  const id = await findPersonIdByEmail(client, email);
  const person = id ? await getPerson(client, id) : undefined;
  if (!person) return { action: 'gone' };
  if (!signInDisabled(person.loginEnabled)) return { action: 'unchanged' };
  const body = toPersonUpdate(person, { loginEnabled: true });
  for (const [key, value] of Object.entries(body)) if (value === null) delete body[key];
  await replacePerson(client, person.id, body);
  const after = await getPerson(client, person.id);
  if (after && signInDisabled(after.loginEnabled)) throw new ChangeNotAppliedError('Webex accepted enabling sign-in (loginEnabled: true) but still shows the user unable to sign in');
  return { action: 'restored' };
}
