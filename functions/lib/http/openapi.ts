import * as z from 'zod';
import { ErrorBody } from '../workflows/error-status';
import { talksToWebex, type RouteDefinition } from './route';
import { API_SCOPES, SCOPE_DESCRIPTIONS, wireScope } from './scopes';

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; required?: string[]; [k: string]: unknown };

const ERROR_REF = { $ref: '#/components/schemas/Error' };
const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before repeating the request', schema: { type: 'integer', minimum: 0 } } };
/** Statuses whose answer carries Retry-After (errorToResult: rate limits, and a state machine that could not start). */
const RETRY_AFTER_STATUSES = new Set([429, 503]);

/**
 * The errors a route answers by what its row says it does, whatever its handler: every route validates its input
 * (400) and may fail misconfigured (500); the local runtime refuses web pages and other hosts (403, 421) and bodies
 * that are not JSON (415); a route that talks to Webex passes Webex's refusals and faults on (errorToResult);
 * one that starts or reads executions may find Step Functions unavailable (503); one reading the imports bucket
 * may find no such file (404) or a file the suite wrote that does not read back (500).
 */
export function impliedErrors(route: RouteDefinition): Record<number, string> {
  const errors: Record<number, string> = {
    400: 'Invalid input: `error.fields` names each bad field. Nothing was sent to Webex.',
    403: 'Refused: in AWS, the caller may not invoke the route; locally, the request carries an `Origin` header (a web page)',
    421: 'Local runtime: the request names another `Host` than the address and port listened on',
    500: 'The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error',
    504: 'The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again',
  };
  if (route.method !== 'GET' && route.method !== 'DELETE') {
    errors[413] = 'The body is larger than 64 KB';
    errors[415] = `Local runtime: a body that is not sent as \`Content-Type: application/json\`${route.protocol ? ` or \`${route.protocol.mediaType}\`` : ''}`;
  }
  if (talksToWebex(route)) {
    Object.assign(errors, {
      404: 'Not found in Webex (the user, the location, …)',
      409: 'Webex reports a conflict',
      422: 'Webex refused the request (its message is passed on)',
      429: 'Webex is rate-limiting longer than one request may wait: retry after `Retry-After` seconds',
      502: 'Webex failed after retries, refused the Service App\'s credentials, or answered in a shape we cannot read',
      504: 'Webex did not answer in time after retries, or the function reached its time limit (`InvocationTimeoutError`: part of the request may have been applied, so read before sending it again)',
    });
  }
  if (route.needs.includes('stateMachines')) {
    errors[503] = 'Step Functions could not start or read the workflow: retry after `Retry-After` seconds';
    // A status read throttled by Step Functions (DescribeExecution's token bucket) is not a failed run.
    errors[429] ??= 'Step Functions is throttling status reads: retry after `Retry-After` seconds';
  }
  if (route.importsBucket) errors[404] ??= 'No such file in the imports bucket';
  return errors;
}

const rawSchemaOf = (type: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(type, { io, target: 'openapi-3.0', unrepresentable: 'any' }) as JsonSchema;
const schemaOf = (type: z.ZodType, io: 'input' | 'output') => requiredChoiceAsAllOf(rawSchemaOf(type, io));

/**
 * "One of these fields is required" (an `anyOf` of bare `required` lists beside an object's properties) as
 * `allOf: [the object, { anyOf }]`: the same rule for validators, and a generated client keeps the object's
 * type (openapi-typescript reads the bare alternatives beside it as `unknown`, which would swallow the type).
 */
function requiredChoiceAsAllOf(schema: JsonSchema): JsonSchema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const entries = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)])) as JsonSchema;
    const { anyOf, ...object } = entries;
    const choice = Array.isArray(anyOf) && anyOf.every((a) => a && typeof a === 'object' && Object.keys(a).join() === 'required');
    return choice && entries.properties ? { allOf: [object, { anyOf }] } : entries;
  };
  return walk(schema) as JsonSchema;
}

/**
 * The body schemas of the document's answers, each once under components/schemas (a client generated from the
 * document gets one type per body): named after the first operation answering it, `<operationId>Answer`, with
 * the status when the operation answers several bodies.
 */
class AnswerSchemas {
  readonly components: Record<string, unknown> = {};
  private readonly names = new Map<string, string>();

  ref(route: RouteDefinition, status: number, body: z.ZodType): { $ref: string } {
    const schema = JSON.stringify(schemaOf(body, 'output'));
    let name = this.names.get(schema);
    if (!name) {
      const distinct = new Set(Object.values(route.responses).filter((r) => r.body).map((r) => r.body)).size;
      name = `${route.id}Answer${distinct > 1 ? status : ''}`;
      this.names.set(schema, name);
      this.components[name] = JSON.parse(schema);
    }
    return { $ref: `#/components/schemas/${name}` };
  }

  /** A body under a name of its own (a protocol's error schema, the same for all its routes). */
  named(name: string, body: z.ZodType): { $ref: string } {
    this.components[name] ??= schemaOf(body, 'output');
    return { $ref: `#/components/schemas/${name}` };
  }
}

