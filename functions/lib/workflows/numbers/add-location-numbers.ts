import { logger } from '../../logger';
import type { AddLocationNumbersInput, AddNumberStatus } from '../../schemas/numbers';
import type { WebexClient } from '../../webex/client';
import { WebexApiError, WebexNetworkError, isTransientWebexError } from '../../webex/errors';
import { addNumbersToLocation, listLocationNumbers, validateNumbers, type NumberValidation } from '../../webex/telephony-api';
import { pstnConnectionType } from '../../webex/reference-data';
import { IntegratedPstnError } from './errors';
import { INTEGRATED_PSTN_TYPES } from './no-free-number';
import { resolveCallingLocation } from './resolve-location';
import type { AddNumbersResult } from '../../schemas/number-answers';

export type { AddNumbersResult };

/**
 * Numbers per Webex request. Webex documents a cap only for mobile numbers (20 per request); for DID and
 * toll-free numbers it states none, so we send at most 100 per request to keep each one short and a
 * failure's reach small.
 */
export const ADD_BATCH_SIZE = { MOBILE: 20, DID: 100, TOLLFREE: 100 } as const;

const REJECTED: ReadonlySet<AddNumberStatus> = new Set(['inAnotherLocation', 'unavailable', 'invalid', 'failed']);

/**
 * Add Phone Numbers to Webex Location. Webex's validateNumbers call sorts the numbers first, so each
 * one is reported on its own (already there, in another location, unavailable) instead of one refusal
 * failing the batch; only the available ones are sent, in batches. Webex ignores numbers a location
 * already has, so the whole request is safe to repeat.
 */
export async function addLocationNumbers(client: WebexClient, input: AddLocationNumbersInput): Promise<AddNumbersResult> {
  const location = await resolveCallingLocation(client, input.location);
  const numberType = input.numberType ?? 'DID';
  const batchSize = ADD_BATCH_SIZE[numberType];
  if (numberType !== 'MOBILE') await requireNonIntegratedPstn(client, location);

  const outcome = new Map<string, { status: AddNumberStatus; detail?: string }>();
  const unique = [...new Set(input.phoneNumbers)];

  const validations = new Map<string, NumberValidation>();
  for (const batch of chunks(unique, batchSize)) {
    for (const v of await validateNumbers(client, batch)) validations.set(v.number, v);
  }
  const duplicates = unique.filter((n) => validations.get(n)?.state === 'Duplicate');
  // One paged read of the location tells "already here" (harmless) from "elsewhere in the org" (a conflict).
  const inLocation = new Set<string | undefined>(
    duplicates.length ? (await listLocationNumbers(client, location.id)).map((n) => n.phoneNumber) : [],
  );

  const toAdd: string[] = [];
  for (const n of unique) {
    const v = validations.get(n);
    const detail = v?.detail?.join('; ') || undefined;
    switch (v?.state) {
      case 'Duplicate':
        outcome.set(n, inLocation.has(n)
          ? { status: 'alreadyInLocation' }
          : { status: 'inAnotherLocation', detail: detail ?? 'the number already exists in another location of the organisation' });
        break;
      case 'Invalid':
        outcome.set(n, { status: 'invalid', detail });
        break;
      case 'Unavailable':
        outcome.set(n, { status: 'unavailable', detail });
        break;
      default:
        // Available, "Duplicate In List" (cannot happen after de-duplication) or not reported: let Webex decide.
        toAdd.push(n);
    }
  }

  let added = 0;
  let stopped: string | undefined;
  for (const batch of chunks(toAdd, batchSize)) {
    if (stopped) {
      for (const n of batch) outcome.set(n, { status: 'failed', detail: stopped });
      continue;
    }
    try {
      await addNumbersToLocation(client, location.id, { phoneNumbers: batch, numberType, ...(input.state ? { state: input.state } : {}) });
      for (const n of batch) outcome.set(n, { status: 'added' });
      added += batch.length;
    } catch (error) {
      if (!(error instanceof WebexApiError || error instanceof WebexNetworkError)) throw error;
      // Webex answers 409 for a number the location already has (wxc_sdk tests/test_telephony_location_number.py,
      // TestAddExisting), so a batch resent after a lost answer is refused although it was added: the location's
      // numbers say what is there. The same read settles any other failure that may have been applied.
      const present = new Set((await listLocationNumbers(client, location.id)).map((n) => n.phoneNumber));
      const landed = batch.filter((n) => present.has(n));
      for (const n of landed) outcome.set(n, { status: 'added' });
      added += landed.length;
      const missing = batch.filter((n) => !present.has(n));
      if (!missing.length) continue;
      const detail = error instanceof WebexApiError
        ? `Webex refused this batch: ${error.webexMessage} (trackingId ${error.trackingId})`
        : `Webex did not answer (${error.message}) and the number is not in the location`;
      for (const n of missing) outcome.set(n, { status: 'failed', detail });
      const status = error instanceof WebexApiError ? error.status : undefined;
      logger.warn('add numbers: batch failed', { status, error: error.name, size: batch.length, added: landed.length });
      // Rate limited (423 too) or Webex unwell after the client's own retries: later batches would fare no better.
      if (isTransientWebexError(error)) stopped = 'not sent: an earlier batch failed with a Webex fault; repeat the request';
    }
  }

  const seen = new Set<string>();
  return {
    location: { id: location.id, name: location.name },
    numberType,
    ...(input.state ? { state: input.state } : {}),
    added,
    numbers: input.phoneNumbers.map((phoneNumber) => {
      if (seen.has(phoneNumber)) return { phoneNumber, status: 'duplicateInRequest' as const, detail: 'listed more than once' };
      seen.add(phoneNumber);
      return { phoneNumber, ...(outcome.get(phoneNumber) as { status: AddNumberStatus; detail?: string }) };
    }),
  };
}

/** 201 something added and nothing refused; 200 nothing to do; 207 mixed; 409/502 nothing could be added. */
export function addNumbersHttpStatus(result: AddNumbersResult): number {
  const rejected = result.numbers.filter((n) => REJECTED.has(n.status));
  if (rejected.length === 0) return result.added > 0 ? 201 : 200;
  const placed = result.numbers.some((n) => n.status === 'added' || n.status === 'alreadyInLocation');
  if (placed) return 207;
  return rejected.every((n) => n.status === 'failed') ? 502 : 409;
}

/**
 * Cisco: adding numbers through the API "should never be used for locations with integrated PSTN connection
 * types like Cisco Calling Plans or Integrated CCP because backend data issues may occur" (webex-numbers.yml).
 * Webex does not refuse it, so we do, from the location's PSTN connection (calling/webex-pstn.yml), before
 * sending anything.
 */
async function requireNonIntegratedPstn(client: WebexClient, location: { id: string; name: string }): Promise<void> {
  const type = await pstnConnectionType(client, location.id);
  if (type && INTEGRATED_PSTN_TYPES.has(type)) {
    throw new IntegratedPstnError(
      `Location "${location.name}" uses an integrated PSTN connection (${type}): its numbers are managed by the provider, ` +
        'and Cisco warns that adding them through the API causes backend data issues',
    );
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
