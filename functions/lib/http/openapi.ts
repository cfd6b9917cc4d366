import * as z from 'zod';
import type { RouteDefinition } from './route';

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; required?: string[]; [k: string]: unknown };

const ERROR_RESPONSE = {
  description: 'Error: `error.fields` names each bad field (400); Webex errors carry `webexStatus` and `trackingId`',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

/** An OpenAPI 3.0 document of the suite's own API, built from the route table and its rows' zod schemas. */
export function buildOpenApiDocument(routes: readonly RouteDefinition[], serverUrl = '/'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    // The schema the handler validates with (the route row's): the document cannot drift from what the API accepts.
    const json = z.toJSONSchema(route.input, { io: 'input', target: 'openapi-3.0', unrepresentable: 'any' }) as JsonSchema;
    const properties = json.properties ?? {};
    const required = new Set(json.required ?? []);
    const parameters = pathParams.map((name) => ({ name, in: 'path', required: true, schema: properties[name] ?? { type: 'string' } }));
    const rest = Object.fromEntries(Object.entries(properties).filter(([k]) => !pathParams.includes(k)));
    const operation: Record<string, unknown> = {
      operationId: route.id,
      summary: route.summary,
      parameters,
      responses: {
        '200': { description: 'Success' },
        ...(route.method === 'POST' && route.id === 'CreateUser' ? { '201': { description: 'Created' } } : {}),
        ...(route.method === 'DELETE' ? { '204': { description: 'Done' } } : {}),
        '400': ERROR_RESPONSE,
        '404': ERROR_RESPONSE,
        '409': ERROR_RESPONSE,
        '422': ERROR_RESPONSE,
        '429': { ...ERROR_RESPONSE, headers: { 'Retry-After': { schema: { type: 'integer' } } } },
        '502': ERROR_RESPONSE,
      },
      security: [{ sigv4: [] }],
    };
    if (route.method === 'GET' || route.method === 'DELETE') {
      for (const [name, s] of Object.entries(rest)) parameters.push({ name, in: 'query', required: required.has(name), schema: s });
    } else if (Object.keys(rest).length) {
      const bodyRequired = [...required].filter((k) => !pathParams.includes(k));
      operation.requestBody = {
        required: true,
        content: {
          'application/json': {
            schema: { type: 'object', additionalProperties: false, properties: rest, ...(bodyRequired.length ? { required: bodyRequired } : {}) },
          },
        },
      };
    }
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'webex-provisioning',
      version: '1',
      description: 'Cisco Webex user provisioning and Webex Calling workflows. In AWS every method is IAM-authorised (SigV4).',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      securitySchemes: { sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                fields: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
                webexStatus: { type: 'integer' },
                trackingId: { type: 'string' },
                retryAfterSeconds: { type: 'integer' },
              },
            },
          },
        },
      },
    },
  };
}
