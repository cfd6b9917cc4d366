import { createHash } from 'node:crypto';

/**
 * A plan's digest: SHA-256 over its canonical JSON (keys sorted at every level, undefined members left out,
 * the `digest` member itself excluded), as `sha256:<hex>`. Everything the plan says is covered — the
 * actions, the scope, the policy and its thresholds, the counts and the confirmation they imply — so the
 * digest a reviewer read names exactly what apply will run. Re-serialising the same plan (another key
 * order, other whitespace) gives the same digest; any other change gives another.
 */

export const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/;

/**
 * Writes a value's canonical JSON as a series of pieces, in order, without building it level by level: a
 * 10,000-action plan's digest is hashed as it is written (no text kept), its stored bytes are joined once
 * (`npm run bench -- reconcile` measures the reports' peak against the planner's).
 */
export function writeCanonicalJson(value: unknown, write: (piece: string) => void): void {
  if (value === null || typeof value !== 'object') {
    write(JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    write('[');
    value.forEach((v, i) => {
      if (i) write(',');
      if (v === undefined) write('null');
      else writeCanonicalJson(v, write);
    });
    write(']');
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  write('{');
  entries.forEach(([k, v], i) => {
    write(i ? `,${JSON.stringify(k)}:` : `${JSON.stringify(k)}:`);
    writeCanonicalJson(v, write);
  });
  write('}');
}

/** Pieces gathered into chunks of about 64 KB, each handed on whole (fewer, larger writes to a hash or a list). */
function chunked(flush: (chunk: string) => void): { write: (piece: string) => void; end: () => void } {
  let pending: string[] = [];
  let size = 0;
  const end = () => {
    if (pending.length) flush(pending.join(''));
    pending = [];
    size = 0;
  };
  return {
    write(piece) {
      pending.push(piece);
      size += piece.length;
      if (size >= 65_536) end();
    },
    end,
  };
}

export function canonicalJson(value: unknown): string {
  const chunks: string[] = [];
  const out = chunked((c) => chunks.push(c));
  writeCanonicalJson(value, out.write);
  out.end();
  return chunks.join('');
}

/** The digest of a plan as stored (the parsed JSON, so a member the schema would drop still counts). */
export function planDigest(plan: object): string {
  const { digest: _ignored, ...content } = plan as Record<string, unknown>;
  const hash = createHash('sha256');
  const out = chunked((c) => hash.update(c, 'utf8'));
  writeCanonicalJson(content, out.write);
  out.end();
  return `sha256:${hash.digest('hex')}`;
}

/** A plan as the planner stores it, digest included: its canonical JSON, one line. Nothing else writes these bytes. */
export const serializePlan = (stored: object): string => `${canonicalJson(stored)}\n`;
