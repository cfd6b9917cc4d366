// A namespace import lets esbuild drop what is unused.
import * as z from 'zod';
import type { PaceView } from '../schemas/pace-answers';

/**
 * The pacing controller: how fast the runs of one deployment may send Webex requests, found rather than told.
 * Cisco publishes no fixed limit ("limits vary depending on the calls being made", developer.webex.com's blog on
 * rate limiting); Webex answers 429 with Retry-After, for the whole organisation. So the controller keeps an AIMD
 * estimate of the organisation's rate and a token bucket the runs draw from:
 *
 * - it starts at the initial rate and, until Webex first answers 429, grows it fast (doubling every
 *   SLOW_START_DOUBLING_MS, as TCP's slow start) so a large organisation is not paced at 5/s for minutes;
 * - it reserves slots at most MAX_AHEAD_MS ahead, so that a cut slows the requests of the next second;
 * - a 429 cuts the rate multiplicatively, by (1 − interactive share) (at least to 0.8 of it), to what the runs
 *   were drawing: the organisation's limit as found (the `ceiling`), of which the runs then draw (1 − share). The
 *   first 429 ends slow start, whose rate grew by doubling rather than by answers: it cuts to what Webex accepted of
 *   the runs' requests in the last second (their send slots' count less the 429s), when that is less. No
 *   run request is let through before its Retry-After; the 429s answered within the same hold window (requests
 *   already in flight) count, but cut once;
 * - without 429 the rate rises additively: fast back to the ceiling after a storm, then slowly above it, probing
 *   whether the organisation now allows more; never above the maximum;
 * - the runs draw only (1 − interactive share) of the rate: the rest is left to the service desk's own calls.
 *
 * Pure: the state is a value, time is given. The shared copy lives in the activity table (budget.ts).
 */

export interface PacingSettings {
  /** Requests a second the rate starts at (webexInitialRequestsPerSecond). */
  initialRate: number;
  /** Never above this (webexMaxRequestsPerSecond). */
  maxRate: number;
  /** Share of the rate left to interactive calls, from 0 to below 1 (webexInteractiveShare). */
  interactiveShare: number;
}

export const PaceState = z.object({
  /** The organisation's rate as discovered, requests a second: the runs draw (1 − share) of it. */
  rate: z.number().positive(),
  /**
   * The organisation's limit as found: what the runs were drawing when Webex last answered 429 (their own
   * requests are nearly all of it). The rate settles here, so the runs draw (1 − share) of it. Unset until a 429.
   */
  ceiling: z.number().positive().optional(),
  /** Run tokens: below zero by the requests granted slots ahead of now. */
  tokens: z.number(),
  /** When `tokens` and `rate` were last brought up to date (epoch ms). */
  atMs: z.number(),
  /** No run request is let through before this (Retry-After). */
  blockedUntilMs: z.number(),
  /** Until this, 429s belong to the last cut's congestion event (requests sent before it): they do not cut again. */
  holdUntilMs: z.number(),
  /**
   * Until this, a run was refused and told to ask again then: the runs want more than the rate gives, so the
   * time counts toward the rate's growth as if drawn on (else a rate cut to the floor, whose callers ask again only
   * every minute, would never climb back). The next refused caller is told to come back at it (the callers queue).
   * Absent in items written before it: nobody waiting.
   */
  wantedUntilMs: z.number().default(0),
  /**
   * When the runs' next request may leave: the steps' send schedule (sendSlot), one request every 1 / the runs'
   * rate apart. Absent in items written before it: nothing scheduled.
   */
  sendAtMs: z.number().default(0),
  /**
   * The requests the send slots placed, by SENT_BUCKET_MS bucket: `counts[i]` in bucket `bucket + i` (time / SENT_BUCKET_MS),
   * from a second before the last slot asked to the slots ahead. Absent in items written before it: none counted.
   */
  sent: z.object({ bucket: z.number().int(), counts: z.array(z.number().min(0)) }).optional(),
  /** 429s reported, in all. */
  rateLimited: z.number().int().min(0),
  /** Requests granted to runs, in all. */
  granted: z.number().min(0),
});
export type PaceState = z.infer<typeof PaceState>;

/**
 * Until the first 429, the rate doubles this often while runs draw on it. A second: slots are reserved at most
 * MAX_AHEAD_MS ahead, so the first 429 cuts a rate at most about twice what Webex took, and an organisation allowing
 * 100 a second is found from 5 within about 4 s rather than 9 (the pacing bench's run at 100/s: 0.89 → 0.95 of it).
 */
