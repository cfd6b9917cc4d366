import type { Reply } from '../http';
import type { RequestContext, Router } from '../router';
import type { RefreshTokenProblem } from '../state';

export interface OAuthOptions {
  /** Issue a new refresh token value on each refresh (default true). */
  rotateRefreshToken: boolean;
  /** After a rotation, the previous refresh token still works (default false). */
  oldRefreshTokenStaysValid: boolean;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

export const DEFAULT_OAUTH_OPTIONS: OAuthOptions = {
  rotateRefreshToken: true,
  oldRefreshTokenStaysValid: false,
  accessTokenTtlSeconds: 1_209_600,
  refreshTokenTtlSeconds: 7_776_000,
};

/**
 * POST /v1/access_token, the refresh-token grant a Service App uses. Form-encoded only. Errors carry
 * the OAuth fields (`error`, `error_description`) and, as Webex wraps its identity broker's answers,
 * the usual Webex error fields too.
 */
export function registerOAuth(router: Router, options: OAuthOptions): void {
  router.on('POST', '/access_token', (ctx) => refresh(ctx, options));
}

function oauthError(status: number, error: string, description: string, trackingId: string): Reply {
  return {
    status,
    body: { error, error_description: description, message: description, errors: [{ description }], trackingId },
    headers: { 'cache-control': 'no-store' },
  };
}

const GRANT_PROBLEMS: Record<RefreshTokenProblem, string> = {
  unknown: 'The refresh token provided is invalid.',
  revoked: 'The refresh token has been revoked.',
  expired: 'The refresh token has expired.',
  wrong_client: 'The refresh token was issued to another client.',
};

function refresh(ctx: RequestContext, options: OAuthOptions): Reply {
  const { state, trackingId } = ctx;
  const contentType = String(ctx.headers['content-type'] ?? '').toLowerCase();
  if (!contentType.startsWith('application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'The token request must be sent as application/x-www-form-urlencoded.', trackingId);
  }
  const form = (ctx.body ?? {}) as Record<string, string>;
  const grantType = form.grant_type;
  if (!grantType) return oauthError(400, 'invalid_request', 'grant_type is required.', trackingId);
  if (grantType !== 'refresh_token') {
    return oauthError(400, 'unsupported_grant_type', `Unsupported grant_type: ${grantType}`, trackingId);
  }
  const { client_id: clientId, client_secret: clientSecret, refresh_token: refreshToken } = form;
  if (!clientId || !clientSecret) return oauthError(400, 'invalid_request', 'client_id and client_secret are required.', trackingId);
  if (!refreshToken) return oauthError(400, 'invalid_request', 'refresh_token is required.', trackingId);
  const client = state.clients.get(clientId);
  if (!client || client.clientSecret !== clientSecret) {
    return oauthError(401, 'invalid_client', 'Client authentication failed: unknown client_id or wrong client_secret.', trackingId);
  }
  const problem = state.refreshTokenProblem(refreshToken, clientId);
  if (problem) return oauthError(400, 'invalid_grant', GRANT_PROBLEMS[problem], trackingId);

  const accessToken = state.issueAccessToken(options.accessTokenTtlSeconds);
  let nextRefreshToken = refreshToken;
  let refreshExpiresIn = state.refreshTokenSecondsLeft(refreshToken);
  if (options.rotateRefreshToken) {
    nextRefreshToken = state.issueRefreshToken(clientId, options.refreshTokenTtlSeconds);
    refreshExpiresIn = options.refreshTokenTtlSeconds;
    if (!options.oldRefreshTokenStaysValid) state.revokeRefreshToken(refreshToken);
  }
  return {
    status: 200,
    body: {
      access_token: accessToken,
      expires_in: options.accessTokenTtlSeconds,
      refresh_token: nextRefreshToken,
      refresh_token_expires_in: refreshExpiresIn,
      token_type: 'Bearer',
      ...(client.scope ? { scope: client.scope } : {}),
    },
    headers: { 'cache-control': 'no-store' },
  };
}
