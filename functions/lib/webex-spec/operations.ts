import type { CompactOperation } from './generate';
import spec from './operations.json';

/**
 * Cisco's operations under the reachable prefixes (generated from the official OpenAPI documents by
 * generate.ts); schema-validator.ts checks their query and body schemas.
 */
const operations = (spec as unknown as { operations: CompactOperation[] }).operations.map((op) => ({
  ...op,
  pattern: new RegExp(`^${op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\\{\w+\\\}|\{\w+\}/g, '[^/]+')}$`),
  literalSegments: op.path.split('/').filter((s) => s && !s.startsWith('{')).length,
}));
export type Operation = (typeof operations)[number];

/** Operations whose template matches `path`, most specific (most literal segments) first. */
export function operationsFor(path: string): Operation[] {
  return operations.filter((op) => op.pattern.test(path)).sort((a, b) => b.literalSegments - a.literalSegments);
}
