import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { handler as getUser } from '../../../functions/get-user/handler';
import { lambdaContext } from '../../../functions/lib/runtime/lambda-context';
import { startScriptedServer, type ScriptedServer } from '../../support/scripted-http-server';

// A handler's several Webex requests share the invocation's remaining time (context.getRemainingTimeInMillis):
// the handler answers its own JSON error before its Lambda would time out (API Gateway's bare 502/504).
let server: ScriptedServer;
const saved = { ...process.env };
beforeAll(async () => {
  server = await startScriptedServer();
  process.env.WEBEX_BASE_URL = `${server.url}/v1`;
  // Before the first invocation: the Lambda composition reads its environment once, on first use.
  process.env.WEBEX_ACCESS_TOKEN = 'test-token';
});
afterAll(async () => {
  process.env = saved;
  await server.close();
});

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
    const remainingMs = 3_000;
    const started = Date.now();
    const res = (await getUser(event('ann@example.com'), lambdaContext('GetUser', 'r1', remainingMs))) as APIGatewayProxyResult;
    const took = Date.now() - started;
    expect(took).toBeLessThan(remainingMs);
    expect(res.statusCode).toBe(504);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'WebexNetworkError' } });
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
  });

  it('a 503 asking for Retry-After: 1 is retried only while the invocation has time for the wait and another attempt', async () => {
    server.script(Array.from({ length: 50 }, () => ({ status: 503, body: { message: 'busy' }, headers: { 'retry-after': '1' } })));
    const started = Date.now();
    const res = (await getUser(event('bob@example.com'), lambdaContext('GetUser', 'r2', 2_500))) as APIGatewayProxyResult;
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(res.statusCode).toBeGreaterThanOrEqual(500);
    expect(JSON.parse(res.body).error.code).toBe('WebexServerError');
  });
});
