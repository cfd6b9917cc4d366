import { flatTemplate } from '../support/flat-template';
import { App, Validations } from 'aws-cdk-lib';
import { type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { API_SCOPES } from '../../functions/lib/http/scopes';
import { routes } from '../../functions/routes';
import { isScimRoute } from '../../functions/lib/http/route';
import { configFromContext } from '../../infra/config';
import { WebexProvisioningStack, type WebexProvisioningStackProps } from '../../infra/webex-provisioning-stack';

type Json = Record<string, any>;
const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] as string[] };
const JIRA = { name: 'jira', scopes: ['users.read', 'users.write', 'calling.write'] as const };
const ENTRA = { oauthIssuer: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0', oauthAudience: 'api://webex-provisioning', oauthJwksUri: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/discovery/v2.0/keys' };

const MODES: [string, WebexProvisioningStackProps][] = [
  ['iam (default)', {}],
  ['oauth with the Cognito pool', { apiAuth: ['oauth'], apiClients: [{ ...JIRA, scopes: [...JIRA.scopes] }] }],
  ['iam,oauth with the Cognito pool', { apiAuth: ['iam', 'oauth'], apiClients: [{ ...JIRA, scopes: [...JIRA.scopes] }, { name: 'servicenow', scopes: ['users.read', 'numbers.read'] }] }],
  ['oauth with an external issuer (Entra ID)', { apiAuth: ['oauth'], ...ENTRA }],
];

const synth = (props: WebexProvisioningStackProps) => {
  const app = new App({ context: SKIP_BUNDLING });
  const stack = new WebexProvisioningStack(app, 'WebexProvisioning', props);
  return { stack, template: flatTemplate(stack) };
};
const resources = (t: Template, type: string) => Object.entries(t.findResources(type)) as [string, Json][];

describe('apiAuth: who may call the API', () => {
  it.each(MODES)('%s: synthesizes with no unacknowledged cdk-nag finding', (_, props) => {
    const app = new App({ context: SKIP_BUNDLING });
    new WebexProvisioningStack(app, 'WebexProvisioning', props);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).not.toThrow();
  });

  it.each(MODES)('%s: every method is IAM or the OAuth authorizer, one REST API per mode, each with every route', (_, props) => {
    const { template } = synth(props);
    const modes = props.apiAuth ?? ['iam'];
    const apis = resources(template, 'AWS::ApiGateway::RestApi');
    // The SCIM routes are on an API of their own, behind the authorizer in every mode (scim-api.test.ts).
    const plain = routes.filter((r) => !isScimRoute(r));
    const scim = routes.filter(isScimRoute);
    expect(apis).toHaveLength(modes.length + (scim.length ? 1 : 0));
    const authorizers = resources(template, 'AWS::ApiGateway::Authorizer');
    const methods = resources(template, 'AWS::ApiGateway::Method').map(([, m]) => m.Properties);
    expect(methods).toHaveLength(plain.length * modes.length + scim.length);
    for (const method of methods) {
      if (method.AuthorizationType === 'AWS_IAM') expect(method.AuthorizerId).toBeUndefined();
      else {
        expect(method.AuthorizationType).toBe('CUSTOM');
        expect(authorizers.map(([id]) => ({ Ref: id }))).toContainEqual(method.AuthorizerId);
      }
    }
    const byType = (type: string) => methods.filter((m) => m.AuthorizationType === type).map((m) => m.OperationName).sort();
    const ids = plain.map((r) => r.id);
    expect(byType('AWS_IAM')).toEqual(modes.includes('iam') ? ids.sort() : []);
    expect(byType('CUSTOM')).toEqual([...(modes.includes('oauth') ? ids : []), ...scim.map((r) => r.id)].sort());
    const outputs = Object.keys(template.toJSON().Outputs);
    expect(outputs.includes('ApiUrl')).toBe(modes.includes('iam'));
    expect(outputs.includes('OAuthApiUrl')).toBe(modes.includes('oauth'));
  });

  it("the template's scopes are the route rows': the authorizer's table, the resource server's scopes, the clients'", () => {
    const { template } = synth(MODES[2][1]);
    const [, authorizer] = resources(template, 'AWS::ApiGateway::Authorizer').find(([id]) => !id.includes('Scim'))!;
    expect(authorizer.Properties).toMatchObject({ Type: 'REQUEST', IdentitySource: 'method.request.header.Authorization,context.httpMethod,context.resourcePath', AuthorizerResultTtlInSeconds: 300 });
    const fnId = authorizer.Properties.AuthorizerUri['Fn::Join'][1].find((p: unknown) => typeof p === 'object' && (p as Json)['Fn::GetAtt'])['Fn::GetAtt'][0];
    const env = template.toJSON().Resources[fnId].Properties.Environment.Variables;
    expect(JSON.parse(env.API_AUTH_ROUTE_SCOPES)).toEqual(Object.fromEntries(routes.map((r) => [`${r.method} ${r.path}`, r.scope])));
    expect(env.API_AUTH_USER_POOL_ID).toBeDefined();

    const [[, server]] = resources(template, 'AWS::Cognito::UserPoolResourceServer');
    expect(server.Properties.Identifier).toBe('webex-provisioning');
    expect(server.Properties.Scopes.map((s: Json) => s.ScopeName).sort()).toEqual([...API_SCOPES].sort());
    // Every scope guards some route; `scim` guards the SCIM routes, which are on their own API (the SCIM tests below).
    expect(new Set(routes.map((r) => r.scope).filter((s) => s !== 'scim'))).toEqual(new Set(API_SCOPES.filter((s) => s !== 'scim')));

    const clients = resources(template, 'AWS::Cognito::UserPoolClient').map(([, c]) => c.Properties);
    expect(clients.map((c) => c.ClientName).sort()).toEqual(['jira', 'servicenow']);
    for (const client of clients) {
      expect(client).toMatchObject({ GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true });
      expect(client.ExplicitAuthFlows ?? []).toEqual([]);
    }
    const jira = clients.find((c) => c.ClientName === 'jira');
    expect(jira.AllowedOAuthScopes.map((s: Json) => JSON.stringify(s))).toHaveLength(3);
    expect(JSON.stringify(jira.AllowedOAuthScopes)).toContain('/users.read');
    expect(JSON.stringify(jira.AllowedOAuthScopes)).not.toContain('/numbers.read');
    expect(Object.keys(template.toJSON().Outputs)).toEqual(expect.arrayContaining(['OAuthTokenUrl', 'OAuthUserPoolId', 'OAuthClientIds']));
  });

  it('answers in the error JSON from the gateway: 401 with WWW-Authenticate, 403 InsufficientScope naming the scope', () => {
    const { template } = synth(MODES[1][1]);
    // The OAuth API's own (the SCIM API answers in the SCIM error form: scim-api.test.ts).
    const [oauthApiId] = resources(template, 'AWS::ApiGateway::RestApi').find(([, r]) => String(r.Properties.Description).includes('OAuth 2.0'))!;
    const responses = Object.fromEntries(
      resources(template, 'AWS::ApiGateway::GatewayResponse').filter(([, r]) => r.Properties.RestApiId.Ref === oauthApiId).map(([, r]) => [r.Properties.ResponseType, r.Properties]),
    );
    expect(responses.UNAUTHORIZED).toMatchObject({ StatusCode: '401', ResponseParameters: { 'gatewayresponse.header.WWW-Authenticate': '\'Bearer error="invalid_token"\'' } });
    expect(JSON.parse(responses.UNAUTHORIZED.ResponseTemplates['application/json']).error.code).toBe('Unauthorized');
    expect(responses.ACCESS_DENIED.StatusCode).toBe('403');
    const denied = JSON.parse(responses.ACCESS_DENIED.ResponseTemplates['application/json']);
    expect(denied.error).toEqual({ code: 'InsufficientScope', message: expect.stringContaining('$context.authorizer.requiredScope') });
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX', 'AUTHORIZER_FAILURE']) expect(responses[type].ResponseTemplates['application/json']).toContain('"error"');
  });

  it('an external issuer: no user pool; the authorizer verifies against its issuer, audience and JWKS', () => {
    const { template } = synth(MODES[3][1]);
    expect(resources(template, 'AWS::Cognito::UserPool')).toHaveLength(0);
    const fns = resources(template, 'AWS::Lambda::Function').map(([, f]) => f.Properties.Environment?.Variables ?? {});
    const env = fns.find((v) => v.API_AUTH_ISSUER);
    expect(env).toMatchObject({ API_AUTH_ISSUER: ENTRA.oauthIssuer, API_AUTH_AUDIENCE: ENTRA.oauthAudience, API_AUTH_JWKS_URI: ENTRA.oauthJwksUri });
  });

  it('reads apiAuth, apiClients and the external issuer from CDK context', () => {
    const app = new App({ context: { apiAuth: 'iam,oauth', apiClients: JSON.stringify([JIRA]), oauthIssuer: ENTRA.oauthIssuer, oauthAudience: ENTRA.oauthAudience } });
    const { stackProps } = configFromContext(app.node);
    expect(stackProps).toMatchObject({ apiAuth: ['iam', 'oauth'], apiClients: [JIRA], oauthIssuer: ENTRA.oauthIssuer, oauthAudience: ENTRA.oauthAudience });
  });

  it.each<[string, WebexProvisioningStackProps, RegExp]>([
    ['an unknown mode', { apiAuth: ['saml' as never] }, /apiAuth must be/],
    ['clients without oauth', { apiClients: [{ ...JIRA, scopes: [...JIRA.scopes] }] }, /need apiAuth oauth/],
    ['an unknown scope', { apiAuth: ['oauth'], apiClients: [{ name: 'jira', scopes: ['users.admin' as never] }] }, /scopes among/],
    ['oauth with the Cognito pool and no apiClients', { apiAuth: ['oauth'] }, /needs at least one apiClients entry/],
    ['iam,oauth with the Cognito pool and an empty apiClients', { apiAuth: ['iam', 'oauth'], apiClients: [] }, /apiAuth iam,oauth with the stack's Cognito pool needs at least one apiClients entry, e\.g\. -c apiClients=/],
    ['an issuer without an audience', { apiAuth: ['oauth'], oauthIssuer: ENTRA.oauthIssuer }, /go together/],
    ['a plain-http issuer', { apiAuth: ['oauth'], oauthIssuer: 'http://idp.example.com', oauthAudience: 'x' }, /https URL/],
  ])('refuses %s at synth', (_, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