function response(answers: AnswerSchemas, route: RouteDefinition, status: number, impliedError: string | undefined) {
  const declared = route.responses[status];
  // An error answers the error body unless the row names its own (a failed run's steps), and may answer both.
  // A protocol's route (SCIM) answers its errors in its own schema; the local runtime's own refusals (403, 415, 421) stay the API's.
  const protocolError = status >= 400 && route.protocol && !declared?.body ? [answers.named(route.protocol.errorName, route.protocol.errorBody)] : [];
  const bodies = [
    ...(declared?.body ? [answers.ref(route, status, declared.body)] : []),
    ...protocolError,
    ...(status >= 400 && (impliedError !== undefined || !declared?.body) ? [ERROR_REF] : []),
  ];
  const description = [declared?.description, impliedError].filter(Boolean).join('; or: ');
  return {
    description,
    ...(RETRY_AFTER_STATUSES.has(status) ? { headers: RETRY_AFTER } : {}),
    ...(bodies.length ? { content: { [mediaTypeOf(route)]: { schema: bodies.length === 1 ? bodies[0] : { anyOf: bodies } } } } : {}),
  };
}

const mediaTypeOf = (route: RouteDefinition) => route.protocol?.mediaType ?? 'application/json';
/** A request body's media types: the route's protocol's, and JSON, which every client may send. */
const requestContent = (route: RouteDefinition, schema: unknown) =>
  Object.fromEntries([...new Set([mediaTypeOf(route), 'application/json'])].map((type) => [type, { schema }]));

/**
 * The parameters and body of an operation, from the schema its handler validates with (path parameters and body
 * fields together): the document cannot drift from what the API accepts. A query parameter is described by what
 * it is once parsed (a bounded integer, a boolean) where that can be written down, since on the wire it is a string.
 */
function requestOf(route: RouteDefinition) {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const json = rawSchemaOf(route.input, 'input');
  const parsed = rawSchemaOf(route.input, 'output');
  const properties = json.properties ?? {};
  const required = new Set(json.required ?? []);
  const parameters: Record<string, unknown>[] = pathParams.map((name) => ({ name, in: 'path', required: true, schema: properties[name] ?? { type: 'string' } }));
  if (route.method === 'GET' || route.method === 'DELETE') {
    for (const [name, s] of Object.entries(properties)) {
      if (pathParams.includes(name)) continue;
      const asParsed = parsed.properties?.[name];
      parameters.push({ name, in: 'query', required: required.has(name), schema: asParsed?.type ? asParsed : s });
    }
    return { parameters };
  }
  if (!json.properties) {
    // A union (POST /events: one shape per detail-type): the body is the whole schema.
    return { parameters, requestBody: { required: true, content: requestContent(route, requiredChoiceAsAllOf(json)) } };
  }
  const rest = Object.fromEntries(Object.entries(properties).filter(([k]) => !pathParams.includes(k)));
  if (!Object.keys(rest).length) return { parameters };
  const bodyRequired = [...required].filter((k) => !pathParams.includes(k));
  const { properties: _p, required: _r, ...constraints } = json;
  const schema = { ...constraints, type: 'object', additionalProperties: false, properties: rest, ...(bodyRequired.length ? { required: bodyRequired } : {}) };
  return { parameters, requestBody: { required: true, content: requestContent(route, requiredChoiceAsAllOf(schema)) } };
}

