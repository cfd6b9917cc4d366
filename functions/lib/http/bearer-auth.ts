import { CognitoJwtVerifier, JwtVerifier } from 'aws-jwt-verify';
import { FetchError, JwksValidationError, JwkValidationError, JwtBaseError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { wireScope, type ApiScope } from './scopes';

/**
 * The OAuth check every route makes, deployed (the Lambda authorizer) and local (`LOCAL_API_AUTH=oauth`): the
 * same verifier (aws-jwt-verify), the same scope rule and the same answers.
 */

/** Where tokens come from: the stack's Cognito user pool, or an external authorization server (Entra ID, Okta). */
export type TokenIssuer =
  | { readonly kind: 'cognito'; readonly userPoolId: string; readonly clientIds: readonly string[] }
  | { readonly kind: 'jwt'; readonly issuer: string; readonly audience: string; readonly jwksUri?: string };

export interface TokenVerifier {
  /** The token's claims once its signature, issuer, audience (or Cognito client) and lifetime hold; throws otherwise. */
  verify(token: string): Promise<JwtPayload>;
  /** Reads the issuer's JWKS into the cache now (aws-jwt-verify's `hydrate`), so the first `verify` need not. */
  hydrate(): Promise<void>;
}

/**
 * @param fetcher how the JWKS is fetched: aws-jwt-verify's own (HTTPS only) unless given; the local API gives one
 * that reads its loopback http:// JWKS, the library's documented extension point, the checks unchanged.
 */
export function tokenVerifier(issuer: TokenIssuer, fetcher?: Fetcher): TokenVerifier {
  const cache = fetcher ? { jwksCache: new SimpleJwksCache({ fetcher }) } : undefined;
  if (issuer.kind === 'cognito') {
    // Client-credentials tokens are access tokens; Cognito names the app client in `client_id` (there is no `aud`).
    const verifier = CognitoJwtVerifier.create({ userPoolId: issuer.userPoolId, tokenUse: 'access', clientId: [...issuer.clientIds] }, cache);
    return { verify: (token) => verifier.verify(token), hydrate: () => verifier.hydrate() };
  }
  const verifier = JwtVerifier.create({ issuer: issuer.issuer, audience: issuer.audience, ...(issuer.jwksUri ? { jwksUri: issuer.jwksUri } : {}) }, cache);
  return { verify: (token) => verifier.verify(token), hydrate: () => verifier.hydrate() };
}

/** The answers, in the product's error JSON; API Gateway's gateway responses send the same (infra/constructs/oauth-api.ts). */
export const INVALID_TOKEN = {
  status: 401,
  wwwAuthenticate: 'Bearer error="invalid_token"',
  code: 'Unauthorized',
  message: 'A valid bearer token is required: the token is missing, malformed, expired or not from this API\'s issuer',
} as const;

export const INSUFFICIENT_SCOPE = {
  status: 403,
  wwwAuthenticate: 'Bearer error="insufficient_scope"',
  code: 'InsufficientScope',
  message: (scope: string) => `The token lacks the scope ${scope} this operation needs`,
} as const;

export type BearerDecision =
  | { readonly allowed: true; readonly clientId: string; readonly scopes: readonly string[] }
  | { readonly allowed: false; readonly reason: 'invalid_token' }
  | { readonly allowed: false; readonly reason: 'insufficient_scope'; readonly requiredScope: string }
  /** The issuer's keys could not be read: not the caller's fault, so not a 401. */
  | { readonly allowed: false; readonly reason: 'issuer_unavailable' };

/**
 * The scopes a token grants. Cognito and RFC 9068 write `scope` (space-separated), Okta `scp` (an array), Entra ID
 * `scp` for delegated tokens and `roles` (app roles) for client-credentials ones: any of them may carry
 * `webex-provisioning/<scope>`.
 */
export function tokenScopes(claims: JwtPayload): string[] {
  const out: string[] = [];
  for (const claim of [claims.scope, claims.scp, claims.roles]) {
    if (typeof claim === 'string') out.push(...claim.split(' ').filter(Boolean));
    else if (Array.isArray(claim)) out.push(...claim.filter((s): s is string => typeof s === 'string'));
  }
  return out;
}

/** `Authorization: Bearer <token>` (the scheme case-insensitive, RFC 7235); anything else is no token. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization ?? '');
  return match?.[1];
}

/** May this Authorization header call an operation needing `scope`? */
export async function authorizeBearer(authorization: string | undefined, scope: ApiScope, verifier: TokenVerifier): Promise<BearerDecision> {
  const token = bearerToken(authorization);
  if (!token) return { allowed: false, reason: 'invalid_token' };
  let claims: JwtPayload;
  try {
    claims = await verifier.verify(token);
  } catch (error) {
    if (error instanceof FetchError || error instanceof JwksValidationError || error instanceof JwkValidationError) {
      return { allowed: false, reason: 'issuer_unavailable' };
    }
    if (error instanceof JwtBaseError) return { allowed: false, reason: 'invalid_token' };
    throw error;
  }
  const scopes = tokenScopes(claims);
  const required = wireScope(scope);
  if (!scopes.includes(required)) return { allowed: false, reason: 'insufficient_scope', requiredScope: required };
  const clientId = [claims.client_id, claims.azp, claims.appid, claims.cid, claims.sub].find((c): c is string => typeof c === 'string') ?? 'unknown';
  return { allowed: true, clientId, scopes };
}
