/**
 * The longest an execution of an acyclic state machine can take by its own settings: along the worst path, each
 * Task's every attempt (1 + every retrier's MaxAttempts) running to its TimeoutSeconds, plus each retrier's
 * full backoff (IntervalSeconds × BackoffRate^k, capped at MaxDelaySeconds; JitterStrategy FULL only shortens
 * it), plus Wait states' Seconds. A machine's TimeoutSeconds below this ends it TIMED_OUT while a state still
 * has retries left, so the states that report a failure never run. Defaults as the States Language gives them
 * (IntervalSeconds 1, MaxAttempts 3, BackoffRate 2.0: states-language.net/#retrying-after-error).
 */

interface Retrier {
  ErrorEquals?: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
}

interface State {
  Type: string;
  Next?: string;
  Default?: string;
  End?: boolean;
  Choices?: { Next: string }[];
  Catch?: { Next: string }[];
  Retry?: Retrier[];
  TimeoutSeconds?: number;
  Seconds?: number;
}

export interface AslDefinition {
  StartAt: string;
  TimeoutSeconds?: number;
  States: Record<string, State>;
}

/** Errors of an invocation Lambda refused (throttled): the function did not run. */
const REFUSED_BEFORE_RUNNING = new Set(['Lambda.TooManyRequestsException']);

/** Every wait a retrier makes before its attempts, at their longest. */
export function retrierDelaySeconds(r: Retrier): number {
  const interval = r.IntervalSeconds ?? 1;
  const rate = r.BackoffRate ?? 2;
  let total = 0;
  for (let k = 0; k < (r.MaxAttempts ?? 3); k++) total += Math.min(interval * rate ** k, r.MaxDelaySeconds ?? Infinity);
  return total;
}

/** One state at its longest: a Task's every attempt and backoff, a Wait's Seconds, anything else 0. */
export function stateWorstSeconds(state: State): number {
  if (state.Type === 'Wait') return state.Seconds ?? 0;
  if (state.Type !== 'Task') return 0;
  if (state.TimeoutSeconds === undefined) throw new Error('a Task without TimeoutSeconds can run for a year: give it one');
  const retriers = state.Retry ?? [];
  // A throttled invoke is refused before the function runs: its retries cost their backoff, not the Task's timeout.
  const runs = retriers.filter((r) => !(r.ErrorEquals?.length && r.ErrorEquals.every((e) => REFUSED_BEFORE_RUNNING.has(e))));
  const attempts = 1 + runs.reduce((n, r) => n + (r.MaxAttempts ?? 3), 0);
  return attempts * state.TimeoutSeconds + retriers.reduce((n, r) => n + retrierDelaySeconds(r), 0);
}

/**
 * A loop bounded by a count the machine keeps (the lifecycle machines' rate-limit waits): the Catch target that
 * enters it, at most `times` rounds, each a wait of at most `maxWaitSeconds` and the caught state run again.
 */
export interface BoundedLoop {
  entry: string;
  times: number;
  maxWaitSeconds: number;
}

/**
 * The worst path's seconds from StartAt; throws for a machine with a loop (its length is not bounded by its
 * states), unless the loop is declared: then its edges are left out of the path and its rounds added, each at
 * its longest (the longest wait, then the longest of the states whose Catch enters it, run again).
 */
export function worstCaseSeconds(asl: AslDefinition, loop?: BoundedLoop): number {
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const walk = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) throw new Error(`state ${name} is on a loop: no bound from the states alone`);
    visiting.add(name);
    const state = asl.States[name];
    if (!state) throw new Error(`no state ${name}`);
    const next = [state.Next, state.Default, ...(state.Choices ?? []).map((c) => c.Next), ...(state.Catch ?? []).map((c) => c.Next)].filter(
      (n): n is string => !!n && n !== loop?.entry,
    );
    const worst = stateWorstSeconds(state) + Math.max(0, ...next.map(walk));
    visiting.delete(name);
    memo.set(name, worst);
    return worst;
  };
  const path = walk(asl.StartAt);
  if (!loop) return path;
  const rerun = Object.values(asl.States).filter((st) => st.Catch?.some((c) => c.Next === loop.entry));
  if (!rerun.length) throw new Error(`no state's Catch enters ${loop.entry}`);
  return path + loop.times * (loop.maxWaitSeconds + Math.max(...rerun.map(stateWorstSeconds)));
}
