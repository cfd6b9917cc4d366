import { rotateScimToken, type ScimTokenSecret } from './scim-token';

/**
 * Where the SCIM token's digests live: a Secrets Manager secret the stack creates (`ScimTokenSecretArn`), or a
 * JSON file for the local API. `npm run scim-token` writes; the authorizer and the local API only read.
 */
export interface ScimTokenStore {
  read(): Promise<ScimTokenSecret | undefined>;
  write(secret: ScimTokenSecret): Promise<void>;
}

export type ScimTokenReader = () => Promise<ScimTokenSecret | undefined>;

/** How long a read secret is trusted: a rotated token is accepted at most this long after `npm run scim-token`. */
export const SCIM_TOKEN_CACHE_MS = 60_000;

/**
 * `read` at most once per `ttlMs` (the authorizer runs before every uncached SCIM request, Entra sends up to 25 a
 * second). A failed read is not cached: the next request tries again.
 */
export function cachedScimTokenReader(read: ScimTokenReader, options: { ttlMs?: number; now?: () => number } = {}): ScimTokenReader {
  const ttl = options.ttlMs ?? SCIM_TOKEN_CACHE_MS;
  const now = options.now ?? Date.now;
  let cached: { at: number; value: Promise<ScimTokenSecret | undefined> } | undefined;
  return () => {
    if (cached && now() - cached.at < ttl) return cached.value;
    const value = read();
    const entry = { at: now(), value };
    cached = entry;
    value.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return value;
  };
}

/**
 * Makes a new SCIM token, keeps the one it replaces valid for `graceHours`, and stores the digests. The token is
 * returned to be shown once: the store never holds it.
 */
export async function rotateStoredScimToken(store: ScimTokenStore, options: { now?: Date; graceHours?: number } = {}): Promise<{ token: string; previousValidUntil?: string }> {
  const existing = await store.read();
  const { token, secret, previousValidUntil } = rotateScimToken(existing, { now: options.now ?? new Date(), graceHours: options.graceHours });
  await store.write(secret);
  return { token, ...(previousValidUntil ? { previousValidUntil } : {}) };
}
