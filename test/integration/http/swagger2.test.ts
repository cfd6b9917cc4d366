import Ajv from 'ajv';
import { buildOpenApiDocument } from '../../../functions/lib/http/openapi';
import { routes } from '../../../functions/routes';
import { toSwagger2 } from '../../../scripts/swagger2';
import { problemLines, redoclyLint } from '../../support/redocly';

/**
 * The Swagger 2.0 copy of the document (docs/openapi-v2.json) that a Power Platform custom connector imports: valid
 * 2.0, the same operations and scopes, and looser than the API where 2.0 cannot say a rule, never stricter.
 */
type Json = Record<string, any>;
const v3 = buildOpenApiDocument(routes, 'http://127.0.0.1:3000') as Json;
const v2 = toSwagger2(v3);
const bodySchema = (path: string, method: string) => (v2.paths[path][method].parameters as Json[]).find((p) => p.in === 'body')!.schema;
// 2.0 schemas are JSON Schema draft 4 with `x-` extensions; ajv (draft-07) reads the keywords they use alike, and
// `x-nullable` (2.0 has no null; importers such as AutoRest read it) is given its meaning here: the type or null.
const ajv = new Ajv({ strict: false, allErrors: true });
const nullable = (node: unknown): unknown =>
  Array.isArray(node)
    ? node.map(nullable)
    : node && typeof node === 'object'
      ? Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'type' && (node as Json)['x-nullable'] ? [v, 'null'] : nullable(v)]))
      : node;
const validator = (schema: Json) => ajv.compile(nullable({ ...schema, definitions: v2.definitions }) as Json);

describe('the Swagger 2.0 copy of the OpenAPI document', () => {
  it("passes Redocly's recommended rules with no error and no warning", () => {
    const report = redoclyLint(v2);
    expect(problemLines(report)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('has every operation, each with the same scopes, and the client-credentials flow with every scope', () => {
    const operations = (doc: Json) =>
      Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => [`${m} ${path}`, op.operationId, op.security]));
    expect(operations(v2)).toEqual(operations(v3));
    expect(v2.securityDefinitions.oauth2).toMatchObject({ type: 'oauth2', flow: 'application', scopes: v3.components.securitySchemes.oauth2.flows.clientCredentials.scopes });
    expect(v2.paths['/numbers'].get.parameters.find((p: Json) => p.name === 'available')).toMatchObject({ in: 'query', type: 'boolean' });
  });

  it('accepts what the API accepts where 2.0 cannot say the rule: each event type, one name of several', () => {
    const events = validator(bodySchema('/events', 'post'));
    for (const event of [
      { id: 'e1', source: 'okta', 'detail-type': 'Webex User Joined', detail: { email: 'a@example.com', lastName: 'Only', location: 'Headquarters' } },
      { id: 'e2', source: 'okta', 'detail-type': 'Webex User Moved', detail: { email: 'a@example.com', location: 'Branch Office', profile: { title: null } } },
      { id: 'e3', source: 'okta', 'detail-type': 'Webex User Left', detail: { email: 'a@example.com', policy: 'deactivate' } },
    ]) {
      expect([event['detail-type'], events(event), events.errors]).toEqual([event['detail-type'], true, null]);
    }
    const createUser = validator(bodySchema('/users', 'post'));
    expect(createUser({ email: 'a@example.com', lastName: 'Only' })).toBe(true);
    // Rules it can say still hold: a body without the e-mail is refused before it is sent.
    expect(createUser({ lastName: 'Only' })).toBe(false);
    expect(events({ id: 'e4', source: 'okta', 'detail-type': 'Webex User Fired', detail: { email: 'a@example.com' } })).toBe(false);
  });
});
