import * as z from 'zod';
import type { RouteDefinition } from './route';
import { API_SCOPES, SCOPE_DESCRIPTIONS, wireScope } from './scopes';

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; required?: string[]; [k: string]: unknown };

const ERROR_RESPONSE = {
  description: 'Error: `error.fields` names each bad field (400); Webex errors carry `webexStatus` and `trackingId`',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

/** What the authorizer answers (the API's own checks, deployed and local): in the error JSON, with WWW-Authenticate. */
const AUTH_RESPONSES = {
  '401': {
    description: 'No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4)',
    headers: { 'WWW-Authenticate': { schema: { type: 'string' }, description: 'Bearer error="invalid_token"' } },
    content: ERROR_RESPONSE.content,
  },
  '403': {
    description: '`InsufficientScope`: the token lacks the operation\'s scope (named in the message); or IAM denies the caller',
    content: ERROR_RESPONSE.content,
  },
};

/** How callers authenticate: SigV4 (IAM), OAuth 2.0 client credentials, or either (two APIs, the same routes). */
export interface OpenApiAuth {
  /** The schemes the document offers, each operation accepting any one of them. @default ['iam', 'oauth'] */
  readonly modes?: readonly ('iam' | 'oauth')[];
  /** The authorization server's token endpoint. @default `${serverUrl}/oauth2/token` (the local API's) */
  readonly tokenUrl?: string;
}

/** An OpenAPI 3.0 document of the suite's own API, built from the route table and its rows' zod schemas. */
export function buildOpenApiDocument(routes: readonly RouteDefinition[], serverUrl = '/', auth: OpenApiAuth = {}): Record<string, unknown> {
  const modes = auth.modes ?? ['iam', 'oauth'];
  const tokenUrl = auth.tokenUrl ?? `${serverUrl.replace(/\/$/, '')}/oauth2/token`;
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
        ...AUTH_RESPONSES,
      },
      // Alternatives: a SigV4-signed request or a bearer token carrying the row's scope.
      security: [...(modes.includes('iam') ? [{ sigv4: [] }] : []), ...(modes.includes('oauth') ? [{ oauth2: [wireScope(route.scope)] }] : [])],
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
      description:
        'Cisco Webex user provisioning and Webex Calling workflows. A deployed stack authorises every method with IAM (SigV4), ' +
        'OAuth 2.0 client credentials (a bearer token carrying the operation\'s scope), or both on two APIs (CDK context apiAuth).',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      securitySchemes: {
        ...(modes.includes('iam') ? { sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' } } : {}),
        ...(modes.includes('oauth')
          ? {
              oauth2: {
                type: 'oauth2',
                description: 'Client credentials; a token without the operation\'s scope is answered 403 InsufficientScope.',
                flows: { clientCredentials: { tokenUrl, scopes: Object.fromEntries(API_SCOPES.map((s) => [wireScope(s), SCOPE_DESCRIPTIONS[s]])) } },
              },
            }
          : {}),
      },
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
