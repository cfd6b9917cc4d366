import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { buildOpenApiDocument, impliedErrors } from '../../../functions/lib/http/openapi';
import { API_SCOPES } from '../../../functions/lib/http/scopes';
import { routes } from '../../../functions/routes';

const doc = buildOpenApiDocument(routes, 'http://127.0.0.1:3000') as any;
const bodySchema = (path: string, method: string) => doc.paths[path][method].requestBody.content['application/json'].schema;

describe('the OpenAPI document of the suite API', () => {
  it('lists every route of the route table, with its operation id', () => {
    for (const route of routes) expect(doc.paths[route.path][route.method.toLowerCase()].operationId).toBe(route.id);
    expect(doc.openapi).toBe('3.0.3');
  });

  it('has exactly one operation per row of the route table and GET /openapi.json itself, nothing else', () => {
    const operations = Object.entries(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => `${op.operationId} ${method.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual([...routes.map((r) => `${r.id} ${r.method} ${r.path}`), 'GetOpenApiDocument GET /openapi.json'].sort());
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
    const validate = addFormats(new Ajv({ strict: false })).compile(bodySchema('/users', 'post'));
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

  it('documents every status a row declares, with its body schema, and the errors its row implies', () => {
    for (const route of routes) {
      const responses = doc.paths[route.path][route.method.toLowerCase()].responses;
      const mediaType = route.protocol?.mediaType ?? 'application/json';
      for (const [status, declared] of Object.entries(route.responses)) {
        expect(responses[status]).toBeDefined();
        if (declared.body) expect(responses[status].content[mediaType].schema).toBeDefined();
        else if (Number(status) < 400) expect(responses[status].content).toBeUndefined();
      }
      // 403 is the authorizer's (or the local runtime's) answer, in the API's own JSON whatever the route.
      for (const status of Object.keys(impliedErrors(route))) expect(responses[status].content[status === '403' ? 'application/json' : mediaType].schema).toBeDefined();
      expect(Object.keys(responses).some((s) => s.startsWith('2'))).toBe(true);
    }
  });

  it('documents the created, accepted and multi-status answers of the routes that give them', () => {
    const statuses = (path: string, method: string) => Object.keys(doc.paths[path][method].responses);
    expect(statuses('/users', 'post')).toEqual(expect.arrayContaining(['200', '201']));
    expect(statuses('/users/{user}/numbers', 'post')).toEqual(expect.arrayContaining(['200', '201']));
    expect(statuses('/locations/{location}/numbers', 'post')).toEqual(expect.arrayContaining(['200', '201', '207', '409', '422', '502']));
    expect(statuses('/users/{user}/calling', 'post')).toEqual(expect.arrayContaining(['200', '202', '409', '422', '429', '504']));
    for (const [path, method] of [['/events', 'post'], ['/bulk/joiners', 'post'], ['/bulk/joiners/csv', 'post'], ['/reconcile/plans/{id}/apply', 'post']]) {
      expect(statuses(path, method)).toEqual(expect.arrayContaining(['200', '202', '503']));
    }
    expect(statuses('/reconcile/plans', 'post')).toEqual(expect.arrayContaining(['201', '202', '400', '502', '504']));
    expect(statuses('/users/{user}', 'delete')).toContain('204');
    expect(doc.paths['/users/{user}'].delete.responses['204'].content).toBeUndefined();
    expect(doc.paths['/users/{user}'].get.responses['429'].headers['Retry-After']).toBeDefined();
  });

  it('describes the POST /events body: one shape per detail-type, each detail checked', () => {
    const schema = bodySchema('/events', 'post');
    expect(schema.oneOf.map((s: any) => (s.properties ?? s.allOf[0].properties)['detail-type'].enum[0]).sort()).toEqual(['Webex User Joined', 'Webex User Left', 'Webex User Moved']);
    const validate = addFormats(new Ajv({ strict: false })).compile(schema);
    const event = (detailType: string, detail: unknown) => ({ id: 'e-1', source: 'hr.workday', 'detail-type': detailType, detail });
    expect(validate(event('Webex User Joined', { email: 'a@example.com', firstName: 'A', location: 'HQ' }))).toBe(true);
    expect(validate(event('Webex User Joined', { email: 'a@example.com', location: 'HQ' }))).toBe(false);
    expect(validate(event('Webex User Left', { email: 'a@example.com', policy: 'delete' }))).toBe(true);
    expect(validate(event('Webex User Left', { email: 'a@example.com', policy: 'archive' }))).toBe(false);
    expect(validate(event('Webex User Moved', { email: 'a@example.com', location: 'HQ' }))).toBe(true);
    expect(validate(event('Webex User Fired', { email: 'a@example.com' }))).toBe(false);
  });

  it('carries the refinements the handlers enforce where OpenAPI can say them: e-mail format, one name required, limit bounds', () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const createUser = ajv.compile(bodySchema('/users', 'post'));
    expect(bodySchema('/users', 'post').allOf[0].properties.email.format).toBe('email');
    expect(bodySchema('/users', 'post').allOf[1]).toEqual({ anyOf: [{ required: ['firstName'] }, { required: ['lastName'] }, { required: ['displayName'] }] });
    expect(createUser({ email: 'not-an-address', firstName: 'A' })).toBe(false);
    expect(createUser({ email: 'a@example.com', department: 'Sales' })).toBe(false);
    expect(createUser({ email: 'a@example.com', displayName: 'A' })).toBe(true);
    const query = (path: string, name: string) => doc.paths[path].get.parameters.find((p: { name: string }) => p.name === name).schema;
    expect(query('/webex/operations', 'limit')).toMatchObject({ type: 'integer', minimum: 1, maximum: 200 });
    expect(query('/reconcile/plans/{id}', 'limit')).toMatchObject({ type: 'integer', minimum: 1, maximum: 1000 });
    expect(query('/numbers', 'limit')).toMatchObject({ type: 'integer', minimum: 1, maximum: 5000 });
  });

  it('documents GET /openapi.json itself', () => {
    expect(doc.paths['/openapi.json'].get.responses['200'].content['application/json'].schema.required).toEqual(['openapi', 'info', 'paths']);
  });
});