/** What the authorizer answers (the API's own checks, deployed and local): in the error JSON, with WWW-Authenticate. */
const AUTH_RESPONSES = {
  '401': {
    description: 'No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4)',
    headers: { 'WWW-Authenticate': { schema: { type: 'string' }, description: 'Bearer error="invalid_token"' } },
    content: { 'application/json': { schema: ERROR_REF } },
  },
  '403': {
    description: '`InsufficientScope`: the token lacks the operation\'s scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page)',
    content: { 'application/json': { schema: ERROR_REF } },
  },
};

/**
 * A protocol's route (SCIM) is refused in its own error schema and media type, as its API's gateway responses and the
 * local API answer (Entra ID and Okta show the detail in their logs); a local refusal of a web page (403) stays the API's.
 */
function authResponses(answers: AnswerSchemas, route: RouteDefinition) {
  if (!route.protocol) return AUTH_RESPONSES;
  const own = answers.named(route.protocol.errorName, route.protocol.errorBody);
  const type = route.protocol.mediaType;
  return {
    '401': { ...AUTH_RESPONSES['401'], description: 'No token, or a bad or expired one (the SCIM token, or OAuth)', content: { [type]: { schema: own } } },
    '403': { ...AUTH_RESPONSES['403'], content: { [type]: { schema: { anyOf: [own, ERROR_REF] } } } },
  };
}

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
  const answers = new AnswerSchemas();
  for (const route of routes) {
    const implied = impliedErrors(route);
    const statuses = [...new Set([...Object.keys(route.responses), ...Object.keys(implied)].map(Number))].sort((a, b) => a - b);
    const operation: Record<string, unknown> = {
      operationId: route.id,
      summary: route.summary,
      ...requestOf(route),
      responses: { ...Object.fromEntries(statuses.map((s) => [String(s), response(answers, route, s, implied[s])])), ...authResponses(answers, route) },
      // Alternatives: a SigV4-signed request or a bearer token carrying the row's scope.
      security: [...(modes.includes('iam') ? [{ sigv4: [] }] : []), ...(modes.includes('oauth') ? [{ oauth2: [wireScope(route.scope)] }] : [])],
    };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  paths['/openapi.json'] = {
    get: {
      operationId: 'GetOpenApiDocument',
      summary: 'This document (served by the local runtime, `npm start`; in AWS it is built by `cdk synth` from the same route rows)',
      responses: {
        '200': { description: 'The OpenAPI document', content: { 'application/json': { schema: { type: 'object', required: ['openapi', 'info', 'paths'], properties: { openapi: { type: 'string' }, info: { type: 'object' }, paths: { type: 'object' } } } } } },
        '403': { description: 'Local runtime: the request carries an `Origin` header (a web page)', content: { 'application/json': { schema: ERROR_REF } } },
        '421': { description: 'Local runtime: the request names another `Host` than the address and port listened on', content: { 'application/json': { schema: ERROR_REF } } },
      },
      security: [],
    },
  };
  return {
    openapi: '3.0.3',
    info: {
      title: 'webex-provisioning',
      version: '1',
      description:
        'Cisco Webex user provisioning and Webex Calling workflows. A deployed stack authorises every method with IAM (SigV4), ' +
        'OAuth 2.0 client credentials (a bearer token carrying the operation\'s scope), or both on two APIs (CDK context apiAuth).',
      license: { name: 'Apache 2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
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
      schemas: { Error: schemaOf(ErrorBody, 'output'), ...answers.components },
    },
  };
}
