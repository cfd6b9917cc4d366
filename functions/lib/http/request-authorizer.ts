import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import type { Env } from '../config';
import { ConfigurationError } from '../errors';
import { tokenVerifier, type TokenIssuer, type TokenVerifier } from './bearer-auth';
import { authorizeRequest } from './request-auth';
import type { ApiScope } from './scopes';
import { extensionScimTokenReader } from '../scim-auth/extension-scim-token-reader';
import { cachedScimTokenReader, type ScimTokenReader } from '../scim-auth/scim-token-store';

/**
 * The Lambda authorizer (REQUEST type) of the OAuth API and of the SCIM API, deployed by
 * infra/constructs/workflow-api.ts: an OAuth token with the method's scope, or on a `scim` method the SCIM token
 * (http/request-auth.ts). API Gateway caches
 * its answer per token, method and resource (the identity sources), so each answer is for one method: an Allow,
 * a Deny naming the scope the method needs (the ACCESS_DENIED gateway response reads it from the context: 403
 * InsufficientScope), or "Unauthorized" (the UNAUTHORIZED gateway response: 401). Any other error is API
 * Gateway's AUTHORIZER_FAILURE (500): the issuer's keys could not be read, which is not the caller's fault.
 */

/** The scope of each method, `"GET /users/{user}": "users.read"`: the stack writes it from the route rows. */
export type RouteScopes = Readonly<Record<string, ApiScope>>;

export const routeScopeKey = (method: string, resource: string) => `${method} ${resource}`;

export interface AuthorizerSettings {
  /** None when the stack takes no OAuth tokens (`apiAuth` iam): the SCIM API then takes the SCIM token only. */
  readonly issuer?: TokenIssuer;
  readonly scopes: RouteScopes;
  /** The SCIM token secret (SCIM_TOKEN_SECRET_ARN), read through the Parameters and Secrets extension. */
  readonly scimTokens?: ScimTokenReader;
}

/** The authorizer's configuration, from the variables the stack sets (named in ConfigurationErrors). */
export function authorizerSettings(env: Env): AuthorizerSettings {
  const need = (name: 'API_AUTH_ROUTE_SCOPES' | 'API_AUTH_ISSUER' | 'API_AUTH_AUDIENCE' | 'API_AUTH_USER_POOL_ID' | 'API_AUTH_CLIENT_IDS') => {
    const value = env[name];
    if (!value) throw new ConfigurationError(`${name} is not set`);
    return value;
  };
  let scopes: RouteScopes;
  try {
    scopes = JSON.parse(need('API_AUTH_ROUTE_SCOPES')) as RouteScopes;
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    throw new ConfigurationError('API_AUTH_ROUTE_SCOPES is not JSON', { cause: error });
  }
  const issuer: TokenIssuer | undefined = env.API_AUTH_USER_POOL_ID
    ? { kind: 'cognito', userPoolId: env.API_AUTH_USER_POOL_ID, clientIds: need('API_AUTH_CLIENT_IDS').split(',') }
    : env.API_AUTH_ISSUER || !env.SCIM_TOKEN_SECRET_ARN
      ? { kind: 'jwt', issuer: need('API_AUTH_ISSUER'), audience: need('API_AUTH_AUDIENCE'), ...(env.API_AUTH_JWKS_URI ? { jwksUri: env.API_AUTH_JWKS_URI } : {}) }
      : undefined;
  const port = Number(env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT);
  const scimTokens = env.SCIM_TOKEN_SECRET_ARN
    ? cachedScimTokenReader(extensionScimTokenReader(env.SCIM_TOKEN_SECRET_ARN, { port: Number.isInteger(port) && port > 0 ? port : undefined, sessionToken: env.AWS_SESSION_TOKEN }))
    : undefined;
  return { issuer, scopes, ...(scimTokens ? { scimTokens } : {}) };
}

export function requestAuthorizer(settings: AuthorizerSettings, verifier: TokenVerifier | undefined = settings.issuer && tokenVerifier(settings.issuer)) {
  return async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
    const scope = settings.scopes[routeScopeKey(event.httpMethod, event.resource)];
    // A method the table does not know is the stack's mistake: refuse it rather than let any token through.
    if (!scope) return policy('unknown', 'Deny', event.methodArn, { requiredScope: 'an unknown scope' });
    const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
    const decision = await authorizeRequest(header, scope, { verifier, scimTokens: settings.scimTokens });
    if (decision.allowed) return policy(decision.clientId, 'Allow', event.methodArn, { clientId: decision.clientId, scope: decision.scopes.join(' ') });
    if (decision.reason === 'insufficient_scope') return policy('insufficient-scope', 'Deny', event.methodArn, { requiredScope: decision.requiredScope });
    if (decision.reason === 'invalid_token') throw new Error('Unauthorized'); // API Gateway's own word for a 401
    throw new Error("The token issuer's keys could not be read, or the SCIM token secret");
  };
}

function policy(principalId: string, effect: 'Allow' | 'Deny', methodArn: string, context: Record<string, string>): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: methodArn }] },
    context,
  };
}
