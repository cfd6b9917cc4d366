import { NotFoundError } from '../../errors';
import type { CallingUserView } from '../../schemas/calling';
import type { WebexClient } from '../../webex/client';
import { getPerson } from '../../webex/people-api';
import { getPersonNumbers } from '../../webex/telephony-api';
import { CallingVerificationError } from './errors';
import type { EnableCallingState } from './parts';
import { need } from './state-access';
import { callingStep, type CallingStepDef } from './step-def';

/** Reads the user back and checks Webex shows what was asked: location, license, number, extension. */
export async function verifyCalling(client: WebexClient, state: EnableCallingState): Promise<CallingUserView> {
  const { user, location, request } = need(state, 'user', 'location');
  const wantNumber = state.assignment?.phoneNumber ?? state.target?.phoneNumber ?? request.phoneNumber;
  const wantExtension = state.target?.extension ?? request.extension;
  const person = await getPerson(client, user.id);
  if (!person) throw new NotFoundError(`Webex user ${user.id} no longer exists`);
  const numbers = person.locationId ? await getPersonNumbers(client, user.id) : undefined;
  const primary = numbers?.phoneNumbers.find((n) => n.primary);
  const extension = primary?.extension ?? person.extension;

  const problems: string[] = [];
  if (!person.locationId) problems.push('the user has no calling location');
  else if (person.locationId !== location.id) problems.push(`the calling location is ${person.locationId}, not "${location.name}"`);
  if (state.license && !person.licenses?.includes(state.license.id)) problems.push(`"${state.license.name}" is not assigned`);
  // A move job that completed with pending number orders has moved the user; the number follows its order.
  const numberPending = state.moveJob?.pendingOrders === true;
  if (wantNumber && !numberPending && primary?.directNumber !== wantNumber) problems.push(`the primary number is ${primary?.directNumber ?? 'missing'}, not ${wantNumber}`);
  if (wantExtension && extension !== wantExtension) problems.push(`the extension is ${extension ?? 'missing'}, not ${wantExtension}`);
  if (problems.length) {
    throw new CallingVerificationError(`Webex does not show the requested calling setup for ${user.email ?? user.id}: ${problems.join('; ')}`);
  }
  return {
    id: person.id,
    email: person.emails[0],
    displayName: person.displayName,
    calling: {
      enabled: true,
      location: { id: location.id, name: location.name },
      ...(primary?.directNumber ? { primaryNumber: primary.directNumber } : {}),
      ...(extension ? { extension } : {}),
      ...(primary?.esn ? { esn: primary.esn } : {}),
      ...(state.license ? { license: { id: state.license.id, name: state.license.name } } : {}),
    },
  };
}

/** The row of the read-back both paths end with (steps.ts). */
export const VERIFY_STEPS = {
  verifyCalling: callingStep({
    webex: { calls: ['GET /people/{id}', 'GET /people/{id}/features/numbers'] },
    writes: 'calling',
    run: (ctx, state) => verifyCalling(ctx.client, state),
    shown: {
      paths: ['enable', 'move'],
      status: 'completed',
      detail: (s) => {
        const c = s.calling?.calling;
        const seen = c && `Webex shows location "${c.location?.name}"${c.primaryNumber ? `, number ${c.primaryNumber}` : ''}${c.extension ? `, extension ${c.extension}` : ''}`;
        return seen && s.current?.alreadyEnabled ? `${seen} (as first read: nothing was written, so nothing to read back)` : seen;
      },
    },
  }),
} satisfies Record<string, CallingStepDef>;
