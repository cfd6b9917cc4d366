import type { ServiceAppSecret } from '../tokens/service-app-secret';

const DAY_MS = 24 * 60 * 60_000;
/** Matches the alarm: an admin has two weeks to act before the organisation is disconnected. */
export const REFRESH_TOKEN_WARNING_DAYS = 14;

export type ConnectionStatus = 'healthy' | 'refresh-token-expiring' | 'access-token-expired' | 'disconnected' | 'not-connected' | 'static-token';

export interface ConnectionHealth {
  status: ConnectionStatus;
  organisation?: { name?: string; id?: string };
  accessTokenExpiresAt?: string;
  refreshTokenExpiresAt?: string;
  accessTokenDaysLeft?: number;
  refreshTokenDaysLeft?: number;
  lastRotation?: ServiceAppSecret['lastRotation'];
  message: string;
}

const daysLeft = (at: string | undefined, now: Date) =>
  at ? Math.floor(((Date.parse(at) - now.getTime()) / DAY_MS) * 10) / 10 : undefined;

/** What GET /connection reports: expiry times and the last rotation, never a token. */
export function connectionHealth(secret: ServiceAppSecret | undefined, now: Date = new Date()): ConnectionHealth {
  if (!secret) {
    return { status: 'not-connected', message: 'No Webex Service App secret is stored: connect the Service App (see README)' };
  }
  const accessTokenDaysLeft = daysLeft(secret.accessTokenExpiresAt, now);
  const refreshTokenDaysLeft = daysLeft(secret.refreshTokenExpiresAt, now);
  let status: ConnectionStatus = 'healthy';
  let message = 'Connected';
  if (refreshTokenDaysLeft !== undefined && refreshTokenDaysLeft <= 0) {
    status = 'disconnected';
    message = 'The refresh token has expired: a full administrator must generate a new token pair and connect again';
  } else if (accessTokenDaysLeft !== undefined && accessTokenDaysLeft <= 0) {
    status = 'access-token-expired';
    message = 'The access token has expired: the token rotator has not refreshed it; check its alarms and logs';
  } else if (refreshTokenDaysLeft !== undefined && refreshTokenDaysLeft < REFRESH_TOKEN_WARNING_DAYS) {
    status = 'refresh-token-expiring';
    message = `The refresh token expires in ${refreshTokenDaysLeft} days and rotation has not renewed it`;
  } else if (secret.lastRotation?.outcome === 'failed') {
    message = `Connected, but the last rotation failed: ${secret.lastRotation.reason ?? 'see the rotator logs'}`;
  }
  return {
    status,
    organisation: secret.orgName || secret.orgId ? { name: secret.orgName, id: secret.orgId } : undefined,
    accessTokenExpiresAt: secret.accessTokenExpiresAt,
    refreshTokenExpiresAt: secret.refreshTokenExpiresAt,
    accessTokenDaysLeft,
    refreshTokenDaysLeft,
    lastRotation: secret.lastRotation,
    message,
  };
}
