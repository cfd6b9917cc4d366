import type { EnableCallingState } from './parts';

/** The parts of the state a step depends on; missing ones mean the definition and the code disagree. */
export function need<K extends keyof EnableCallingState>(
  state: EnableCallingState,
  ...keys: K[]
): EnableCallingState & { [P in K]-?: NonNullable<EnableCallingState[P]> } {
  for (const key of keys) {
    if (state[key] === undefined) throw new Error(`The state machine passed no "${String(key)}" to this step`);
  }
  return state as EnableCallingState & { [P in K]-?: NonNullable<EnableCallingState[P]> };
}
