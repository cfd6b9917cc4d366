import type { CompactOperation } from './generate';
import spec from './operations.json';
import { resolver } from './packing';

/**
 * Cisco's operations under the reachable prefixes (generated from the official OpenAPI documents by
 * generate.ts); schema-validator.ts checks their query and body schemas. Only methods and paths are read
 * at load; an operation's details are parsed the first time it is looked up.
 */
export type Operation = CompactOperation;

type Row = [method: string, path: string, details: string];
const file = spec as unknown as { pool: string; operations: Row[] };
let resolve: ((node: unknown) => unknown) | undefined;
const parsed: (Operation | undefined)[] = [];

function operationAt(i: number): Operation {
  const cached = parsed[i];
  if (cached) return cached;
  resolve ??= resolver(JSON.parse(file.pool) as unknown[]);
  const [method, path, details] = file.operations[i];
  return (parsed[i] = { method, path, ...(resolve(JSON.parse(details)) as Omit<Operation, 'method' | 'path'>) });
}

/** Every operation, details and all (discovery, tests). */
export function allOperations(): readonly Operation[] {
  return file.operations.map((_, i) => operationAt(i));
}

/**
 * The templates indexed by path segment: a literal segment is a map lookup and a `{param}` one branch, so
 * finding a path's operations costs its depth, not the number of operations (766 and growing).
 */
interface Node {
  literal: Map<string, Node>;
  param?: Node;
  /** Rows whose template ends here. */
  here: number[];
}
const node = (): Node => ({ literal: new Map(), here: [] });
const root = node();
file.operations.forEach(([, path], i) => {
  let at = root;
  for (const segment of path.split('/').slice(1)) {
    if (segment.startsWith('{')) at = at.param ??= node();
    else at = at.literal.get(segment) ?? (at.literal.set(segment, node()), at.literal.get(segment)!);
  }
  at.here.push(i);
});

/** Operations whose template matches `path`, most specific (most literal segments) first. */
export function operationsFor(path: string): Operation[] {
  const segments = path.split('/').slice(1);
  const found: { row: number; literals: number }[] = [];
  const walk = (at: Node, i: number, literals: number): void => {
    if (i === segments.length) {
      for (const row of at.here) found.push({ row, literals });
      return;
    }
    // A `{param}` never fills an empty segment.
    if (segments[i] === '') return;
    const next = at.literal.get(segments[i]);
    if (next) walk(next, i + 1, literals + 1);
    if (at.param) walk(at.param, i + 1, literals);
  };
  walk(root, 0, 0);
  return found.sort((a, b) => b.literals - a.literals).map((f) => operationAt(f.row));
}
