import { randomUUID } from 'node:crypto';
import type { LogSink } from '../logger';
import type { WebexClient } from '../webex/client';
import { WebexApiError } from '../webex/errors';
import { refreshAccessToken, type TokenResponse } from '../webex/oauth';
import { SecretUnavailableError } from '../errors';
import { SecretWriteConflictError, type SecretVersion, type VersionedSecretStore } from './secret-store';
import type { ServiceAppSecret } from './service-app-secret';
import { systemClock } from '../clock';

export interface RotationOptions {
  store: VersionedSecretStore;
  /** Client for the OAuth endpoint (anonymous calls; its token provider is not used). */
  oauthClient: WebexClient;
  /** Proves a new access token works with one cheap Webex call. */
  verify: (accessToken: string) => Promise<void>;
  log?: LogSink;
  now?: () => Date;
  /** A rotation that succeeded less than this long ago is not repeated (Webex answers a refresh repeated within a day with the same values). */
  minIntervalMs?: number;
  /** How long a rotation may hold the lease before another may take over (a crashed run). */
  leaseMs?: number;
  writeAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

export type RotationResult =
  | { outcome: 'rotated'; verified: boolean; usedPreviousRefreshToken: boolean; accessTokenExpiresAt: string; refreshTokenExpiresAt?: string }
  | { outcome: 'skipped'; reason: string; notConnected?: true; accessTokenExpiresAt?: string; refreshTokenExpiresAt?: string };

const NOT_CONNECTED: RotationResult = {
  outcome: 'skipped',
  reason: 'not connected yet: no Service App token pair is stored (run npm run connect)',
  notConnected: true,
};

/** A rotation that did not leave a fresh token pair stored. Its message names no token. */
export class RotationFailedError extends Error {
  override readonly name = 'RotationFailedError';
  constructor(
    message: string,
    readonly secretUntouched: boolean,
    readonly refreshTokenExpiresAt?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Refreshes the Service App token pair without ever losing the refresh token:
 *  1. take a lease on the secret (a compare-and-swap write), so of two racing rotations one refreshes;
 *  2. refresh with the stored refresh token, falling back to the previous one if Webex rejects it;
 *  3. write the new pair back at once, retrying the write, keeping the refresh token just used;
 *  4. prove the new access token works, and only then forget the previous refresh token.
 * Webex does not document whether a refresh invalidates the old refresh token; this assumes it may.
 */
export async function rotateServiceAppTokens(options: RotationOptions): Promise<RotationResult> {
  const now = options.now ?? (() => new Date());
  const log = options.log;
  const minIntervalMs = options.minIntervalMs ?? 60 * 60_000;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const start = now();

  // Before the first `npm run connect` there is nothing to rotate: a skipped run (its own metric), not a failure
  // that would alarm every few hours on a stack nobody has connected yet.
  let current: SecretVersion | undefined;
  try {
    current = await options.store.readVersion();
  } catch (error) {
    if (error instanceof SecretUnavailableError && error.notConnected) return NOT_CONNECTED;
    throw error;
  }
  if (!current) return NOT_CONNECTED;
  const secret = current.secret;
  const expiries = { accessTokenExpiresAt: secret.accessTokenExpiresAt, refreshTokenExpiresAt: secret.refreshTokenExpiresAt };

  if (secret.rotationLease && Date.parse(secret.rotationLease.expiresAt) > start.getTime()) {
    return { outcome: 'skipped', reason: `another rotation holds the lease until ${secret.rotationLease.expiresAt}`, ...expiries };
  }
  const last = secret.lastRotation;
  if (last?.outcome === 'succeeded' && start.getTime() - Date.parse(last.at) < minIntervalMs && secret.verified !== false) {
    return { outcome: 'skipped', reason: `last rotation succeeded at ${last.at}, less than ${Math.round(minIntervalMs / 60_000)} minutes ago`, ...expiries };
  }

  const leaseId = randomUUID();
  const { rotationLease: _staleLease, ...unleased } = secret;
  try {
    await options.store.writeVersion(
      { ...unleased, rotationLease: { id: leaseId, expiresAt: new Date(start.getTime() + leaseMs).toISOString() } },
      `lease-${current.versionId}`.slice(0, 64),
    );
  } catch (error) {
    if (error instanceof SecretWriteConflictError) {
      return { outcome: 'skipped', reason: 'another rotation took the lease first', ...expiries };
    }
    throw error;
  }

  const refreshed = await refreshWithFallback(options.oauthClient, unleased, log);
  if ('failure' in refreshed) {
    // The token pair stays exactly as it was; only the outcome is recorded, and the lease released.
    await writeWithRetries(options, { ...unleased, lastRotation: { at: start.toISOString(), outcome: 'failed', reason: refreshed.failure } }, `failed-${leaseId}`);
    // The cause is what the OAuth call threw: a WebexApiError carries no request body, so no token.
    throw new RotationFailedError(`Token refresh failed: ${refreshed.failure}`, true, secret.refreshTokenExpiresAt, { cause: refreshed.cause });
  }

  const { response, usedRefreshToken, usedPrevious } = refreshed;
  const nextRefreshToken = response.refresh_token ?? usedRefreshToken;
  const rotated: ServiceAppSecret = {
    ...unleased,
    accessToken: response.access_token,
    accessTokenExpiresAt: new Date(start.getTime() + response.expires_in * 1000).toISOString(),
    refreshToken: nextRefreshToken,
    refreshTokenExpiresAt: response.refresh_token_expires_in
      ? new Date(start.getTime() + response.refresh_token_expires_in * 1000).toISOString()
      : secret.refreshTokenExpiresAt,
    // Until the new access token has worked once, the refresh token we just used is our way back.
    previousRefreshToken: nextRefreshToken !== usedRefreshToken ? usedRefreshToken : unleased.previousRefreshToken,
    verified: false,
    lastRotation: { at: start.toISOString(), outcome: 'succeeded', ...(usedPrevious ? { reason: 'used the previous refresh token' } : {}) },
  };
  try {
    await writeWithRetries(options, rotated, `rotate-${leaseId}`);
  } catch (error) {
    log?.error('token rotation: Webex issued new tokens but they could not be stored', { error: (error as Error).name });
    throw new RotationFailedError(
      'Webex issued new tokens but writing them to the secret failed after retries; the stored refresh token is unchanged',
      true,
      secret.refreshTokenExpiresAt,
      // The store's error answers a PutSecretValue request: it names the secret, never the value written.
      { cause: error },
    );
  }

  let verified = false;
  try {
    await options.verify(rotated.accessToken);
    verified = true;
  } catch (error) {
    log?.error('token rotation: the new access token did not work; keeping the previous refresh token', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
  if (verified) {
    const { previousRefreshToken: _confirmed, ...confirmed } = rotated;
    await writeWithRetries(options, { ...confirmed, verified: true }, `verify-${leaseId}`);
  }
  return {
    outcome: 'rotated',
    verified,
    usedPreviousRefreshToken: usedPrevious,
    accessTokenExpiresAt: rotated.accessTokenExpiresAt!,
    refreshTokenExpiresAt: rotated.refreshTokenExpiresAt,
  };
}

type Refreshed =
  | { response: TokenResponse; usedRefreshToken: string; usedPrevious: boolean }
  | { failure: string; cause?: unknown };

async function refreshWithFallback(client: WebexClient, secret: ServiceAppSecret, log?: LogSink): Promise<Refreshed> {
  const candidates = [secret.refreshToken, secret.previousRefreshToken].filter(
    (t, i, all): t is string => Boolean(t) && all.indexOf(t) === i,
  );
  let failure = 'no refresh token';
  let cause: unknown;
  for (const [index, refreshToken] of candidates.entries()) {
    try {
      const response = await refreshAccessToken(client, { clientId: secret.clientId, clientSecret: secret.clientSecret, refreshToken });
      return { response, usedRefreshToken: refreshToken, usedPrevious: index > 0 };
    } catch (error) {
      failure = describeRefreshError(error);
      cause = error;
      const rejected = error instanceof WebexApiError && (error.status === 400 || error.status === 401);
      log?.warn('token rotation: refresh attempt failed', { candidate: index === 0 ? 'current' : 'previous', failure });
      // Only a rejected token is worth trying the previous one for; a Webex outage would fail both.
      if (!rejected) break;
    }
  }
  return { failure, cause };
}

function describeRefreshError(error: unknown): string {
  if (error instanceof WebexApiError) {
    return `Webex answered ${error.status}${error.oauthError ? ` ${error.oauthError}` : ''}: ${error.webexMessage}${error.trackingId ? ` (trackingId ${error.trackingId})` : ''}`;
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function writeWithRetries(options: RotationOptions, secret: ServiceAppSecret, requestToken: string): Promise<void> {
  const attempts = options.writeAttempts ?? 5;
  const sleep = options.sleep ?? systemClock.sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      await options.store.writeVersion(secret, requestToken.slice(0, 64));
      return;
    } catch (error) {
      // Same request token and content: a retry can never store two different versions.
      if (error instanceof SecretWriteConflictError || attempt >= attempts) throw error;
      options.log?.warn('token rotation: secret write failed, retrying', { attempt, error: (error as Error).name });
      await sleep(Math.min(5_000, 200 * 2 ** (attempt - 1)));
    }
  }
}