export const SLOW_START_DOUBLING_MS = 1_000;
/** Below the ceiling (after a storm), the rate climbs back by this share of the ceiling a second. */
export const RECOVERY_STEP = 0.1;
/** At or above the ceiling, the probe: this share of the ceiling a second (from 0.8 × to the 429 again: ~25 s). */
export const PROBE_STEP = 0.01;
/** The least the probe adds a second, so a very low ceiling still moves. */
export const MIN_PROBE = 0.02;
/** A cut with no interactive share still takes the rate down by this much. */
export const MIN_DECREASE = 0.8;
/** The rate is never cut below this (requests a second). */
export const MIN_RATE = 0.2;
/** 429s within this of a cut (or its Retry-After, if longer) do not cut again. */
export const HOLD_MS = 1_000;
/** The bucket holds this much of the runs' rate: a second's burst. */
export const BURST_MS = 1_000;
/**
 * At most this long an idle gap counts toward the rate's growth: an idle budget does not grow. Time in which a
 * refused run waits to ask again is not idle: it all counts.
 */
export const MAX_GROWTH_STEP_MS = 1_000;
/**
 * Refused callers are told to come back one after the other, this share of an ask's time apart at the current
 * rate, rather than all at the moment the first slot frees: 200 SCIM applies waiting on 8/s would each ask again
 * (a Pace step: a Lambda invocation and a write of this item) every time one of them is granted, and the item's
 * writes would queue behind one another. A quarter of the ask, not all of it: the rate may grow fourfold before a
 * caller's turn and still find callers back to draw on it (the pacing bench's model: asks per joiner 20–34 → 3–10,
 * the rate reached as before; a whole ask apart left 0.4 of the rate unused after slow start).
 */
export const REFUSED_SPACING = 0.25;
/** The furthest a refused caller's place in that queue lies past the time its ask could first be granted. */
export const MAX_QUEUE_MS = 15_000;
/**
 * A grant may reserve a slot this far ahead of now; further out, the caller asks again later. A cut slows only the
 * grants after it: the slots reserved before it still go at the old rate. Five seconds of them kept the runs above
 * the limit for five more windows, whose 429s each cut again, down to a fraction of the limit (the pacing bench: 0.6
 * of the usable rate at 100/s, 0.4 at 40/s); a second reaches the next window. The cost: a caller refused more
 * often asks again (one more Pace step) once its slot is within a second.
 */
export const MAX_AHEAD_MS = 1_000;
/** The send slots are counted in buckets of this length (PaceState.sent): a second is five of them. */
export const SENT_BUCKET_MS = 200;
/**
 * The longest a step waits in its Lambda for its first send slot, and for each next one after the one before
 * (sendSlot): longer waits are the state machines' Wait states.
 */
export const MAX_STEP_WAIT_MS = 1_000;

export function initialPaceState(settings: PacingSettings, nowMs: number): PaceState {
  const rate = Math.min(settings.initialRate, settings.maxRate);
  return { rate, tokens: runRate(rate, settings) * (BURST_MS / 1000), atMs: nowMs, blockedUntilMs: 0, holdUntilMs: 0, wantedUntilMs: 0, sendAtMs: 0, rateLimited: 0, granted: 0 };
}

/** The requests a second the runs may draw at `rate`: the interactive share left out. */
export const runRate = (rate: number, settings: PacingSettings) => rate * (1 - settings.interactiveShare);

/**
 * The state brought up to `nowMs`: tokens refilled (never during a Retry-After), the rate grown if unblocked. The
 * bucket holds a second of the runs' rate, or the `ask` being made if more: a joiner's requests at a rate below
 * them per second gather while it waits to ask again, rather than spilling and refusing it for ever.
 */
export function advance(state: PaceState, settings: PacingSettings, nowMs: number, ask = 0): PaceState {
  const from = Math.max(state.atMs, Math.min(nowMs, state.blockedUntilMs));
  const elapsed = Math.max(0, nowMs - from);
  if (elapsed === 0) return nowMs > state.atMs ? { ...state, atMs: nowMs } : state;
  const capacity = Math.max(runRate(state.rate, settings) * (BURST_MS / 1000), ask);
  const tokens = Math.min(Math.max(capacity, state.tokens), state.tokens + runRate(state.rate, settings) * (elapsed / 1000));
  // A refused run waits until wantedUntilMs: that time is demand. Slots reserved ahead are not: their requests are
  // not sent yet, so no answer has shown the rate holds.
  const demandedUntil = Math.max(from + MAX_GROWTH_STEP_MS, state.wantedUntilMs);
  const seconds = Math.min(elapsed, demandedUntil - from) / 1000;
  return { ...state, tokens, rate: grown(state, settings, seconds), atMs: nowMs };
}

