import { flatTemplate } from '../support/flat-template';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { routes } from '../../functions/routes';
import { isScimRoute } from '../../functions/lib/http/route';
import { WebexServiceAppSecret } from '../../infra/constructs/webex-secret';
import { SCIM_TOKEN_PLACEHOLDER, ScimTokenSecret } from '../../infra/constructs/scim-token-secret';
import { DEFAULT_SCIM_THROTTLE, WorkflowApi, type ApiAuthMode } from '../../infra/constructs/workflow-api';
import { WebexProvisioningStack } from '../../infra/webex-provisioning-stack';
import { route as scimProbe } from '../support/fixtures/scim-probe-route';

type Json = Record<string, any>;
const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] as string[] };
const ENTRA = { kind: 'jwt' as const, issuer: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0', audience: 'api://webex-provisioning' };
const MODES: ApiAuthMode[][] = [['iam'], ['oauth'], ['iam', 'oauth']];
// The product's rows and a test-only SCIM row: the stack treats a row by its scope.
const served = [...routes, scimProbe];
const scimIds = served.filter(isScimRoute).map((r) => r.id).sort();

/** The API construct as the stack builds it, with the SCIM row among its routes. */
function build(modes: ApiAuthMode[], nag = false) {
  const app = new App({ context: SKIP_BUNDLING });
  const stack = new Stack(app, 'ScimApi', { env: { account: '123456789012', region: 'us-east-1' } });
  const scimToken = new ScimTokenSecret(stack, 'ScimToken');
  new WorkflowApi(stack, 'WorkflowApi', {
    secret: new WebexServiceAppSecret(stack, 'WebexSecret'),
    scimTokenSecret: scimToken.secret,
    auth: modes,
    ...(modes.includes('oauth') ? { oauthIssuer: ENTRA } : {}),
    routes: served,
  });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, template: flatTemplate(stack), stack };
}
const resources = (t: Template, type: string) => Object.entries(t.findResources(type)) as [string, Json][];

