import Ajv, { type ValidateFunction } from 'ajv';
import type { CompactOperation } from './generate';
import spec from './operations.json';

/**
 * Cisco's operations under the reachable prefixes (generated from the official OpenAPI documents by
 * generate.ts), with validators compiled on first use.
 */
const operations = (spec as unknown as { operations: CompactOperation[] }).operations.map((op) => ({
  ...op,
  pattern: new RegExp(`^${op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\\{\w+\\\}|\{\w+\}/g, '[^/]+')}$`),
  literalSegments: op.path.split('/').filter((s) => s && !s.startsWith('{')).length,
}));
export type Operation = (typeof operations)[number];

// OpenAPI's `format`s (int64, date-time...) are documentation here; the types and patterns are checked.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, coerceTypes: false });
const compiled = new WeakMap<object, ValidateFunction>();

export function validatorFor(schema: object): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

/** Operations whose template matches `path`, most specific (most literal segments) first. */
export function operationsFor(path: string): Operation[] {
  return operations.filter((op) => op.pattern.test(path)).sort((a, b) => b.literalSegments - a.literalSegments);
}