function grown(state: PaceState, settings: PacingSettings, seconds: number): number {
  const { rate, ceiling } = state;
  let next: number;
  if (ceiling === undefined) next = rate * 2 ** ((seconds * 1000) / SLOW_START_DOUBLING_MS);
  else if (rate < ceiling) next = Math.min(ceiling, rate + RECOVERY_STEP * ceiling * seconds);
  else next = rate + Math.max(MIN_PROBE, PROBE_STEP * ceiling) * seconds;
  return Math.min(settings.maxRate, next);
}

export type Grant =
  /** Go at `notBeforeMs` (now or a slot reserved ahead): the tokens are taken. */
  | { granted: true; notBeforeMs: number }
  /** Nothing taken: ask again at `retryAtMs`. */
  | { granted: false; retryAtMs: number };

/**
 * Asks for `n` requests' worth of the runs' budget at `nowMs`. `spaced`: the requests wait for their send slots
 * (sendSlot) as their steps send them, so the grant is for the first: it goes once those granted before it are paid
 * for, and the rest follow at the runs' rate, rather than once all `n` are (which, for more requests than a second
 * of the rate, made the runs save up tokens between joiners and leave the rate unused meanwhile).
 *
 * Nobody is let in while the send schedule (sendAtMs) lies more than MAX_AHEAD_MS ahead: the runs already in send
 * faster than the tokens say (after a cut, their steps' slots were placed at the old rate), and a step waits at most
 * MAX_STEP_WAIT_MS for its slot, so more runs would only push their steps past it, to go early. Held back, the runs
 * in flight drain the schedule at the new rate, and the send rate follows the token rate.
 */
export function acquire(state: PaceState, settings: PacingSettings, n: number, nowMs: number, spaced = false): { state: PaceState; grant: Grant } {
  const s = advance(state, settings, nowMs, n);
  if (nowMs < s.blockedUntilMs) return { state: s, grant: { granted: false, retryAtMs: s.blockedUntilMs } };
  const perMs = runRate(s.rate, settings) / 1000;
  const tokens = s.tokens - n;
  const owed = spaced ? s.tokens : tokens;
  const waitMs = Math.max(owed >= 0 ? 0 : -owed / perMs, s.sendAtMs - nowMs);
  if (waitMs > MAX_AHEAD_MS) {
    // After those refused before it: the queue's end, each REFUSED_SPACING of its ask behind the last, but never
    // more than MAX_QUEUE_MS past its own earliest turn (places given at a rate since grown, or at the floor, would
    // keep callers away long after the budget could serve them).
    const earliest = nowMs + Math.ceil(waitMs - MAX_AHEAD_MS);
    const retryAtMs = Math.min(Math.max(earliest, Math.ceil(s.wantedUntilMs)), earliest + MAX_QUEUE_MS);
    return { state: { ...s, wantedUntilMs: retryAtMs + (n / perMs) * REFUSED_SPACING }, grant: { granted: false, retryAtMs } };
  }
  return { state: { ...s, tokens, granted: s.granted + n }, grant: { granted: true, notBeforeMs: nowMs + Math.ceil(waitMs) } };
}

/**
 * A step's send slots: when each of its `n` requests may leave, so that the steps of every run send at the runs'
 * rate, request by request, rather than a step's requests back to back. The runs' tokens were taken when their
 * joiner (or action) was let in (acquire): this only spaces them, on a virtual schedule (as the generic cell rate
 * algorithm does): the first slot is the schedule's next time, or now when it lies behind (no credit is saved up
 * while idle), never before a Retry-After; the rest follow 1 / the runs' rate apart. A step waits in its Lambda,
 * which is billed: its first slot is never more than MAX_STEP_WAIT_MS ahead, and each next one at most
 * MAX_STEP_WAIT_MS after the one before. The schedule keeps the time it owes even where a step went earlier than
 * its place, so the runs let in next (acquire) wait until it is paid.
 */
