import Ajv from 'ajv';
import { buildOpenApiDocument } from '../../../functions/lib/http/openapi';
import { API_SCOPES } from '../../../functions/lib/http/scopes';
import { routes } from '../../../functions/routes';

const doc = buildOpenApiDocument(routes, 'http://127.0.0.1:3000') as any;
const bodySchema = (path: string, method: string) => doc.paths[path][method].requestBody.content['application/json'].schema;

describe('the OpenAPI document of the suite API', () => {
  it('lists every route of the route table, with its operation id', () => {
    for (const route of routes) expect(doc.paths[route.path][route.method.toLowerCase()].operationId).toBe(route.id);
    expect(doc.openapi).toBe('3.0.3');
  });

  it('has exactly one operation per row of the route table, nothing else', () => {
    const operations = Object.entries(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => `${op.operationId} ${method.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual(routes.map((r) => `${r.id} ${r.method} ${r.path}`).sort());
  });

  it('says where deactivate is offered that Webex deletes users deactivated for 30 days, and offers removeCalling', () => {
    const leaverPolicy = doc.paths['/reconcile/plans'].post.requestBody.content['application/json'].schema.properties.leaverPolicy;
    expect(leaverPolicy.enum).toEqual(['delete', 'deactivate', 'removeCalling']);
    expect(leaverPolicy.description).toMatch(/deletes users deactivated for 30 days/);
  });

  it('turns path placeholders into path parameters and GET fields into query parameters', () => {
    expect(doc.paths['/users/{user}'].get.parameters).toEqual([expect.objectContaining({ name: 'user', in: 'path', required: true })]);
    const list = doc.paths['/numbers'].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    expect(list).toEqual(expect.arrayContaining(['query:available', 'query:location', 'query:ownerType', 'query:limit', 'query:cursor']));
  });

  it('describes bodies that accept what the handlers accept and refuse unknown fields, like zod', () => {
    const validate = new Ajv({ strict: false }).compile(bodySchema('/users', 'post'));
    expect(validate({ email: 'a@example.com', firstName: 'A' })).toBe(true);
    expect(validate({ email: 'a@example.com', licenses: [] })).toBe(false);
    expect(validate({ firstName: 'A' })).toBe(false);
    expect(bodySchema('/users/{user}', 'patch').properties.user).toBeUndefined();
  });

  it('offers SigV4 as API Gateway exports it and OAuth client credentials with every scope', () => {
    expect(doc.components.securitySchemes.sigv4).toEqual({ type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' });
    const flow = doc.components.securitySchemes.oauth2.flows.clientCredentials;
    expect(flow.tokenUrl).toBe('http://127.0.0.1:3000/oauth2/token');
    expect(Object.keys(flow.scopes).sort()).toEqual(API_SCOPES.map((s) => `webex-provisioning/${s}`).sort());
  });

  it("lets each operation be called with SigV4 or a token carrying its row's scope, and documents 401 and 403", () => {
    for (const route of routes) {
      const op = doc.paths[route.path][route.method.toLowerCase()];
      expect(op.security).toEqual([{ sigv4: [] }, { oauth2: [`webex-provisioning/${route.scope}`] }]);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it('offers only the schemes a deployed API accepts, with its token URL', () => {
    const oauthOnly = buildOpenApiDocument(routes, 'https://api.example.com/v1', { modes: ['oauth'], tokenUrl: 'https://auth.example.com/oauth2/token' }) as any;
    expect(Object.keys(oauthOnly.components.securitySchemes)).toEqual(['oauth2']);
    expect(oauthOnly.components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl).toBe('https://auth.example.com/oauth2/token');
    expect(oauthOnly.paths['/users'].post.security).toEqual([{ oauth2: ['webex-provisioning/users.write'] }]);
  });
});
