import { createHash, createPublicKey, generateKeyPairSync, randomBytes, randomUUID, sign, timingSafeEqual, type KeyObject } from 'node:crypto';
import * as z from 'zod';
import { RESOURCE_SERVER, API_SCOPES, wireScope, type ApiScope } from '../lib/http/scopes';

/**
 * The local stand-in for the stack's Cognito user pool (`LOCAL_API_AUTH=oauth npm start`): confidential clients,
 * the client-credentials grant at POST /oauth2/token, RS256 access tokens shaped like Cognito's (`client_id`,
 * space-separated `scope`, `token_use: access`) plus an `aud`, and the public key at GET /.well-known/jwks.json.
 *
 * Minted with node:crypto rather than a JWT library: signing is one `crypto.sign` over two base64url segments,
 * and the keys export as JWK natively. The checks that matter, verifying, are aws-jwt-verify's (http/bearer-auth.ts),
 * the library the deployed authorizer runs.
 */

/** A client as LOCAL_API_CLIENTS lists it: `[{"name":"jira","secret":"…","scopes":["users.read"]}]`. */
export const LocalClient = z.strictObject({
  name: z.string().min(1).regex(/^[\w.-]+$/, 'letters, digits, ".", "_" or "-"'),
  secret: z.string().min(16, 'at least 16 characters'),
  scopes: z.array(z.enum(API_SCOPES)).min(1),
});
export type LocalClient = z.infer<typeof LocalClient>;
export const LocalClients = z.array(LocalClient).min(1).refine((clients) => new Set(clients.map((c) => c.name)).size === clients.length, 'client names must differ');

/** How long a token lives: Cognito's default for access tokens. */
export const TOKEN_LIFETIME_SECONDS = 3600;

export interface TokenRequest {
  /** The Authorization header (HTTP Basic with the client id and secret), if sent. */
  readonly authorization?: string;
  /** The form body, `application/x-www-form-urlencoded` as RFC 6749 requires. */
  readonly form: URLSearchParams;
}

/** RFC 6749 section 5: the token endpoint answers in OAuth's own error format, as Cognito's does. */
export type TokenResponse =
  | { readonly status: 200; readonly body: { access_token: string; token_type: 'Bearer'; expires_in: number } }
  | { readonly status: 400 | 401; readonly body: { error: string; error_description: string } };

export interface LocalTokenIssuer {
  /** The `iss` of every token: the local API's base URL. */
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUri: string;
  readonly clients: readonly LocalClient[];
  jwks(): { keys: Record<string, unknown>[] };
  token(request: TokenRequest): TokenResponse;
  /** A token for a client's scopes (tests: `nowSeconds` in the past mints an expired one). */
  mint(clientId: string, scopes: readonly ApiScope[], nowSeconds?: number): string;
}

/** A fresh signing key per start: tokens from an earlier run stop verifying, as after a key rotation. */
export function createLocalTokenIssuer(baseUrl: string, clients: readonly LocalClient[], privateKey: KeyObject = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey): LocalTokenIssuer {
  const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const kid = createHash('sha256').update(JSON.stringify(publicJwk)).digest('base64url').slice(0, 16);
  const issuer = baseUrl.replace(/\/$/, '');
  const byName = new Map(clients.map((c) => [c.name, c]));

  const mint = (clientId: string, scopes: readonly ApiScope[], nowSeconds = Math.floor(Date.now() / 1000)): string => {
    const header = { alg: 'RS256', typ: 'JWT', kid };
    const payload = {
      iss: issuer,
      aud: RESOURCE_SERVER,
      sub: clientId,
      client_id: clientId,
      token_use: 'access',
      scope: scopes.map(wireScope).join(' '),
      iat: nowSeconds,
      exp: nowSeconds + TOKEN_LIFETIME_SECONDS,
      jti: randomUUID(),
    };
    const signingInput = `${b64url(header)}.${b64url(payload)}`;
    return `${signingInput}.${sign('sha256', Buffer.from(signingInput), privateKey).toString('base64url')}`;
  };

  return {
    issuer,
    audience: RESOURCE_SERVER,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    clients,
    jwks: () => ({ keys: [{ ...publicJwk, kid, alg: 'RS256', use: 'sig' }] }),
    mint,
    token({ authorization, form }) {
      const grant = form.get('grant_type');
      if (grant !== 'client_credentials') {
        return oauthError(400, grant ? 'unsupported_grant_type' : 'invalid_request', 'grant_type must be client_credentials');
      }
      const basic = basicCredentials(authorization);
      const formId = form.get('client_id');
      // RFC 6749 section 2.3.1: one authentication method per request.
      if (basic && form.has('client_secret')) return oauthError(400, 'invalid_request', 'send the client secret either in Authorization: Basic or in the form, not both');
      const id = basic?.id ?? formId;
      const secret = basic?.secret ?? form.get('client_secret');
      const client = id ? byName.get(id) : undefined;
      if (!client || secret === null || !sameSecret(secret, client.secret) || (basic && formId !== null && formId !== basic.id)) {
        return oauthError(401, 'invalid_client', 'unknown client or wrong secret');
      }
      // As Cognito: no `scope` asks for every scope the client may have; any scope it may not have is refused.
      const asked = form.get('scope')?.split(' ').filter(Boolean);
      const allowed = new Map(client.scopes.map((s) => [wireScope(s), s]));
      if (asked?.some((s) => !allowed.has(s))) return oauthError(400, 'invalid_scope', `${client.name} may ask for ${[...allowed.keys()].join(' ')}`);
      const granted = asked?.length ? asked.map((s) => allowed.get(s)!) : client.scopes;
      return { status: 200, body: { access_token: mint(client.name, granted), token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS } };
    },
  };
}

/** The client `npm start` prints when LOCAL_API_CLIENTS names none: every scope, a fresh secret per start. */
export function demoClient(): LocalClient {
  return { name: 'demo', secret: randomBytes(24).toString('base64url'), scopes: [...API_SCOPES] };
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function basicCredentials(authorization: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic +([A-Za-z0-9+/]+=*) *$/i.exec(authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  // RFC 6749 section 2.3.1: both parts are form-urlencoded before they are joined.
  const part = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { id: part(decoded.slice(0, colon)), secret: part(decoded.slice(colon + 1)) };
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function oauthError(status: 400 | 401, error: string, description: string): TokenResponse {
  return { status, body: { error, error_description: description } };
}
