import type { LogSink } from '../logger';
import type { SecretStore } from '../tokens/secret-store';
import type { ServiceAppSecret } from '../tokens/service-app-secret';
import { StaticTokenProvider } from '../webex/token-provider';
import { WebexClient } from '../webex/client';
import { WebexApiError } from '../webex/errors';
import { refreshAccessToken } from '../webex/oauth';
import { insecureBaseUrlReason } from '../webex/secure-base-url';

/** The scopes the workflows need (README, "Connect a Webex Service App"). */
export const REQUIRED_SCOPES = [
  'spark-admin:people_read',
  'spark-admin:people_write',
  'spark-admin:licenses_read',
  'spark-admin:locations_read',
  'spark-admin:telephony_config_read',
  'spark-admin:telephony_config_write',
  // The move-users job needs it besides the telephony and people write scopes (webex-user-call-settings-2-2.yml,
  // Validate or Initiate Move Users Job; wxc_sdk/telephony/jobs/__init__.py validate_or_initiate).
  'identity:groups_rw',
  // The PSTN connection read before adding numbers to a location (calling/webex-pstn.yml).
  'spark-admin:telephony_pstn_read',
] as const;

interface Probe {
  scope: (typeof REQUIRED_SCOPES)[number];
  /** The path, or one built from the calling location the telephony probe saw (skipped without one). */
  path: string | ((locationId: string) => string);
  query?: Record<string, string | number>;
  /** Answers other than 401/403 that still prove the scope (a location without a PSTN connection is a 404). */
  alsoOk?: number[];
  /** What an answer proves short of the whole scope, said in the report (a read proves a _rw scope's read only). */
  provesOnly?: string;
}

// Read-only calls that each need one scope: a 403 tells us the scope is missing. The PSTN probe needs a
// calling location: one from /telephony/config/locations, since /locations also lists locations without Webex
// Calling, about which telephony calls answer 400. identity:groups_rw is probed by listing groups, which proves
// its read part only (a write would change the org).
const PROBES: Probe[] = [
  { scope: 'spark-admin:people_read', path: '/people', query: { max: 1 } },
  { scope: 'spark-admin:licenses_read', path: '/licenses' },
  { scope: 'spark-admin:locations_read', path: '/locations', query: { max: 1 } },
  { scope: 'spark-admin:telephony_config_read', path: '/telephony/config/locations', query: { max: 1 } },
  { scope: 'identity:groups_rw', path: '/groups', query: { count: 1 }, provesOnly: 'read access (GET /groups); write access could not be verified' },
  {
    scope: 'spark-admin:telephony_pstn_read',
    path: (locationId) => `/telephony/pstn/locations/${encodeURIComponent(locationId)}/connection`,
    alsoOk: [404],
  },
];

export interface ConnectInput {
  orgName: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  baseUrl: string;
  store: SecretStore;
  now?: () => Date;
  log?: LogSink;
}

export interface ConnectReport {
  organisation: { name: string; id?: string };
  grantedScopes?: string[];
  missingScopes: string[];
  /**
   * One per probe sent: `ok` when it proved the token works for the scope (`note`: what it could not prove), not
   * ok with 401/403 when the scope is missing, or not ok with `error` when Webex's answer says nothing about it.
   */
  probes: { scope: string; ok: boolean; status?: number; note?: string; error?: string }[];
  /**
   * Required scopes neither Webex's token answer lists nor a probe proved (write scopes, which no read can
   * prove), when the token answer carries no `scope`: empty when it does.
   */
  unverifiedScopes: string[];
  accessTokenExpiresAt: string;
  refreshTokenExpiresAt?: string;
}

export class ConnectError extends Error {
  override readonly name = 'ConnectError';
}

/**
 * The client secret and refresh token travel in the request body: only over https, except to a Webex on
 * this machine (the simulator, a test double), which no one else can listen to.
 */
export function assertSecureBaseUrl(baseUrl: string): void {
  const reason = insecureBaseUrlReason(baseUrl);
  if (reason) throw new ConnectError(reason);
}

/**
 * Validates a Service App's credentials by refreshing once, stores the resulting pair at once (the
 * refresh may have replaced the refresh token the admin typed in), then probes Webex with one cheap
 * read per scope and reports the organisation and any missing scope.
 */
