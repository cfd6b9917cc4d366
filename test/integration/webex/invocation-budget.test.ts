import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { route } from '../../../functions/get-user/handler';
import { once } from '../../../functions/lib/config';
import { routeHandler } from '../../../functions/lib/http/route';
import { ANSWER_MARGIN_MS } from '../../../functions/lib/invocation-deadline';
import { lambdaContext } from '../../../functions/lib/runtime/lambda-context';
import { configuredWebexClient } from '../../../functions/lib/webex/configured-client';
import { StaticTokenProvider } from '../../../functions/lib/webex/token-provider';
import { startScriptedServer, type ScriptedServer } from '../../support/scripted-http-server';
import { VirtualClock } from '../../support/virtual-clock';

// A handler's several Webex requests share the invocation's remaining time (context.getRemainingTimeInMillis):
// the handler answers its own JSON error before its Lambda would time out (API Gateway's bare 502/504). The
// client, its transport and the invocation's context run on one virtual clock: the test reads the time the handler
// took on it, and the waits and timeouts it asked for, never the wall clock.
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(async () => {
  await server.close();
});

/**
 * GET /users/{user} as its Lambda composes it (the settings' defaults), its client and its invocation's context on
 * `clock`, run in that clock's time until it answers.
 */
function getUser(clock: VirtualClock, user: string, remainingMs: number): Promise<APIGatewayProxyResult> {
  const env = { WEBEX_BASE_URL: `${server.url}/v1` };
  const handler = routeHandler(route, { webex: once(() => configuredWebexClient(env, new StaticTokenProvider('test-token'), { clock })) });
  return clock.run(handler(event(user), lambdaContext('GetUser', user, remainingMs, clock.now)) as Promise<APIGatewayProxyResult>, server.held);
}

const event = (user: string) =>
  ({
    httpMethod: 'GET',
    resource: '/users/{user}',
    requestContext: { requestId: 'budget-1' },
    pathParameters: { user },
    queryStringParameters: null,
    body: null,
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEvent;

describe('the Webex client budgets retries per invocation', () => {
  it('the second request hangs: the handler answers 504 JSON within the Lambda time left, not after 8 s attempts and an 18 s budget', async () => {
    server.script([{ status: 200, body: { items: [{ id: 'P1', emails: ['ann@example.com'] }] } }, 'hang', 'hang', 'hang', 'hang', 'hang']);
    const clock = new VirtualClock(1_000_000);
    const remainingMs = 3_000;
    const started = clock.now();
    const res = await getUser(clock, 'ann@example.com', remainingMs);
    expect(res.statusCode).toBe(504);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'WebexNetworkError' } });
    // Every attempt waited at most the time left less the answer's margin (not the client's 8 s per attempt), and
    // the handler answered when that time was up: before the Lambda's own timeout.
    const left = remainingMs - ANSWER_MARGIN_MS;
    expect(clock.timeouts.length).toBe(server.requests.length);
    expect(Math.max(...clock.timeouts)).toBe(left);
    expect(clock.now() - started).toBe(left);
    expect(clock.sleeps).toEqual([]);
    // The person was found; the read after it hung, and was not sent again with no time left for an answer.
    expect(server.requests[0].url).toMatch(/^\/v1\/people\?/);
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    expect(new Set(server.requests.slice(1).map((r) => r.url)).size).toBe(server.requests.length - 1);
  });

  it('a 503 asking for Retry-After: 1 is retried only while the invocation has time for the wait and another attempt', async () => {
    server.script(Array.from({ length: 50 }, () => ({ status: 503, body: { message: 'busy' }, headers: { 'retry-after': '1' } })));
    const clock = new VirtualClock(1_000_000);
    const remainingMs = 4_000;
    const started = clock.now();
    const res = await getUser(clock, 'bob@example.com', remainingMs);
    expect(res.statusCode).toBe(502);
    expect(JSON.parse(res.body).error.code).toBe('WebexServerError');
    // 2.5 s to answer in: the wait Retry-After asks for twice, then a last attempt with its 500 ms, and no third wait
    // (1 s and an attempt's 500 ms no longer fit).
    expect(clock.sleeps).toEqual([1_000, 1_000]);
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET']);
    expect(clock.timeouts).toEqual([2_500, 1_500, 500]);
    expect(clock.now() - started).toBe(2_000);
    expect(clock.now() - started).toBeLessThanOrEqual(remainingMs - ANSWER_MARGIN_MS);
  });
});
