import type { CompactOperation } from './generate';
import spec from './operations.json';
import { unpack, type Packed } from './packing';

/**
 * Cisco's operations under the reachable prefixes (generated from the official OpenAPI documents by
 * generate.ts); schema-validator.ts checks their query and body schemas.
 */
export const operations: readonly CompactOperation[] = unpack<CompactOperation[]>(spec as unknown as Packed<unknown>);
export type Operation = CompactOperation;

/**
 * The templates indexed by path segment: a literal segment is a map lookup and a `{param}` one branch, so
 * finding a path's operations costs its depth, not the number of operations (766 and growing).
 */
interface Node {
  literal: Map<string, Node>;
  param?: Node;
  /** Operations whose template ends here. */
  here: Operation[];
}
const node = (): Node => ({ literal: new Map(), here: [] });
const root = node();
for (const op of operations) {
  let at = root;
  for (const segment of op.path.split('/').slice(1)) {
    if (segment.startsWith('{')) at = at.param ??= node();
    else at = at.literal.get(segment) ?? (at.literal.set(segment, node()), at.literal.get(segment)!);
  }
  at.here.push(op);
}

/** Operations whose template matches `path`, most specific (most literal segments) first. */
export function operationsFor(path: string): Operation[] {
  const segments = path.split('/').slice(1);
  const found: { op: Operation; literals: number }[] = [];
  const walk = (at: Node, i: number, literals: number): void => {
    if (i === segments.length) {
      for (const op of at.here) found.push({ op, literals });
      return;
    }
    // A `{param}` never fills an empty segment.
    if (segments[i] === '') return;
    const next = at.literal.get(segments[i]);
    if (next) walk(next, i + 1, literals + 1);
    if (at.param) walk(at.param, i + 1, literals);
  };
  walk(root, 0, 0);
  return found.sort((a, b) => b.literals - a.literals).map((f) => f.op);
}
