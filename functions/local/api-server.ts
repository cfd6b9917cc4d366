import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { PayloadTooLargeError } from '../lib/errors';
import { MAX_BODY_BYTES } from '../lib/http/api-event';
import { INSUFFICIENT_SCOPE, INVALID_TOKEN, tokenVerifier, type BearerDecision, type TokenVerifier } from '../lib/http/bearer-auth';
import { authorizeRequest } from '../lib/http/request-auth';
import { isScimRoute } from '../lib/http/route';
import { scimErrorBody, SCIM_MEDIA_TYPE } from '../lib/scim-auth/scim-error';
import type { ScimTokenReader } from '../lib/scim-auth/scim-token-store';
import { buildOpenApiDocument } from '../lib/http/openapi';
import { lambdaContext } from '../lib/runtime/lambda-context';
import { routes as routeTable, type Route, type RouteDefinition } from '../routes';
import { routeHandlers, type LambdaHandler } from './handlers';
import { createLocalRuntime, type LocalRuntime } from './local-runtime';
import { LOCAL_OBJECTS_PATH } from './local-object-urls';
import { ObjectNotFoundError } from '../lib/storage/object-store';
import { createLocalTokenIssuer, type LocalClient, type LocalTokenIssuer } from './oauth-issuer';
import { refuseForeignRequest, refuseNonJsonBody, type ListeningAddress, type RefusedRequest } from './request-guard';

const METHOD_ORDER: readonly RouteDefinition['method'][] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  params: string[];
  handler: LambdaHandler;
}

export interface LocalApi {
  url: string;
  server: Server;
  /** The runtime behind it: its executions, its published events. */
  runtime: LocalRuntime;
  /** With `oauth`: the token issuer every route's token is checked against. */
  oauth?: LocalTokenIssuer;
  close(): Promise<void>;
}

/** The OAuth checks, on when `LOCAL_API_AUTH=oauth` (main.ts): these clients may get tokens. */
export interface LocalOAuthOptions {
  clients: readonly LocalClient[];
}

interface LocalAuth {
  issuer: LocalTokenIssuer;
  verifier: TokenVerifier;
}

export interface LocalApiOptions {
  port?: number;
  host?: string;
  runtime?: LocalRuntime;
  oauth?: LocalOAuthOptions;
  /**
   * The SCIM token's digests (`npm run scim-token -- --local` writes them; `npm start` always gives them): the SCIM
   * routes then take that token, or with `oauth` a token with the scim scope, and nothing else, as deployed.
   * Without it the SCIM routes are as open as the rest of the loopback API (the tests of the routes themselves).
   */
  scimTokens?: ScimTokenReader;
  /** The route rows to serve. Only tests should change this. @default the route table */
  routes?: readonly Route[];
}

/**
 * The API Gateway stand-in: the same route table, the same handlers, REST-proxy events. Binds to
 * loopback only; there is no IAM here, so it must never face a network, nor answer a web page
 * (request-guard.ts). With `oauth` every route checks a bearer token and the row's scope as the deployed
 * authorizer does (http/bearer-auth.ts), against tokens this server mints.
 */
