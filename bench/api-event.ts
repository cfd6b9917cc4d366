import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

/**
 * An API Gateway proxy event as the REST API delivers it to a route's function: `resource` is the route's path
 * template (a `/users/…` path defaults to `/users/{user}`), its parameters taken from `path`.
 */
export function apiEvent(method: string, path: string, body?: unknown, resource?: string): APIGatewayProxyEvent {
  const template = resource ?? (path.startsWith('/users/') ? '/users/{user}' : path);
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const values = new RegExp(`^${template.replace(/\{\w+\}/g, '([^/]+)')}$`).exec(path)?.slice(1) ?? [];
  const pathParameters = names.length ? Object.fromEntries(names.map((n, i) => [n, values[i]])) : null;
  return {
    httpMethod: method,
    path,
    resource: template,
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters,
    stageVariables: null,
    body: body === undefined ? null : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { requestId: 'bench', identity: { userArn: 'bench' } },
  } as unknown as APIGatewayProxyEvent;
}

export const context = { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 28_000 } as unknown as Context;
