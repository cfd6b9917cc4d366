import { isScimToken, scimTokenMatches } from '../scim-auth/scim-token';
import type { ScimTokenReader } from '../scim-auth/scim-token-store';
import { authorizeBearer, bearerToken, type BearerDecision, type TokenVerifier } from './bearer-auth';
import { wireScope, type ApiScope } from './scopes';

/**
 * Who may call a route, deployed (the API's Lambda authorizer) and local: an OAuth access token carrying the
 * route's scope (bearer-auth.ts), or, on a `scim` route only, the long-lived SCIM token of `npm run scim-token`
 * (Entra ID's Secret Token, Okta's header auth). The SCIM token is told from a JWT by its prefix, and grants the
 * `scim` scope and nothing else.
 */
export interface RequestAuthOptions {
  /** The OAuth issuer's verifier; none where the API takes no OAuth tokens (a SCIM API under `apiAuth` iam). */
  readonly verifier?: TokenVerifier;
  /** The SCIM token secret's digests; none where the SCIM token is not accepted. */
  readonly scimTokens?: ScimTokenReader;
  readonly now?: () => Date;
}

/** The principal a SCIM-token request runs as (the access log's clientId, the activity record's client). */
export const SCIM_TOKEN_CLIENT = 'scim-token';

const INVALID: BearerDecision = { allowed: false, reason: 'invalid_token' };

export async function authorizeRequest(authorization: string | undefined, scope: ApiScope, options: RequestAuthOptions): Promise<BearerDecision> {
  const token = bearerToken(authorization);
  if (token !== undefined && isScimToken(token)) {
    if (scope !== 'scim' || !options.scimTokens) return INVALID;
    let secret;
    try {
      secret = await options.scimTokens();
    } catch {
      // The secret could not be read: not the caller's fault, so not a 401 (the authorizer's 503).
      return { allowed: false, reason: 'issuer_unavailable' };
    }
    return scimTokenMatches(secret, token, (options.now ?? (() => new Date()))()) ? { allowed: true, clientId: SCIM_TOKEN_CLIENT, scopes: [wireScope('scim')] } : INVALID;
  }
  if (!options.verifier) return INVALID;
  return authorizeBearer(authorization, scope, options.verifier);
}