export async function startLocalApi(options: LocalApiOptions = {}): Promise<LocalApi> {
  const runtime = options.runtime ?? createLocalRuntime();
  const routes = options.routes ?? routeTable;
  const handlers = routeHandlers(runtime.deps, routes);
  const compiled = routes.map((route) => compile(route, handlers));
  const host = options.host ?? '127.0.0.1';
  // Known once listening (PORT may be 0); no request arrives before.
  const address: ListeningAddress = { host: host.includes(':') ? `[${host}]` : host, port: 0 };
  let auth: LocalAuth | undefined;
  const server = createServer((req, res) => {
    serve(compiled, address, runtime, auth, options.scimTokens, req, res).catch((error) => {
      send(res, 500, { error: { code: 'InternalError', message: 'Internal error' } });
      console.error('local API: unhandled error', error instanceof Error ? error.name : error);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  address.port = port;
  const url = `http://${address.host}:${port}`;
  runtime.objectUrls.baseUrl = url;
  if (options.oauth) {
    const issuer = createLocalTokenIssuer(url, options.oauth.clients);
    // The JWKS is read over loopback http, which aws-jwt-verify's own fetcher (HTTPS only) refuses.
    const fetcher = { fetch: async (uri: string) => (await fetch(uri, { signal: AbortSignal.timeout(1500) })).arrayBuffer() };
    auth = { issuer, verifier: tokenVerifier({ kind: 'jwt', issuer: issuer.issuer, audience: issuer.audience, jwksUri: issuer.jwksUri }, fetcher) };
  }
  return {
    url,
    server,
    runtime,
    oauth: auth?.issuer,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Kept-alive sockets (a browser that opened a report keeps its own) would hold close() open.
        server.closeAllConnections();
      }),
  };
}

async function serve(compiled: CompiledRoute[], address: ListeningAddress, runtime: LocalRuntime, auth: LocalAuth | undefined, scimTokens: ScimTokenReader | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  // A signed object URL is opened by a browser (a report): its signature, not the API guard, decides.
  if (url.pathname.startsWith(LOCAL_OBJECTS_PATH) && req.method === 'GET') return serveObject(runtime, url, res);
  const foreign = refuseForeignRequest(req.headers, address);
  if (foreign) return refuse(res, foreign);
  if (url.pathname === '/openapi.json' && req.method === 'GET') {
    const serverUrl = `http://${req.headers.host ?? 'localhost'}`;
    return send(res, 200, buildOpenApiDocument(compiled.map((c) => c.route), serverUrl, { modes: auth ? ['oauth'] : ['iam', 'oauth'] }));
  }
  if (auth && url.pathname === '/.well-known/jwks.json' && req.method === 'GET') return send(res, 200, auth.issuer.jwks());
  if (auth && url.pathname === '/oauth2/token' && req.method === 'POST') return token(auth.issuer, req, res);
  const onPath = compiled.map((c) => ({ c, m: c.pattern.exec(url.pathname) })).filter((x) => x.m);
  if (!onPath.length) return send(res, 404, { error: { code: 'NotFound', message: `No route ${url.pathname}` } });
  // As API Gateway: a literal segment wins over a {param} one, whatever order the route table lists the rows in.
  const hit = onPath.filter((x) => x.c.route.method === req.method).sort((a, b) => a.c.params.length - b.c.params.length)[0];
  if (!hit) {
    // In HTTP's usual order, whatever order the route table lists the rows in.
    res.setHeader('Allow', METHOD_ORDER.filter((m) => onPath.some((x) => x.c.route.method === m)).join(', '));
    return send(res, 405, { error: { code: 'MethodNotAllowed', message: `${req.method} is not allowed on ${url.pathname}` } });
  }

  // As API Gateway: the authorizer answers before the body is read. A SCIM route always has it, as deployed, once
  // the runtime has a SCIM token store; it takes the SCIM token and, under `oauth`, a token with the scim scope.
  let authorizer: Record<string, string> | undefined;
  const scim = isScimRoute(hit.c.route) && scimTokens !== undefined;
  if (auth || scim) {
    const decision = await authorizeRequest(req.headers.authorization, hit.c.route.scope, { verifier: auth?.verifier, scimTokens: scim ? scimTokens : undefined });
    if (!decision.allowed) return scim ? refuseScimToken(res, decision) : refuseToken(res, decision);
    authorizer = { principalId: decision.clientId, clientId: decision.clientId, scope: decision.scopes.join(' ') };
  }

  const notJson = refuseNonJsonBody(req.headers);
  if (notJson) return refuse(res, notJson);
  const body = await readBody(req);
  if (body === undefined) {
    const tooLarge = new PayloadTooLargeError(`The request body is larger than ${MAX_BODY_BYTES} bytes`);
    // A protocol's route (SCIM) answers in its own error schema, as its Lambda does.
    const answer = hit.c.route.protocol?.toErrorResult(tooLarge);
    if (answer) return send(res, answer.statusCode, answer.body, hit.c.route.protocol!.mediaType);
    return send(res, 413, { error: { code: tooLarge.name, message: tooLarge.message } });
  }
  const pathParameters = Object.fromEntries(hit.c.params.map((name, i) => [name, hit.m![i + 1]]));
  const query = url.searchParams.size ? Object.fromEntries(url.searchParams) : null;
  const requestId = randomUUID();
  const event = {
    resource: hit.c.route.path,
    path: url.pathname,
    httpMethod: req.method,
    headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
    multiValueHeaders: {},
    queryStringParameters: query,
    multiValueQueryStringParameters: null,
    pathParameters: hit.c.params.length ? pathParameters : null,
    stageVariables: null,
    body: body.length ? body : null,
    isBase64Encoded: false,
    requestContext: {
      requestId,
      resourcePath: hit.c.route.path,
      httpMethod: req.method,
      stage: 'local',
      identity: auth ? { sourceIp: req.socket.remoteAddress } : { sourceIp: req.socket.remoteAddress, caller: 'local', userArn: 'local' },
      ...(authorizer ? { authorizer } : {}),
    },
  } as unknown as APIGatewayProxyEvent;

  const result = (await hit.c.handler(event, lambdaContext(hit.c.route.id, requestId))) as APIGatewayProxyResult;
  res.writeHead(result.statusCode, { ...result.headers, 'x-amzn-RequestId': requestId } as Record<string, string>);
  res.end(result.body);
}

function compile(route: RouteDefinition, handlers: Record<string, LambdaHandler>): CompiledRoute {
  const params: string[] = [];
  // API Gateway hands path parameters over still percent-encoded for us to decode, as here.
  const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    params.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}/?$`), params, handler: handlers[route.id] };
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** POST /oauth2/token: a form body (RFC 6749), so the JSON-only rule does not apply; a page still cannot call it (no Origin). */
async function token(issuer: LocalTokenIssuer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const body = mediaType === 'application/x-www-form-urlencoded' ? await readBody(req) : '';
  if (body === undefined) return send(res, 413, { error: 'invalid_request', error_description: 'the form is too large' });
  const answer = issuer.token({ authorization: req.headers.authorization, form: new URLSearchParams(body) });
  res.writeHead(answer.status, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    ...(answer.status === 401 ? { 'WWW-Authenticate': 'Basic realm="webex-provisioning"' } : {}),
  });
  res.end(JSON.stringify(answer.body));
}

/** The deployed authorizer's answers (its gateway responses): 401 for the token, 403 naming the scope, 503 for the issuer. */
function refuseToken(res: ServerResponse, decision: Exclude<BearerDecision, { allowed: true }>): void {
  if (decision.reason === 'issuer_unavailable') {
    return send(res, 503, { error: { code: 'AuthorizerUnavailable', message: "The token issuer's keys could not be read" } });
  }
  const answer = decision.reason === 'invalid_token'
    ? { status: INVALID_TOKEN.status, header: INVALID_TOKEN.wwwAuthenticate, error: { code: INVALID_TOKEN.code, message: INVALID_TOKEN.message } }
    : { status: INSUFFICIENT_SCOPE.status, header: INSUFFICIENT_SCOPE.wwwAuthenticate, error: { code: INSUFFICIENT_SCOPE.code, message: INSUFFICIENT_SCOPE.message(decision.requiredScope) } };
  res.writeHead(answer.status, { 'Content-Type': 'application/json', 'WWW-Authenticate': answer.header });
  res.end(JSON.stringify({ error: answer.error }));
}

/** The SCIM API's gateway responses (infra/constructs/workflow-api.ts): the same statuses, in the SCIM error form. */
function refuseScimToken(res: ServerResponse, decision: Exclude<BearerDecision, { allowed: true }>): void {
  const [status, header, detail] =
    decision.reason === 'issuer_unavailable' ? [503, undefined, 'The token could not be checked: try again']
      : decision.reason === 'invalid_token' ? [INVALID_TOKEN.status, INVALID_TOKEN.wwwAuthenticate, 'A valid bearer token is required: the SCIM token (npm run scim-token) or an OAuth token with the scim scope']
        : [INSUFFICIENT_SCOPE.status, INSUFFICIENT_SCOPE.wwwAuthenticate, INSUFFICIENT_SCOPE.message(decision.requiredScope)];
  res.writeHead(status, { 'Content-Type': SCIM_MEDIA_TYPE, ...(header ? { 'WWW-Authenticate': header } : {}) });
  res.end(JSON.stringify(scimErrorBody(status, detail)));
}

function refuse(res: ServerResponse, refused: RefusedRequest): void {
  // The body is not read: the connection is not reused for another request.
  res.setHeader('Connection', 'close');
  const message = `${refused.header}: ${refused.message}`;
  send(res, refused.status, { error: { code: refused.code, message, fields: [{ field: refused.header, message: refused.message }] } });
}

function send(res: ServerResponse, status: number, body: unknown, mediaType = 'application/json'): void {
  res.writeHead(status, { 'Content-Type': mediaType });
  res.end(JSON.stringify(body));
}

const OBJECT_TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', csv: 'text/csv; charset=utf-8', json: 'application/json' };

/** GET of a signed object URL (local-object-urls.ts): 403 as S3 answers an expired or altered one, 404 when gone. */
async function serveObject(runtime: LocalRuntime, url: URL, res: ServerResponse): Promise<void> {
  const request = runtime.objectUrls.verify(url);
  if ('refused' in request) return send(res, 403, { error: { code: 'AccessDenied', message: request.refused } });
  let text: string;
  try {
    ({ text } = await runtime.deps.objectStore().getText(request.bucket, request.key));
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return send(res, 404, { error: { code: 'NoSuchKey', message: 'The specified key does not exist.' } });
    throw error;
  }
  res.writeHead(200, {
    'Content-Type': OBJECT_TYPES[request.key.split('.').pop() ?? ''] ?? 'application/octet-stream',
    // What the HTML reports' own meta says: no script, nothing fetched.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
    // A browser opened it, not an API client: no kept-alive socket holding the local API open after.
    Connection: 'close',
  });
  res.end(text);
}