export async function connectServiceApp(input: ConnectInput): Promise<ConnectReport> {
  assertSecureBaseUrl(input.baseUrl);
  const now = (input.now ?? (() => new Date()))();
  const oauth = new WebexClient({ baseUrl: input.baseUrl, tokenProvider: new StaticTokenProvider('not-used'), logger: input.log });
  let token;
  try {
    token = await refreshAccessToken(oauth, { clientId: input.clientId, clientSecret: input.clientSecret, refreshToken: input.refreshToken });
  } catch (error) {
    if (error instanceof WebexApiError && error.oauthError === 'invalid_client') {
      // A WebexApiError carries no request body or header, so never the client secret or the refresh token.
      throw new ConnectError('Webex rejected the Client ID or Client Secret (invalid_client)', { cause: error });
    }
    if (error instanceof WebexApiError && (error.oauthError === 'invalid_grant' || error.status === 400 || error.status === 401)) {
      throw new ConnectError(
        `Webex rejected the refresh token (${error.oauthError ?? error.status}: ${error.webexMessage}); generate a new token pair for the authorised organisation`,
        { cause: error },
      );
    }
    throw error;
  }

  const secret: ServiceAppSecret = {
    orgName: input.orgName,
    clientId: input.clientId,
    clientSecret: input.clientSecret,
    accessToken: token.access_token,
    accessTokenExpiresAt: new Date(now.getTime() + token.expires_in * 1000).toISOString(),
    refreshToken: token.refresh_token ?? input.refreshToken,
    refreshTokenExpiresAt: token.refresh_token_expires_in
      ? new Date(now.getTime() + token.refresh_token_expires_in * 1000).toISOString()
      : undefined,
    ...(token.refresh_token && token.refresh_token !== input.refreshToken ? { previousRefreshToken: input.refreshToken } : {}),
    verified: false,
  };
  await input.store.write(secret);

  const api = new WebexClient({ baseUrl: input.baseUrl, tokenProvider: new StaticTokenProvider(token.access_token), logger: input.log, maxAttempts: 3 });
  const probes: ConnectReport['probes'] = [];
  let orgId: string | undefined;
  let locationId: string | undefined;
  try {
    for (const probe of PROBES) {
      if (typeof probe.path === 'function' && !locationId) continue;
      const path = typeof probe.path === 'function' ? probe.path(locationId as string) : probe.path;
      try {
        const res = await api.get<{ items?: { orgId?: string; id?: string }[]; locations?: { id?: string }[] }>(path, { query: probe.query });
        orgId ??= res.data?.items?.find((i) => i.orgId)?.orgId;
        if (probe.scope === 'spark-admin:telephony_config_read') locationId = res.data?.locations?.[0]?.id;
        probes.push({ scope: probe.scope, ok: true, status: res.status, ...(probe.provesOnly ? { note: probe.provesOnly } : {}) });
      } catch (error) {
        if (error instanceof WebexApiError && probe.alsoOk?.includes(error.status)) {
          probes.push({ scope: probe.scope, ok: true, status: error.status });
        } else if (error instanceof WebexApiError && (error.status === 403 || error.status === 401)) {
          probes.push({ scope: probe.scope, ok: false, status: error.status });
        } else {
          // Says nothing about the scope: reported, and the other probes still run.
          probes.push({ scope: probe.scope, ok: false, ...(error instanceof WebexApiError ? { status: error.status } : {}), error: describeProbeError(error) });
        }
      }
    }
  } finally {
    // The stored pair is settled whatever happened above: verified once the new access token has worked, which
    // any answer but 401 shows (a 403 or a 400 too: Webex accepted the token, then refused the request).
    if (tokenWorked(probes)) {
      const { previousRefreshToken: _proven, ...proven } = secret;
      await input.store.write({ ...proven, orgId, verified: true });
    }
  }
  const granted = token.scope?.split(/[\s,]+/).filter(Boolean);
  const refused = probes.filter((p) => !p.ok && !p.error).map((p) => p.scope);
  const missing = granted ? REQUIRED_SCOPES.filter((s) => !granted.includes(s)) : refused;
  const provenWhole = new Set(probes.filter((p) => p.ok && !p.note).map((p) => p.scope));
  const unverified = granted ? [] : REQUIRED_SCOPES.filter((s) => !provenWhole.has(s) && !refused.includes(s));
  if (!tokenWorked(probes)) {
    const why = probes.map((p) => `${p.scope}: ${p.error ?? `HTTP ${p.status}`}`).join('; ');
    throw new ConnectError(
      `The token pair is stored, but its access token worked for no probe (${why}); the rotator keeps the previous refresh token until it does. Run connect again`,
    );
  }
  return {
    organisation: { name: input.orgName, id: orgId },
    grantedScopes: granted,
    missingScopes: missing,
    probes,
    unverifiedScopes: unverified,
    accessTokenExpiresAt: secret.accessTokenExpiresAt!,
    refreshTokenExpiresAt: secret.refreshTokenExpiresAt,
  };
}

function tokenWorked(probes: ConnectReport['probes']): boolean {
  return probes.some((p) => p.status !== undefined && p.status !== 401);
}

/** A probe's failure as the report says it: Webex's status and message, or the network failure; never a token. */
function describeProbeError(error: unknown): string {
  if (error instanceof WebexApiError) return `HTTP ${error.status}: ${error.webexMessage ?? error.message}`;
  return error instanceof Error ? error.message : String(error);
}
