import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { tokenVerifier } from '../../../functions/lib/http/bearer-auth';
import { authorizerSettings, requestAuthorizer } from '../../../functions/lib/http/request-authorizer';
import { createLocalTokenIssuer } from '../../../functions/local/oauth-issuer';

/** The deployed authorizer's decisions, over real RS256 tokens and aws-jwt-verify (the JWKS served from memory). */
const issuer = createLocalTokenIssuer('https://issuer.example.com', [{ name: 'jira', secret: 'x'.repeat(16), scopes: ['users.read'] }]);
const settings = {
  issuer: { kind: 'jwt' as const, issuer: issuer.issuer, audience: issuer.audience, jwksUri: issuer.jwksUri },
  scopes: { 'GET /users/{user}': 'users.read', 'DELETE /users/{user}': 'users.write' } as const,
};
let jwksReads = 0;
const authorize = requestAuthorizer(settings, tokenVerifier(settings.issuer, { fetch: async () => (jwksReads++, new TextEncoder().encode(JSON.stringify(issuer.jwks())).buffer as ArrayBuffer) }));
const methodArn = 'arn:aws:execute-api:us-east-1:123456789012:abc123/v1/GET/users/alice';
const event = (httpMethod: string, authorization?: string): APIGatewayRequestAuthorizerEvent =>
  ({ type: 'REQUEST', methodArn, resource: '/users/{user}', path: '/users/alice', httpMethod, headers: authorization ? { Authorization: authorization } : {} }) as unknown as APIGatewayRequestAuthorizerEvent;

describe('the OAuth API authorizer', () => {
  it('allows this method for a token with its scope, naming the client in the context', async () => {
    const result = await authorize(event('GET', `Bearer ${issuer.mint('jira', ['users.read'])}`));
    expect(result).toEqual({
      principalId: 'jira',
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: methodArn }] },
      context: { clientId: 'jira', scope: 'webex-provisioning/users.read' },
    });
  });

  it('denies a token without the scope, naming it for the ACCESS_DENIED gateway response', async () => {
    const result = await authorize(event('DELETE', `Bearer ${issuer.mint('jira', ['users.read'])}`));
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
    expect(result.context).toEqual({ requiredScope: 'webex-provisioning/users.write' });
    // Two tokens verified, one JWKS read: the keys are kept per container (a token with an unknown kid refetches).
    expect(jwksReads).toBe(1);
  });

  it('answers "Unauthorized" (401) for no token, an expired one, another issuer\'s', async () => {
    const other = createLocalTokenIssuer('https://other.example.com', issuer.clients);
    for (const auth of [undefined, `Bearer ${issuer.mint('jira', ['users.read'], Math.floor(Date.now() / 1000) - 7200)}`, `Bearer ${other.mint('jira', ['users.read'])}`]) {
      await expect(authorize(event('GET', auth))).rejects.toThrow(/^Unauthorized$/);
    }
  });

  it('denies a method the scope table does not know', async () => {
    const result = await authorize({ ...event('GET', `Bearer ${issuer.mint('jira', ['users.read'])}`), resource: '/admin' });
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
  });

  it('fails (500 AUTHORIZER_FAILURE, not a 401) when the issuer\'s keys cannot be read', async () => {
    const broken = requestAuthorizer(settings, tokenVerifier(settings.issuer, { fetch: async () => Promise.reject(new (await import('aws-jwt-verify/error')).FetchError(issuer.jwksUri, 'down')) }));
    await expect(broken(event('GET', `Bearer ${issuer.mint('jira', ['users.read'])}`))).rejects.toThrow(/keys could not be read/);
  });

  it('reads its configuration from the variables the stack sets, naming a missing one', () => {
    expect(() => authorizerSettings({})).toThrow(/API_AUTH_ROUTE_SCOPES/);
    expect(authorizerSettings({ API_AUTH_ROUTE_SCOPES: '{}', API_AUTH_USER_POOL_ID: 'us-east-1_abc', API_AUTH_CLIENT_IDS: 'a,b' }).issuer).toEqual({ kind: 'cognito', userPoolId: 'us-east-1_abc', clientIds: ['a', 'b'] });
    expect(() => authorizerSettings({ API_AUTH_ROUTE_SCOPES: '{}', API_AUTH_ISSUER: 'https://x' })).toThrow(/API_AUTH_AUDIENCE/);
  });

  it('reads the JWKS once when hydrated ahead of the first token, and verifies from that cache', async () => {
    let reads = 0;
    const verifier = tokenVerifier(settings.issuer, { fetch: async () => (reads++, new TextEncoder().encode(JSON.stringify(issuer.jwks())).buffer as ArrayBuffer) });
    await verifier.hydrate();
    expect(reads).toBe(1);
    const hydrated = requestAuthorizer(settings, verifier);
    await expect(hydrated(event('GET', `Bearer ${issuer.mint('jira', ['users.read'])}`))).resolves.toMatchObject({ principalId: 'jira' });
    expect(reads).toBe(1);
  });
});
