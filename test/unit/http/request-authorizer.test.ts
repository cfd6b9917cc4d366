import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { tokenVerifier } from '../../../functions/lib/http/bearer-auth';
import { authorizerSettings, requestAuthorizer } from '../../../functions/lib/http/request-authorizer';
import { createLocalTokenIssuer } from '../../../functions/local/oauth-issuer';
import { rotateScimToken } from '../../../functions/lib/scim-auth/scim-token';

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

describe('the authorizer on SCIM methods: an OAuth token with the scim scope, or the SCIM token', () => {
  const first = rotateScimToken(undefined, { now: new Date() });
  const { token, secret } = rotateScimToken(first.secret, { now: new Date(), graceHours: 1 });
  const scopes = { 'GET /scim/v2/Users': 'scim', 'GET /users/{user}': 'users.read' } as const;
  const verifier = tokenVerifier(settings.issuer, { fetch: async () => new TextEncoder().encode(JSON.stringify(issuer.jwks())).buffer as ArrayBuffer });
  const withScim = requestAuthorizer({ ...settings, scopes, scimTokens: async () => secret }, verifier);
  const scimEvent = (authorization?: string, resource = '/scim/v2/Users') => ({ ...event('GET', authorization), resource });

  it('allows the current token and, for its grace period, the one it replaced, as the scim-token principal', async () => {
    for (const t of [token, first.token]) {
      const result = await withScim(scimEvent(`Bearer ${t}`));
      expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
      expect(result).toMatchObject({ principalId: 'scim-token', context: { clientId: 'scim-token', scope: 'webex-provisioning/scim' } });
    }
  });

  it('answers 401 for a wrong SCIM token, and for the SCIM token on any other route (it grants scim only)', async () => {
    await expect(withScim(scimEvent(`Bearer ${token.slice(0, -2)}xx`))).rejects.toThrow(/^Unauthorized$/);
    await expect(withScim(scimEvent(`Bearer ${token}`, '/users/{user}'))).rejects.toThrow(/^Unauthorized$/);
  });

  it('takes an OAuth token with webex-provisioning/scim, denies one without it', async () => {
    expect((await withScim(scimEvent(`Bearer ${issuer.mint('jira', ['users.read'])}`))).context).toEqual({ requiredScope: 'webex-provisioning/scim' });
    const scimClient = createLocalTokenIssuer('https://issuer.example.com', [{ name: 'entra', secret: 'y'.repeat(16), scopes: ['scim'] }]);
    const ok = requestAuthorizer({ issuer: { kind: 'jwt', issuer: scimClient.issuer, audience: scimClient.audience, jwksUri: scimClient.jwksUri }, scopes, scimTokens: async () => secret },
      tokenVerifier({ kind: 'jwt', issuer: scimClient.issuer, audience: scimClient.audience }, { fetch: async () => new TextEncoder().encode(JSON.stringify(scimClient.jwks())).buffer as ArrayBuffer }));
    expect((await ok(scimEvent(`Bearer ${scimClient.mint('entra', ['scim'])}`))).policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
  });

  it('with no OAuth issuer (apiAuth iam): the SCIM token only, every JWT a 401', async () => {
    const scimOnly = requestAuthorizer({ scopes, scimTokens: async () => secret });
    expect((await scimOnly(scimEvent(`Bearer ${token}`))).policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
    await expect(scimOnly(scimEvent(`Bearer ${issuer.mint('jira', ['scim' as never])}`))).rejects.toThrow(/^Unauthorized$/);
  });

  it('fails (503, not a 401) when the secret cannot be read', async () => {
    const broken = requestAuthorizer({ scopes, scimTokens: async () => Promise.reject(new Error('extension down')) });
    await expect(broken(scimEvent(`Bearer ${token}`))).rejects.toThrow(/could not be read/);
  });

  it('reads SCIM_TOKEN_SECRET_ARN, with or without an OAuth issuer', () => {
    const scimOnly = authorizerSettings({ API_AUTH_ROUTE_SCOPES: '{}', SCIM_TOKEN_SECRET_ARN: 'arn:scim' });
    expect(scimOnly.issuer).toBeUndefined();
    expect(typeof scimOnly.scimTokens).toBe('function');
    expect(authorizerSettings({ API_AUTH_ROUTE_SCOPES: '{}', API_AUTH_USER_POOL_ID: 'us-east-1_abc', API_AUTH_CLIENT_IDS: 'a', SCIM_TOKEN_SECRET_ARN: 'arn:scim' }).issuer).toMatchObject({ kind: 'cognito' });
    expect(authorizerSettings({ API_AUTH_ROUTE_SCOPES: '{}', API_AUTH_USER_POOL_ID: 'us-east-1_abc', API_AUTH_CLIENT_IDS: 'a' }).scimTokens).toBeUndefined();
  });
});
