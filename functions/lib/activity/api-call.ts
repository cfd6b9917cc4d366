import { randomUUID } from 'node:crypto';
import { clip, NotFoundError } from '../errors';
import { logger } from '../logger';
import { collectTrackingIds } from '../webex/tracking-ids';
import type { ACTIVITY_KINDS, ActivityRecord, FieldChange } from './records';
import type { ActivityStore } from './store';
import { apiTrigger } from './trigger';

/** What a direct API call did to its user, for its activity record. */
export interface ApiCallEffect {
  email: string;
  userId?: string;
  changes: FieldChange[];
  note?: string;
  /** Ended, but not as asked (a workflow that answers its failure rather than throwing it). */
  failed?: { code: string; message: string };
  /** TrackingIDs the answer carries besides those of the requests this process sent (a state machine's). */
  trackingIds?: string[];
}

export interface ApiCall<T> {
  activity: () => ActivityStore;
  request: { caller?: string; requestId?: string };
  kind: (typeof ACTIVITY_KINDS)[number];
  /** The user's e-mail when the call names it: a call that fails before finding the user is recorded under it. */
  email?: string;
  /** The work, and what it did; `effect` undefined: nothing to record (a run still going on). */
  run: () => Promise<{ value: T; effect?: ApiCallEffect }>;
}

/** Characters of an error message an activity record keeps. */
const MAX_ERROR_MESSAGE = 500;

/**
 * A direct API call (POST /users, PATCH and DELETE /users/{user}, POST /users/{user}/calling) with its one activity
 * record, as the workflows write theirs: the kind, the outcome, what changed, the trigger (the API caller) and the
 * TrackingIDs of every Webex answer it got, successful ones included. A call that fails is recorded too (under the
 * e-mail it named), except a user that does not exist: it touched nobody. The record never fails the call: Webex
 * has already changed, and an error would make the caller send it again; a write the table refuses is logged.
 */
export async function recordedApiCall<T>(call: ApiCall<T>): Promise<T> {
  const startedAt = new Date().toISOString();
  const executionName = `api-${call.request.requestId ?? randomUUID()}`;
  const out = await collectTrackingIds(call.run);
  const base = { kind: call.kind, startedAt, executionName, trigger: apiTrigger(call.request) };
  if ('value' in out) {
    const effect = out.value.effect;
    if (effect) {
      await write(call.activity, {
        ...base,
        email: effect.email,
        ...(effect.userId ? { userId: effect.userId } : {}),
        at: new Date().toISOString(),
        outcome: effect.failed ? 'failed' : 'succeeded',
        changes: effect.changes,
        ...(effect.failed ? { error: { code: effect.failed.code, message: clip(effect.failed.message, MAX_ERROR_MESSAGE) } } : {}),
        trackingIds: [...new Set([...out.trackingIds, ...(effect.trackingIds ?? [])])],
        ...(effect.note ? { note: effect.note } : {}),
      });
    }
    return out.value.value;
  }
  const error = out.error;
  if (call.email && !(error instanceof NotFoundError)) {
    const failed = error instanceof Error ? error : new Error(String(error));
    const trackingId = (failed as { trackingId?: unknown }).trackingId;
    await write(call.activity, {
      ...base,
      email: call.email,
      at: new Date().toISOString(),
      outcome: 'failed',
      changes: [],
      error: { code: failed.name, message: clip(failed.message, MAX_ERROR_MESSAGE) },
      trackingIds: [...new Set([...out.trackingIds, ...(typeof trackingId === 'string' ? [trackingId] : [])])],
    });
  }
  throw error;
}

async function write(activity: () => ActivityStore, record: ActivityRecord): Promise<void> {
  try {
    await activity().record([record]);
  } catch (error) {
    logger.error('activity record not written', { kind: record.kind, executionName: record.executionName, error: error instanceof Error ? error.name : 'Error' });
  }
}
