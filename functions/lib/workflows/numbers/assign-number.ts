import { ConflictError } from '../../errors';
import { logger } from '../../logger';
import type { AssignNumberInput, UserNumbersView } from '../../schemas/numbers';
import type { WebexClient } from '../../webex/client';
import { WebexApiError, WebexNetworkError, isWebexFault } from '../../webex/errors';
import { getLocation } from '../../webex/reference-data';
import type { Person } from '../../webex/schemas';
import { changeAlternateNumbers, getPersonNumbers } from '../../webex/telephony-api';
import { resolvePerson } from '../users/resolve-user';
import { NotCallingEnabledError } from './errors';
import { requireFreeExtension, requireFreeNumberInLocation } from './number-checks';
import { holding, toUserNumbersView } from './user-numbers';

export interface NumberChangeResult {
  changed: boolean;
  numbers: UserNumbersView;
}

const MAX_PUT_ATTEMPTS = 2;

/**
 * Assign Phone Number to Webex User, as an alternate number. Safe to retry: a number the user already
 * holds is a no-op. The PUT is not idempotent (a resent ADD fails as "already assigned"), so after any
 * failure we read the user's numbers to learn whether it was applied before deciding anything else.
 */
export async function assignNumber(client: WebexClient, input: AssignNumberInput): Promise<NumberChangeResult> {
  const person = await requireCallingPerson(client, input.user);
  const before = await getPersonNumbers(client, person.id);
  const held = before?.phoneNumbers.find((n) => n.directNumber === input.phoneNumber);
  if (held) {
    if (input.extension && held.extension !== input.extension) {
      throw new ConflictError(
        `${input.user} already holds ${input.phoneNumber} with ${held.extension ? `extension ${held.extension}` : 'no extension'}; ` +
          'unassign it first to change its extension',
      );
    }
    return { changed: false, numbers: await toUserNumbersView(client, person, before) };
  }

  const location = { id: person.locationId as string, name: (await getLocation(client, person.locationId as string))?.name };
  const checkPreconditions = async () => {
    await requireFreeNumberInLocation(client, input.phoneNumber, location);
    if (input.extension) await requireFreeExtension(client, input.extension, location);
  };
  await checkPreconditions();

  for (let attempt = 1; ; attempt++) {
    try {
      await changeAlternateNumbers(client, person.id, [
        { action: 'ADD', directNumber: input.phoneNumber, extension: input.extension, ringPattern: input.ringPattern },
      ]);
      break;
    } catch (error) {
      if (!(error instanceof WebexApiError || error instanceof WebexNetworkError)) throw error;
      const after = await getPersonNumbers(client, person.id);
      if (holding(after, input.phoneNumber) === 'alternate') {
        logger.info('assign number: applied despite the error', { status: error instanceof WebexApiError ? error.status : error.name });
        break;
      }
      const transient = isWebexFault(error);
      if (transient && attempt < MAX_PUT_ATTEMPTS) continue;
      // Someone may have taken the number or extension since we checked: say so rather than "400".
      if (!transient) await checkPreconditions();
      throw error;
    }
  }
  return { changed: true, numbers: await toUserNumbersView(client, person, await getPersonNumbers(client, person.id)) };
}

export async function requireCallingPerson(client: WebexClient, ref: string): Promise<Person & { locationId: string }> {
  const person = await resolvePerson(client, ref);
  if (!person.locationId) {
    throw new NotCallingEnabledError(`${ref} is not a Webex Calling user: enable calling first (POST /users/{user}/calling)`);
  }
  return person as Person & { locationId: string };
}
