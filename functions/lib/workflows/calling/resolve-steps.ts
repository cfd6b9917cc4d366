import { ValidationError } from '../../errors';
import type { CallingUserView, ResolvedLocation, ResolvedUser } from '../../schemas/calling';
import type { WebexClient } from '../../webex/client';
import { primaryWorkNumber } from '../../webex/people-api';
import { getLocation } from '../../webex/reference-data';
import type { Person } from '../../webex/schemas';
import { resolveCallingLocation } from '../numbers/resolve-location';
import { resolvePerson } from '../users/resolve-user';
import { CallingAlreadyEnabledError } from './errors';
import type { EnableCallingState } from './parts';
import { need } from './state-access';
import { callingStep, type CallingStepDef } from './step-def';

/**
 * The steps both paths start with (steps.ts): who the user is, where calling goes, and whether the user has
 * calling already (success without a change, a move, or a conflict).
 */

/** Characters Cisco's help says Webex Calling users' names must not contain. */
const CALLING_NAME_FORBIDDEN = /[%#<>\\/"]/;
const CALLING_NAME_MAX = 30;

/**
 * Cisco's help says Webex Calling users' first and last names are at most 30 characters, without
 * `% # < > \ / "`. Neither the OpenAPI documents nor a live client confirm that the API refuses such a name,
 * so it is a warning in the answer, not a refusal.
 */
export function callingNameWarning(person: Pick<Person, 'firstName' | 'lastName'>): string | undefined {
  const issues = (['firstName', 'lastName'] as const).flatMap((field) => {
    const value = person[field];
    if (!value) return [];
    return [
      ...(value.length > CALLING_NAME_MAX ? [`${field} has ${value.length} characters`] : []),
      ...(CALLING_NAME_FORBIDDEN.test(value) ? [`${field} contains one of % # < > \\ / "`] : []),
    ];
  });
  return issues.length
    ? `${issues.join(', ')}; Cisco's help limits Webex Calling users' first and last names to ${CALLING_NAME_MAX} characters without % # < > \\ / " (whether Webex refuses them is not documented)`
    : undefined;
}

export async function resolveUser(client: WebexClient, state: EnableCallingState): Promise<ResolvedUser> {
  const person = await resolvePerson(client, state.request.user);
  const nameWarning = callingNameWarning(person);
  return {
    ...(nameWarning ? { nameWarning } : {}),
    id: person.id,
    email: person.emails[0],
    displayName: person.displayName,
    licenses: person.licenses ?? [],
    calling: {
      enabled: Boolean(person.locationId),
      locationId: person.locationId,
      primaryNumber: primaryWorkNumber(person),
      extension: person.extension,
      esn: person.phoneNumbers?.find((n) => n.type === 'work_extension')?.value,
    },
  };
}

export async function resolveLocationStep(client: WebexClient, state: EnableCallingState): Promise<ResolvedLocation> {
  // Enabling calling and moving both need a calling location: say so instead of Webex's unclassified 400.
  const location = await resolveCallingLocation(client, state.request.location);
  return { id: location.id, name: location.name };
}

/**
 * Already a calling user: with the requested location and number/extension that is success without a
 * change; anything else is a conflict, because Webex does not let a calling user's location change
 * through People or Licenses (that is its move-users job).
 */
export async function checkCurrentCalling(client: WebexClient, state: EnableCallingState) {
  const { user, location, request } = need(state, 'user', 'location');
  const current = user.calling;
  if (!current.enabled) {
    // `move: true` alone carries what a calling user has; a user without calling has nothing to carry.
    if (!request.phoneNumber && !request.extension && !request.autoAssignNumber) {
      throw new ValidationError([{ field: 'phoneNumber', message: `${request.user} is not a Webex Calling user yet: give phoneNumber, extension or autoAssignNumber: true` }]);
    }
    return { alreadyEnabled: false, detail: 'not a Webex Calling user yet' };
  }
  const sameLocation = current.locationId === location.id;
  const sameNumber = request.phoneNumber ? current.primaryNumber === request.phoneNumber : !request.autoAssignNumber || Boolean(current.primaryNumber);
  const sameExtension = !request.extension || current.extension === request.extension;
  const describe = async () => {
    const where = current.locationId === location.id ? location.name : (await getLocation(client, current.locationId as string))?.name ?? current.locationId;
    return `location "${where}"${current.primaryNumber ? `, number ${current.primaryNumber}` : ''}${current.extension ? `, extension ${current.extension}` : ''}`;
  };
  if (sameLocation && sameNumber && sameExtension) {
    // Nothing will be written, so this read of the user is the result: a read-back would only repeat it.
    const view: CallingUserView = {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      calling: {
        enabled: true,
        location: { id: location.id, name: location.name },
        ...(current.primaryNumber ? { primaryNumber: current.primaryNumber } : {}),
        ...(current.extension ? { extension: current.extension } : {}),
        ...(current.esn ? { esn: current.esn } : {}),
      },
    };
    return { alreadyEnabled: true, detail: `already a Webex Calling user with ${await describe()}: nothing to change`, view };
  }
  if (!sameLocation && request.move) {
    return { alreadyEnabled: false, move: true, detail: `a Webex Calling user with ${await describe()}: moving to "${location.name}" (move requested)` };
  }
  throw new CallingAlreadyEnabledError(
    `${request.user} is already a Webex Calling user (${await describe()}). ` +
      (sameLocation
        ? 'Changing the primary number or extension of a calling user is not part of this workflow.'
        : 'A calling user changes location through Webex\'s move-users job, not through license assignment: send move: true to move the user.'),
  );
}

/** The rows of the steps both paths start with, in the table's order (steps.ts spreads them). */
export const RESOLVE_STEPS = {
  resolveUser: callingStep({
    // The person by id; a request naming the user by e-mail looks the id up first.
    webex: { calls: ['GET /people/{id}'], when: { userByEmail: ['GET /people', 'GET /people/{id}'] } },
    writes: 'user',
    run: (ctx, state) => resolveUser(ctx.client, state),
    shown: {
      paths: ['enable', 'move'],
      status: 'completed',
      detail: (s) => s.user && `${s.user.email ?? s.user.id} (${s.user.id})${s.user.nameWarning ? `; warning: ${s.user.nameWarning}` : ''}`,
    },
  }),
  resolveLocation: callingStep({
    // The location by name (by id: from the cache), then whether it takes calling users (cached once it does).
    webex: {
      calls: ['GET /locations', { cached: 'GET /telephony/config/locations/{id}' }],
      when: { locationById: [{ cached: 'GET /locations/{id}' }, { cached: 'GET /telephony/config/locations/{id}' }] },
    },
    writes: 'location',
    run: (ctx, state) => resolveLocationStep(ctx.client, state),
    shown: { paths: ['enable', 'move'], status: 'completed', detail: (s) => s.location && `"${s.location.name}" (${s.location.id})` },
  }),
  checkCurrentCalling: callingStep({
    webex: { calls: [] },
    writes: 'current',
    run: (ctx, state) => checkCurrentCalling(ctx.client, state),
    shown: { paths: ['enable', 'move'], status: 'completed', detail: (s) => s.current?.detail },
  }),
} satisfies Record<string, CallingStepDef>;
