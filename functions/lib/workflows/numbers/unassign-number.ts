import { logger } from '../../logger';
import type { UnassignNumberInput } from '../../schemas/numbers';
import type { WebexClient } from '../../webex/client';
import { WebexApiError, WebexNetworkError, isWebexFault } from '../../webex/errors';
import { changeAlternateNumbers, getPersonNumbers } from '../../webex/telephony-api';
import { requireCallingPerson, type NumberChangeResult } from './assign-number';
import { NumberNotHeldError, PrimaryNumberError } from './errors';
import { holding, toUserNumbersView } from './user-numbers';

const MAX_PUT_ATTEMPTS = 2;

/**
 * Unassign Phone Number: an alternate number goes back to the location's pool. The primary number is
 * refused: it comes with the calling license, and this Webex call only handles alternates.
 */
export async function unassignNumber(client: WebexClient, input: UnassignNumberInput): Promise<NumberChangeResult> {
  const person = await requireCallingPerson(client, input.user);
  const before = await getPersonNumbers(client, person.id);
  const held = holding(before, input.phoneNumber);
  if (held === 'primary') {
    throw new PrimaryNumberError(
      `${input.phoneNumber} is the primary number of ${input.user}: it cannot be unassigned on its own ` +
        '(it is set with the Webex Calling license; remove calling or change the primary number instead)',
    );
  }
  if (!held) throw new NumberNotHeldError(`${input.user} does not hold ${input.phoneNumber} as an alternate number`);

  for (let attempt = 1; ; attempt++) {
    try {
      await changeAlternateNumbers(client, person.id, [{ action: 'DELETE', directNumber: input.phoneNumber }]);
      break;
    } catch (error) {
      if (!(error instanceof WebexApiError || error instanceof WebexNetworkError)) throw error;
      const after = await getPersonNumbers(client, person.id);
      if (!holding(after, input.phoneNumber)) {
        logger.info('unassign number: applied despite the error', { status: error instanceof WebexApiError ? error.status : error.name });
        break;
      }
      const transient = isWebexFault(error);
      if (!transient || attempt >= MAX_PUT_ATTEMPTS) throw error;
    }
  }
  return { changed: true, numbers: await toUserNumbersView(client, person, await getPersonNumbers(client, person.id)) };
}
