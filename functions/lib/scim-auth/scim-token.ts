import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The long-lived SCIM bearer token: what Entra ID's "Secret Token" field and Okta's HTTP header auth send
 * (`Authorization: Bearer <token>`), neither of which can sign SigV4 or fetch an OAuth token.
 *
 * The secret holds the SHA-256 digests of the tokens, never a token: a 256-bit random token needs no slow hash
 * (nothing to brute-force), and whoever may read the secret still cannot call the SCIM routes. So the token is
 * shown once, by `npm run scim-token`, and never again. A presented token is hashed and compared with every
 * digest still valid with `timingSafeEqual` over the fixed 32 bytes, so the comparison time says nothing about
 * how much of a token matched. No zod here: the authorizer's bundle carries aws-jwt-verify only.
 */

/** Marks a token as ours (a JWT starts `ey`): the authorizer knows which check to run, and secret scanners can find a leaked one. */
export const SCIM_TOKEN_PREFIX = 'wxpscim_';
/** 256 bits from the CSPRNG. */
export const SCIM_TOKEN_BYTES = 32;
/**
 * How long the token a rotation replaces stays valid: long enough for an administrator to paste the new one
 * into Entra ID or Okta (and for a weekend between), short enough that a forgotten old token dies on its own.
 * `--grace-hours 0` revokes it at once (a leaked token).
 */
export const DEFAULT_GRACE_HOURS = 168;
export const MAX_GRACE_HOURS = 720;

export interface StoredTokenDigest {
  /** Hex SHA-256 of the token. */
  readonly sha256: string;
  readonly createdAt: string;
}

export interface ScimTokenSecret {
  readonly version: 1;
  readonly current: StoredTokenDigest;
  /** The token the last rotation replaced, accepted until `validUntil`. */
  readonly previous?: StoredTokenDigest & { readonly validUntil: string };
}

const DIGEST = /^[0-9a-f]{64}$/;

export const tokenDigest = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A new token and the secret that accepts it (and, for `graceHours`, the token it replaces). */
export function rotateScimToken(existing: ScimTokenSecret | undefined, options: { now: Date; graceHours?: number }): { token: string; secret: ScimTokenSecret; previousValidUntil?: string } {
  const graceHours = options.graceHours ?? DEFAULT_GRACE_HOURS;
  if (!(Number.isFinite(graceHours) && graceHours >= 0 && graceHours <= MAX_GRACE_HOURS)) {
    throw new RangeError(`graceHours must be a number from 0 to ${MAX_GRACE_HOURS} (got ${graceHours})`);
  }
  const token = `${SCIM_TOKEN_PREFIX}${randomBytes(SCIM_TOKEN_BYTES).toString('base64url')}`;
  const now = options.now.toISOString();
  const validUntil = new Date(options.now.getTime() + graceHours * 3_600_000).toISOString();
  // One previous token at most: rotating twice within the grace period drops the oldest at once.
  const previous = existing && graceHours > 0 ? { ...existing.current, validUntil } : undefined;
  return { token, secret: { version: 1, current: { sha256: tokenDigest(token), createdAt: now }, ...(previous ? { previous } : {}) }, ...(previous ? { previousValidUntil: validUntil } : {}) };
}

/**
 * The stored secret, or undefined when it holds no token yet (the stack's placeholder, an empty or foreign
 * value): then every token is refused. Never echoes the text.
 */
export function parseScimTokenSecret(text: string | undefined): ScimTokenSecret | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const v = value as Partial<ScimTokenSecret> | null;
  if (!v || v.version !== 1 || !isDigest(v.current)) return undefined;
  const previous = isDigest(v.previous) && typeof v.previous.validUntil === 'string' && !Number.isNaN(Date.parse(v.previous.validUntil)) ? v.previous : undefined;
  return { version: 1, current: { sha256: v.current.sha256, createdAt: v.current.createdAt }, ...(previous ? { previous: { sha256: previous.sha256, createdAt: previous.createdAt, validUntil: previous.validUntil } } : {}) };
}

function isDigest(d: unknown): d is StoredTokenDigest {
  const x = d as Partial<StoredTokenDigest> | null | undefined;
  return typeof x === 'object' && x !== null && typeof x.sha256 === 'string' && DIGEST.test(x.sha256) && typeof x.createdAt === 'string';
}

/** Is this the kind of token `npm run scim-token` makes (not a JWT)? Says nothing about whether it is valid. */
export const isScimToken = (token: string): boolean => token.startsWith(SCIM_TOKEN_PREFIX);

/**
 * Does `presented` match the current token, or the previous one before its `validUntil`? Every valid digest is
 * compared (no early return), each in constant time over 32 bytes.
 */
export function scimTokenMatches(secret: ScimTokenSecret | undefined, presented: string, now: Date): boolean {
  if (!secret) return false;
  const digests = [secret.current.sha256];
  if (secret.previous && Date.parse(secret.previous.validUntil) > now.getTime()) digests.push(secret.previous.sha256);
  const given = createHash('sha256').update(presented, 'utf8').digest();
  let match = false;
  for (const digest of digests) match = timingSafeEqual(given, Buffer.from(digest, 'hex')) || match;
  return match;
}
