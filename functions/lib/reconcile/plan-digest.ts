import { createHash } from 'node:crypto';

/**
 * A plan's digest: SHA-256 over its canonical JSON (keys sorted at every level, undefined members left out,
 * the `digest` member itself excluded), as `sha256:<hex>`. Everything the plan says is covered — the
 * actions, the scope, the policy and its thresholds, the counts and the confirmation they imply — so the
 * digest a reviewer read names exactly what apply will run. Re-serialising the same plan (another key
 * order, other whitespace) gives the same digest; any other change gives another.
 */

export const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/;

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The digest of a plan as stored (the parsed JSON, so a member the schema would drop still counts). */
export function planDigest(plan: object): string {
  const { digest: _ignored, ...content } = plan as Record<string, unknown>;
  return `sha256:${createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex')}`;
}

/** A plan as the planner stores it, digest included: its canonical JSON, one line. Nothing else writes these bytes. */
export const serializePlan = (stored: object): string => `${canonicalJson(stored)}\n`;
