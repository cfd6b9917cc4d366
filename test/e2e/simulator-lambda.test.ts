import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { functionUrlAdapter } from '../../functions/simulator/lambda';
import { SIM_ACCESS_TOKEN } from '../../functions/simulator/seed';
import { startSimulator, type Simulator } from '../../functions/simulator/server';

// The simulator behind a function URL (the e2e stack) must answer exactly what the HTTP server answers.
const HOST = 'abcdefghij1234567890klmnop.lambda-url.eu-west-1.on.aws';

function functionUrlEvent(method: string, pathAndQuery: string, body?: unknown, headers: Record<string, string> = {}): LambdaFunctionURLEvent {
  const [rawPath, rawQueryString = ''] = pathAndQuery.split('?');
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const base64 = text !== undefined && method === 'PUT';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: {
      host: HOST,
      'x-forwarded-proto': 'https',
      authorization: `Bearer ${SIM_ACCESS_TOKEN}`,
      ...(text !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    queryStringParameters: rawQueryString ? Object.fromEntries(new URLSearchParams(rawQueryString)) : undefined,
    requestContext: {
      accountId: 'anonymous', apiId: 'abcdefghij1234567890klmnop', domainName: HOST, domainPrefix: 'abcdefghij1234567890klmnop',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'test' },
      requestId: 'r1', routeKey: '$default', stage: '$default', time: '01/Dec/2026:10:00:00 +0000', timeEpoch: 0,
    },
    // Function URLs hand some bodies over base64-encoded: both forms must work.
    body: text === undefined ? undefined : base64 ? Buffer.from(text).toString('base64') : text,
    isBase64Encoded: base64,
  };
}

const normalise = (body: unknown) => JSON.parse(JSON.stringify(body ?? null).replace(/"trackingId":"[^"]*"/g, '"trackingId":"T"'));

describe('the simulator as a Lambda behind a function URL', () => {
  let http: Simulator;
  let inLambda: Simulator;
  let handler: ReturnType<typeof functionUrlAdapter>;
  beforeAll(async () => {
    http = await startSimulator();
    handler = functionUrlAdapter(async () => (inLambda = await startSimulator()));
  });
  afterAll(async () => {
    await http.close();
    await inLambda?.close();
  });

  const viaHttp = async (method: string, pathAndQuery: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${http.url.replace(/\/v1$/, '')}${pathAndQuery}`, {
      method,
      headers: { authorization: `Bearer ${SIM_ACCESS_TOKEN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, contentType: res.headers.get('content-type'), body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  const viaLambda = async (method: string, pathAndQuery: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await handler(functionUrlEvent(method, pathAndQuery, body, headers));
    const h = res.headers as Record<string, string>;
    return { status: res.statusCode, contentType: h['content-type'], body: res.body ? JSON.parse(res.body) : undefined, headers: h };
  };

  it('answers seeded reads, errors and auth failures exactly as the HTTP server does', async () => {
    const requests: [string, string, unknown?, Record<string, string>?][] = [
      ['GET', '/v1/people?email=alice.admin%40example.com'],
      ['GET', '/v1/licenses'],
      ['GET', '/v1/locations'],
      ['GET', '/v1/telephony/config/numbers?max=2'],
      ['GET', '/v1/people/not-an-id'],
      ['GET', '/v1/nowhere'],
      ['DELETE', '/v1/licenses'],
      ['POST', '/v1/people', '{not json'],
      ['POST', '/v1/people', { emails: ['x@example.com'] }],
      ['GET', '/v1/people', undefined, { authorization: 'Bearer wrong' }],
    ];
    for (const [method, path, body, headers] of requests) {
      const [a, b] = [await viaHttp(method, path, body, headers), await viaLambda(method, path, body, headers)];
      expect({ path, status: b.status, contentType: b.contentType, body: normalise(b.body) }).toEqual({
        path, status: a.status, contentType: a.contentType, body: normalise(a.body),
      });
    }
  });

  it('keeps its org across invocations (writes, then reads), and a next-page link stays on the https function URL', async () => {
    const created = await viaLambda('POST', '/v1/people', { emails: ['e2e.user@example.com'], displayName: 'E2E User' });
    expect(created.status).toBe(200);
    const read = await viaLambda('GET', `/v1/people/${created.body.id}`);
    expect(read).toMatchObject({ status: 200, body: { id: created.body.id, emails: ['e2e.user@example.com'] } });

    const page = await viaLambda('GET', '/v1/people?max=1');
    const direct = await viaHttp('GET', '/v1/people?max=1');
    expect(direct.headers.get('link')).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/v1\/people\?/);
    expect(page.headers.link).toMatch(new RegExp(`^<https://${HOST.replace(/\./g, '\\.')}/v1/people\\?[^>]*max=1[^>]*>; rel="next"$`));
    // The link works through the adapter.
    const next = new URL(page.headers.link.slice(1, page.headers.link.indexOf('>')));
    expect((await viaLambda('GET', `${next.pathname}${next.search}`)).status).toBe(200);
  });

  it('takes base64 bodies, and serves the OAuth refresh and the control endpoints like the server', async () => {
    const put = await viaLambda('PUT', '/v1/people/not-an-id', { displayName: 'x' });
    expect(put.status).toBe((await viaHttp('PUT', '/v1/people/not-an-id', { displayName: 'x' })).status);
    const form = 'grant_type=refresh_token&client_id=x&client_secret=y&refresh_token=z';
    const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
    const [a, b] = [await viaHttp('POST', '/v1/access_token', form, formHeaders), await viaLambda('POST', '/v1/access_token', form, formHeaders)];
    expect({ status: b.status, body: normalise(b.body) }).toEqual({ status: a.status, body: normalise(a.body) });
    const control = await viaLambda('GET', '/_sim/requests');
    expect(control.status).toBe((await viaHttp('GET', '/_sim/requests')).status);
  });
});