export function sendSlot(state: PaceState, settings: PacingSettings, n: number, nowMs: number): { state: PaceState; slots: number[] } {
  const s = advance(state, settings, nowMs);
  const gapMs = 1000 / runRate(s.rate, settings);
  const start = Math.max(nowMs, s.blockedUntilMs, s.sendAtMs);
  const slots: number[] = [];
  for (let i = 0, last = nowMs; i < n; i++) slots.push((last = Math.ceil(Math.min(start + i * gapMs, last + MAX_STEP_WAIT_MS))));
  const sent = slots.reduce<PaceState['sent']>((counted, at) => countSent(counted, at, 1, nowMs), s.sent);
  return { state: { ...s, sendAtMs: start + n * gapMs, ...(sent ? { sent } : {}) }, slots };
}

/** `sent` with `n` requests more at `atMs`, the buckets older than a second before `nowMs` dropped. */
function countSent(sent: PaceState['sent'], atMs: number, n: number, nowMs: number): NonNullable<PaceState['sent']> {
  const oldest = Math.floor((nowMs - 1000) / SENT_BUCKET_MS);
  const at = Math.floor(atMs / SENT_BUCKET_MS);
  const last = Math.max(at, sent ? sent.bucket + sent.counts.length - 1 : at);
  const counts = Array.from({ length: last - oldest + 1 }, (_, i) => (sent?.counts[oldest + i - sent.bucket] ?? 0) + (oldest + i === at ? n : 0));
  return { bucket: oldest, counts };
}

/** The requests the send slots placed in the second up to `nowMs` (to SENT_BUCKET_MS). */
export function sentLastSecond(sent: PaceState['sent'], nowMs: number): number {
  if (!sent) return 0;
  const to = Math.floor(nowMs / SENT_BUCKET_MS);
  const from = to - 1000 / SENT_BUCKET_MS + 1;
  return sent.counts.reduce((sum, c, i) => (sent.bucket + i >= from && sent.bucket + i <= to ? sum + c : sum), 0);
}

/**
 * Webex answered 429 (`count` of them) at `nowMs`, asking to wait `retryAfterMs`. The first of an event cuts
 * the rate to the runs' draw at that moment (the ceiling as found, or less); every one holds the runs back
 * until its Retry-After and drops the bucket's burst so they resume at the new pace. Each refused request is sent
 * again by its client after the Retry-After without asking the budget, so it takes a token: the resends are
 * requests Webex counts too.
 */
export function rateLimited(state: PaceState, settings: PacingSettings, nowMs: number, retryAfterMs: number, count = 1): PaceState {
  const s = advance(state, settings, nowMs);
  const blockedUntilMs = Math.max(s.blockedUntilMs, nowMs + Math.max(0, retryAfterMs));
  const base = { ...s, blockedUntilMs, tokens: Math.min(s.tokens, 0) - count, rateLimited: s.rateLimited + count };
  if (nowMs < s.holdUntilMs) return withResends(base, settings, count);
  const drawn = runRate(s.rate, settings);
  const cut = s.rate * Math.min(MIN_DECREASE, 1 - settings.interactiveShare);
  const holdUntilMs = nowMs + Math.max(HOLD_MS, retryAfterMs);
  // Slow start's rate was never answered: what Webex took in the last second is the better guess of its limit.
  const accepted = s.ceiling === undefined ? sentLastSecond(s.sent, nowMs) - count : 0;
  if (accepted > 0 && accepted < cut) {
    const rate = Math.max(MIN_RATE, accepted);
    return withResends({ ...base, rate, ceiling: rate, holdUntilMs }, settings, count);
  }
  return withResends({ ...base, rate: Math.max(MIN_RATE, cut), ceiling: Math.max(MIN_RATE, drawn), holdUntilMs }, settings, count);
}

/**
 * The refused requests' resends take the first places of the send schedule after the Retry-After, as they take
 * tokens: their clients send them then without asking, so the steps' slots follow them rather than meet them in
 * the same second (which drew another 429, and another cut, once the hold had passed).
 */
function withResends(state: PaceState, settings: PacingSettings, count: number): PaceState {
  return { ...state, sendAtMs: Math.max(state.sendAtMs, state.blockedUntilMs) + (count / runRate(state.rate, settings)) * 1000 };
}

/** What a run's progress shows of the budget. */
export const paceView = (state: PaceState, settings: PacingSettings): PaceView => ({
  requestsPerSecond: round(state.rate),
  runRequestsPerSecond: round(runRate(state.rate, settings)),
  rateLimited: state.rateLimited,
});

const round = (n: number) => Math.round(n * 100) / 100;
