/** A leaf of a Lambda event filter pattern: a value to equal, or whether the field is there at all. */
type Leaf = string | number | boolean | null | { readonly exists: boolean };
export type FilterPattern = { readonly [key: string]: FilterPattern | readonly Leaf[] };

/**
 * Lambda event filtering (an event source mapping's FilterCriteria), for the rules this project's patterns use:
 * every key of the pattern must match; a list matches when one of its leaves does (a value equal to the event's,
 * or `exists`, which looks at leaves only: a field missing on the path is `exists: false`). The local runtime runs
 * the same declared pattern the stack gives the mapping. Hand-written: no npm library evaluates these patterns
 * (AWS's event-ruler is Java), and the rules used are two.
 */
export function matchesFilter(pattern: FilterPattern, event: unknown): boolean {
  return Object.entries(pattern).every(([key, rule]) => {
    const value = event !== null && typeof event === 'object' ? (event as Record<string, unknown>)[key] : undefined;
    return isLeaves(rule) ? rule.some((leaf) => matchesLeaf(leaf, value)) : matchesFilter(rule, value);
  });
}

const isLeaves = (rule: FilterPattern | readonly Leaf[]): rule is readonly Leaf[] => Array.isArray(rule);

function matchesLeaf(leaf: Leaf, value: unknown): boolean {
  if (leaf !== null && typeof leaf === 'object') return leaf.exists === (value !== undefined && (value === null || typeof value !== 'object'));
  return Array.isArray(value) ? value.includes(leaf) : value === leaf;
}