describe.each(MODES.map((m) => [m.join(','), m] as const))('apiAuth %s with SCIM routes', (_, modes) => {
  const { template } = build(modes);
  const apis = resources(template, 'AWS::ApiGateway::RestApi');
  const scimApiId = apis.find(([id]) => id.includes('ScimApi'))![0];
  const methods = resources(template, 'AWS::ApiGateway::Method').map(([, m]) => m.Properties);
  const authorizers = resources(template, 'AWS::ApiGateway::Authorizer');
  const scimAuthorizer = authorizers.find(([, a]) => a.Properties.RestApiId.Ref === scimApiId)!;

  it('serves every SCIM method on the SCIM API only, each behind the Lambda authorizer; the others keep their auth', () => {
    expect(apis).toHaveLength(modes.length + 1);
    const onScim = methods.filter((m) => m.RestApiId.Ref === scimApiId);
    expect(onScim.map((m) => m.OperationName).sort()).toEqual(scimIds);
    for (const method of onScim) expect(method).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: scimAuthorizer[0] } });
    const elsewhere = methods.filter((m) => m.RestApiId.Ref !== scimApiId);
    expect(elsewhere.filter((m) => scimIds.includes(m.OperationName))).toEqual([]);
    expect(elsewhere).toHaveLength((served.length - scimIds.length) * modes.length);
    expect(scimAuthorizer[1].Properties).toMatchObject({ Type: 'REQUEST', AuthorizerResultTtlInSeconds: 300 });
  });

  it("the authorizer knows the SCIM methods' scope, reads the token secret through the extension, and may read that secret", () => {
    const fnId = scimAuthorizer[1].Properties.AuthorizerUri['Fn::Join'][1].find((p: unknown) => typeof p === 'object' && (p as Json)['Fn::GetAtt'])['Fn::GetAtt'][0];
    const fn = template.toJSON().Resources[fnId].Properties;
    const env = fn.Environment.Variables;
    const secretId = resources(template, 'AWS::SecretsManager::Secret').find(([, s]) => s.Properties.SecretString === SCIM_TOKEN_PLACEHOLDER)![0];
    expect(env.SCIM_TOKEN_SECRET_ARN).toEqual({ Ref: secretId });
    expect(JSON.parse(env.API_AUTH_ROUTE_SCOPES)).toMatchObject({ 'GET /scim/v2/Probe': 'scim' });
    // Without oauth there is no issuer: the SCIM API then takes the SCIM token only.
    expect(env.API_AUTH_ISSUER).toEqual(modes.includes('oauth') ? ENTRA.issuer : undefined);
    expect(fn.Layers).toHaveLength(1);
    const grants = resources(template, 'AWS::IAM::Policy').filter(([, p]) => JSON.stringify(p.Properties.Statement ?? p.Properties.PolicyDocument).includes(secretId));
    const statements = grants.flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual(expect.objectContaining({ Action: expect.arrayContaining(['secretsmanager:GetSecretValue']), Resource: { Ref: secretId } }));
  });

  it('answers a bad token 401 with WWW-Authenticate Bearer, in the SCIM error form, and every refusal as application/scim+json', () => {
    const responses = resources(template, 'AWS::ApiGateway::GatewayResponse').filter(([, r]) => r.Properties.RestApiId.Ref === scimApiId).map(([, r]) => r.Properties);
    const unauthorized = responses.find((r) => r.ResponseType === 'UNAUTHORIZED');
    expect(unauthorized).toMatchObject({ StatusCode: '401', ResponseParameters: { 'gatewayresponse.header.WWW-Authenticate': "'Bearer error=\"invalid_token\"'" } });
    expect(JSON.parse(unauthorized.ResponseTemplates['application/json'])).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
    for (const r of responses) expect(r.ResponseParameters['gatewayresponse.header.Content-Type']).toBe("'application/scim+json'");
    const throttled = responses.find((r) => r.ResponseType === 'THROTTLED');
    expect(throttled.ResponseTemplates['application/json']).toBe('{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"429","detail":$context.error.messageString}');
    expect(responses.map((r) => r.ResponseType)).toEqual(expect.arrayContaining(['DEFAULT_4XX', 'DEFAULT_5XX', 'ACCESS_DENIED', 'MISSING_AUTHENTICATION_TOKEN']));
  });

  it("keeps one API Gateway account setting for the region, and takes Entra's 25 requests a second", () => {
    expect(resources(template, 'AWS::ApiGateway::Account')).toHaveLength(1);
    const stage = resources(template, 'AWS::ApiGateway::Stage').find(([, s]) => s.Properties.RestApiId.Ref === scimApiId)![1];
    expect(stage.Properties.MethodSettings[0]).toMatchObject({ ThrottlingRateLimit: DEFAULT_SCIM_THROTTLE.rateLimit, ThrottlingBurstLimit: DEFAULT_SCIM_THROTTLE.burstLimit });
  });

  it('has no unacknowledged cdk-nag finding', () => {
    const { app } = build(modes, true);
    expect(() => app.synth()).not.toThrow();
  });
});

describe('the stack', () => {
  it('creates the SCIM token secret (frozen placeholder, no token, retained) and outputs its ARN', () => {
    const app = new App({ context: SKIP_BUNDLING });
    const template = flatTemplate(new WebexProvisioningStack(app, 'WebexProvisioning'));
    const secrets = resources(template, 'AWS::SecretsManager::Secret').filter(([, s]) => s.Properties.SecretString === SCIM_TOKEN_PLACEHOLDER);
    expect(secrets).toHaveLength(1);
    // Retained, as the Webex secret: replacing the stack must not revoke the token the IdP holds.
    expect(secrets[0][1].DeletionPolicy).toBe('Retain');
    // FROZEN: CloudFormation would overwrite the stored digests (and revoke the IdP's token) if this changed.
    expect(SCIM_TOKEN_PLACEHOLDER).toBe('{"version":0,"note":"no SCIM token yet: run npm run scim-token -- --secret-arn <this ARN>"}');
    expect(template.toJSON().Outputs.ScimTokenSecretArn.Value).toEqual({ Ref: secrets[0][0] });
  });
});
