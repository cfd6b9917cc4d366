import { PacingBudget, type PacingBudgetOptions } from '../../functions/lib/pacing/budget';
import type { PaceStore, StoredPace } from '../../functions/lib/pacing/store';
import type { PaceState } from '../../functions/lib/pacing/controller';

/**
 * For unit tests of steps: a pacing budget over an item kept in memory, with the same version check the
 * DynamoDB adapter's conditional put makes. Integration tests use the real adapter on dynalite.
 */
export function memoryPaceStore(): PaceStore & { item?: StoredPace } {
  const store: PaceStore & { item?: StoredPace } = {
    async read() {
      return store.item && { ...store.item };
    },
    async write(state: PaceState, version: number | undefined) {
      if ((store.item?.version ?? undefined) !== version) return false;
      store.item = { state, version: (version ?? 0) + 1 };
      return true;
    },
  };
  return store;
}

export function memoryPacing(options: Partial<PacingBudgetOptions> = {}): () => PacingBudget {
  const budget = new PacingBudget({ store: memoryPaceStore(), settings: { initialRate: 5, maxRate: 100, interactiveShare: 0.2 }, ...options });
  return () => budget;
}
