/**
 * operations.json shares what repeats: 766 operations use a few hundred distinct schemas (a location's
 * call settings, a member list), so each repeated object or array is stored once in `shared` and
 * referenced as `{"$s": index}`; so is each repeated long string (a scope name). Unpacked, the references are
 * the same object, so memory stays shared too.
 */
export interface Packed<T> {
  shared: unknown[];
  value: T;
}

const REF = '$s';
/** Below this many characters a reference would save little. */
const MIN_SHARED_LENGTH = 40;
const MIN_SHARED_STRING = 16;

export function pack<T>(value: T): Packed<T> {
  const counts = new Map<string, number>();
  const count = (node: unknown): void => {
    if (typeof node === 'string' && node.length >= MIN_SHARED_STRING) counts.set(JSON.stringify(node), (counts.get(JSON.stringify(node)) ?? 0) + 1);
    if (!node || typeof node !== 'object') return;
    if (!Array.isArray(node) && Object.hasOwn(node, REF)) throw new Error(`a value uses the reserved key ${REF}`);
    const text = JSON.stringify(node);
    if (text.length >= MIN_SHARED_LENGTH) counts.set(text, (counts.get(text) ?? 0) + 1);
    Object.values(node).forEach(count);
  };
  count(value);
  const shared: unknown[] = [];
  const index = new Map<string, number>();
  const packNode = (node: unknown, top = false): unknown => {
    if ((!node || typeof node !== 'object') && typeof node !== 'string') return node;
    const text = JSON.stringify(node);
    if (!top && (counts.get(text) ?? 0) > 1) {
      let at = index.get(text);
      if (at === undefined) {
        at = shared.push(undefined) - 1;
        index.set(text, at);
        shared[at] = packNode(node, true);
      }
      return { [REF]: at };
    }
    if (typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map((n) => packNode(n));
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, packNode(v)]));
  };
  return { shared, value: packNode(value, true) as T };
}

/**
 * A function resolving references against `shared`, in place, each shared entry once: no object is copied,
 * so a cold start pays for walking what it reads, not for rebuilding every operation.
 */
export function resolver(shared: unknown[]): (node: unknown) => unknown {
  const done = new Set<number>();
  const resolve = (node: unknown): unknown => {
    if (!node || typeof node !== 'object') return node;
    const ref = (node as Record<string, unknown>)[REF];
    if (typeof ref === 'number') {
      if (!done.has(ref)) {
        done.add(ref);
        shared[ref] = resolve(shared[ref]);
      }
      return shared[ref];
    }
    const record = node as Record<string, unknown>;
    for (const key in record) record[key] = resolve(record[key]);
    return node;
  };
  return resolve;
}
