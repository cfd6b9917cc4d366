import type { Compensation, Remaining, ResolvedLicense, ResolvedLocation } from '../../schemas/calling';
import type { WebexClient } from '../../webex/client';
import { WebexApiError, isTransientWebexError } from '../../webex/errors';
import { getPerson, primaryWorkNumber } from '../../webex/people-api';
import type { Person } from '../../webex/schemas';
import { patchUserLicenses } from '../../webex/telephony-api';
import { compensateMove } from './move-steps';
import type { EnableCallingState } from './parts';
import { callingStep, type CallingStepDef } from './step-def';

function remainingOn(person: Person, license: ResolvedLicense, location: ResolvedLocation): Remaining | undefined {
  const hasLicense = person.licenses?.includes(license.id) ?? false;
  if (!hasLicense && !person.locationId) return undefined;
  return {
    ...(hasLicense ? { license: { id: license.id, name: license.name } } : {}),
    ...(person.locationId ? { location: { id: person.locationId, name: person.locationId === location.id ? location.name : undefined } } : {}),
    ...(primaryWorkNumber(person) ? { phoneNumber: primaryWorkNumber(person) } : {}),
    ...(person.extension ? { extension: person.extension } : {}),
    confirmed: true,
  };
}

/**
 * After a failure: undo this run's license assignment, judged by what Webex shows now rather than by
 * which steps reported success (an assignment can be applied and still fail). A user who had calling
 * before the run, or whose calling someone else set up meanwhile, is left alone. Rate limits and Webex
 * faults are thrown, so the state machine waits or retries; any other refusal is reported with what
 * remains.
 */
export async function compensate(client: WebexClient, state: EnableCallingState): Promise<Compensation> {
  if (state.current?.move) return compensateMove(client, state);
  const { user, license, location, target } = state;
  if (!user || !license || !location || !target) return { action: 'none', detail: 'the run failed before assigning anything: nothing to undo' };
  if (user.calling.enabled) return { action: 'none', detail: 'the user had Webex Calling before this run: nothing of this run to undo' };
  const person = await getPerson(client, user.id);
  if (!person) return { action: 'none', detail: 'the user no longer exists' };
  if (!person.licenses?.includes(license.id)) {
    return person.locationId
      ? { action: 'none', detail: `calling was set up by someone else meanwhile (without "${license.name}"): left untouched`, remaining: remainingOn(person, license, location) }
      : { action: 'none', detail: `Webex shows no "${license.name}" on the user: the assignment was not applied` };
  }
  try {
    await patchUserLicenses(client, user.id, [{ id: license.id, operation: 'remove' }]);
  } catch (error) {
    if (isTransientWebexError(error)) throw error;
    const after = await getPerson(client, user.id);
    return {
      action: 'failed',
      detail: `Webex refused removing "${license.name}": ${error instanceof WebexApiError ? `${error.webexMessage} (trackingId ${error.trackingId})` : String(error)}`,
      remaining: after ? remainingOn(after, license, location) : undefined,
    };
  }
  const after = await getPerson(client, user.id);
  const remaining = after ? remainingOn(after, license, location) : undefined;
  if (remaining) return { action: 'failed', detail: `Webex still shows calling on the user after removing "${license.name}"`, remaining };
  return {
    action: 'removed',
    detail: `removed "${license.name}"; Webex returned the number and extension to location "${location.name}"`,
  };
}

/** The row of the undo after a failure (steps.ts). */
export const COMPENSATE_STEPS = {
  compensate: callingStep({ webex: { calls: ['GET /people/{id}', 'PATCH /licenses/users', 'GET /people/{id}'] }, writes: 'compensation', run: (ctx, state) => compensate(ctx.client, state) }),
} satisfies Record<string, CallingStepDef>;
