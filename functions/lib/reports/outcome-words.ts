/**
 * One user's outcome in plain words, the same in every report (CSV, JSON, HTML) and GET answer: a joiner
 * whose user was made but whose calling step failed reads "created; calling not enabled: <why>", not only
 * the error's name. Plain facts in, so the bulk and reconcile reports share it without depending on each other.
 */

export type OutcomeKind = 'join' | 'enableCalling' | 'move' | 'updateProfile' | 'leave';

export interface OutcomeFacts {
  kind: OutcomeKind;
  status: 'succeeded' | 'failed' | 'skipped';
  /** Set once the user exists in Webex (a joiner's user was created, or found, before a later step failed). */
  userId?: string;
  /** False when the joiner found the user already in Webex rather than creating it. */
  created?: boolean;
  reason?: string;
  error?: { code: string; message: string; step?: string };
}

const DONE: Record<OutcomeKind, string> = {
  join: 'created',
  enableCalling: 'calling enabled',
  move: 'moved',
  updateProfile: 'profile updated',
  leave: 'removed',
};

const NOT_DONE: Record<OutcomeKind, string> = {
  join: 'not created',
  enableCalling: 'calling not enabled',
  move: 'not moved',
  updateProfile: 'profile not updated',
  leave: 'not removed',
};

/** The steps after a joiner's user exists: all of them are about calling. */
const CALLING_STEPS = new Set(['enableCalling']);

const why = (error: { code: string; message: string }) => (error.message ? error.message : error.code);

export function outcomeWords(f: OutcomeFacts): string {
  if (f.status === 'succeeded') return f.kind === 'join' && f.created === false ? 'already in Webex' : DONE[f.kind];
  if (f.status === 'skipped') return `skipped${f.reason ? `: ${f.reason}` : ''}`;
  const error = f.error ?? { code: 'Failed', message: '' };
  // A joiner with a user id got as far as the user: what failed is calling (the only steps after it).
  if (f.kind === 'join' && f.userId && (error.step === undefined || CALLING_STEPS.has(error.step))) {
    return `${f.created === false ? 'already in Webex' : 'created'}; calling not enabled: ${why(error)}`;
  }
  return `${NOT_DONE[f.kind]}: ${why(error)}`;
}
