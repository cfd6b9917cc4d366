import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Context } from 'aws-lambda';
import { route } from '../../../functions/enable-calling/handler';
import { routeHandler } from '../../../functions/lib/http/route';
import { lambdaContext } from '../../../functions/lib/runtime/lambda-context';
import { DEMO_EMAILS } from '../../../functions/simulator/seed';
import { startHarness, type Harness } from '../../support/harness';

/**
 * POST /users/{user}/calling within API Gateway's 29 s: the run's deadline is the moment the handler stops
 * waiting; a move runs as a Standard execution the API follows, then answers 202 and leaves to
 * GET /users/{user}/calling/{executionName}.
 */
const CAROL = DEMO_EMAILS.carol;
// A free Headquarters number of the demo org, and the move-users job's status path.
const HQ_FREE = '+14085550105';
const JOB_STATUS = '/telephony/config/jobs/person/moveLocation/';
const calling = (user: string) => `/users/${encodeURIComponent(user)}/calling`;

let h: Harness;
// The deployed handler, composed with the harness's local runtime (its state machines in-process).
let enableCalling: (event: APIGatewayProxyEvent, context: Context) => Promise<unknown>;
beforeEach(async () => {
  h = await startHarness();
  enableCalling = routeHandler(route, h.runtime.deps) as typeof enableCalling;
});
afterEach(async () => {
  await h.runtime.executions.settle();
  await h.close();
});

const apiEvent = (user: string, body: unknown, requestId: string) =>
  ({
    httpMethod: 'POST',
    resource: '/users/{user}/calling',
    path: calling(user),
    requestContext: { requestId },
    pathParameters: { user },
    queryStringParameters: null,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEvent;

describe('POST /users/{user}/calling and its deadline', () => {
  it('a Retry-After the run could not wait before the caller stops listening: it stops at once and carries on as a Standard execution', async () => {
    h.sim.faults.add({ match: { method: 'GET', path: '/licenses' }, kind: 'status', status: 429, retryAfter: '40', times: Infinity });
    const res = await h.call('POST', calling(DEMO_EMAILS.bob), { location: 'Headquarters', extension: '1500' });
    // The Express run stopped before its first wait (one read); the Standard run waited (3 waits, fast here) and gave up.
    expect(h.runtime.executions.list('EnableCallingStandard')).toEqual([{ executionName: res.body.executionName }]);
    expect(h.webexCalls('GET', '/licenses')).toHaveLength(1 + 4);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('40');
    expect(res.body.error).toMatchObject({ code: 'WebexRateLimitedError', retryAfterSeconds: 40 });
    expect(res.body.error.deadlineReached).toBeUndefined();
  });

  it('a run that stopped at its deadline and then outlasts the request: 202, and the status route follows it to its end', async () => {
    h.sim.faults.add({ match: { method: 'GET', path: '/licenses' }, kind: 'status', status: 429, retryAfter: '40', times: 1 });
    h.sim.faults.add({ match: { method: 'PATCH', path: '/licenses/users' }, kind: 'latency', ms: 2_500, times: 1 });
    const res = (await enableCalling(apiEvent(DEMO_EMAILS.bob, { location: 'Headquarters', extension: '1500' }, 'slow-1'), lambdaContext('EnableCalling', 'r0', 3_500))) as APIGatewayProxyResult;
    expect(res.statusCode).toBe(202);
    const answer = JSON.parse(res.body);
    expect(answer).toMatchObject({ status: 'RUNNING', executionName: 'enable-calling-slow-1', statusUrl: `${calling(DEMO_EMAILS.bob)}/enable-calling-slow-1` });
    await h.runtime.executions.settle();
    const after = await h.call('GET', answer.statusUrl);
    expect(after.body).toMatchObject({ status: 'SUCCEEDED', changed: true, user: { calling: { enabled: true, extension: '1500' } } });
    expect(h.webexCalls('PATCH', '/licenses/users')).toHaveLength(1);
  }, 30_000);

  it('a move is a Standard execution: answered when it ends in time, and reported by GET …/calling/{executionName}', async () => {
    const res = await h.call('POST', calling(CAROL), { location: 'Headquarters', phoneNumber: HQ_FREE, move: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'SUCCEEDED', executionName: expect.stringMatching(/^enable-calling-/) });
    expect(h.runtime.executions.list('EnableCallingStandard')).toEqual([{ executionName: res.body.executionName }]);
    const status = await h.call('GET', `${calling(CAROL)}/${res.body.executionName}`);
    expect(status.status).toBe(200);
    expect(status.body).toEqual(res.body);
    // Another user's path, or a name never started: 404, never someone else's run.
    expect((await h.call('GET', `${calling(DEMO_EMAILS.bob)}/${res.body.executionName}`)).status).toBe(404);
    expect((await h.call('GET', `${calling(CAROL)}/enable-calling-never`)).status).toBe(404);
    expect((await h.call('GET', `${calling(CAROL)}/bulk-k-x`)).status).toBe(400);
  });

  it('a move that outlasts the request: 202 with the execution name and statusUrl, RUNNING there until it ends', async () => {
    // Webex is slow to answer the first status read of the job: longer than this request may wait.
    h.sim.faults.add({ match: { method: 'GET', path: JOB_STATUS }, kind: 'latency', ms: 2_500, times: 1 });
    const body = { location: 'Headquarters', phoneNumber: HQ_FREE, move: true };
    const res = (await enableCalling(apiEvent(CAROL, body, 'slow-move-1'), lambdaContext('EnableCalling', 'r1', 3_500))) as APIGatewayProxyResult;
    expect(res.statusCode).toBe(202);
    const answer = JSON.parse(res.body);
    expect(answer).toEqual({ status: 'RUNNING', executionName: 'enable-calling-slow-move-1', statusUrl: `${calling(CAROL)}/enable-calling-slow-move-1`, steps: [] });
    const during = await h.call('GET', answer.statusUrl);
    expect(during.body).toMatchObject({ status: 'RUNNING', executionName: answer.executionName });
    await h.runtime.executions.settle();
    const after = await h.call('GET', answer.statusUrl);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ status: 'SUCCEEDED', executionName: answer.executionName, user: { calling: { primaryNumber: HQ_FREE } } });
  }, 30_000);
});
