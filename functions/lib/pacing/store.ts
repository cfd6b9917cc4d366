import type { PaceState } from './controller';

/** The budget as stored, with the version a conditional write must find. */
export interface StoredPace {
  /** Undefined when the item is of a shape this code does not read: the budget starts afresh over it. */
  state?: PaceState;
  version: number;
}

/**
 * Where a deployment's pacing budget is kept (the port): one item of the activity table (aws/dynamodb-pace-store.ts,
 * locally the same adapter against dynalite). Every Lambda and run of the deployment reads and writes the same item.
 */
export interface PaceStore {
  /** The budget, read consistently; undefined before the first run wrote it. */
  read(): Promise<StoredPace | undefined>;
  /** Replaces it when it is still at `version` (undefined: never written); false when another writer came first. */
  write(state: PaceState, version: number | undefined): Promise<boolean>;
}
