import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { route as createPlanRoute } from '../../../functions/create-reconcile-plan/handler';
import { route as enableCallingRoute } from '../../../functions/enable-calling/handler';
import { routeHandler } from '../../../functions/lib/http/route';
import { lambdaContext } from '../../../functions/lib/runtime/lambda-context';
import { createLocalRuntime, type LocalRuntime } from '../../../functions/local/local-runtime';
import type { LambdaHandler } from '../../../functions/local/local-runner';
import { useLocalImportsBucket } from '../../support/local-imports-bucket';

/**
 * DescribeExecution is a token bucket shared by the whole account (250, refilled at 10/s outside the three
 * large Regions). A route that started a Standard run and is then throttled while following it must answer
 * 202 with where to follow the run, never a 500 that a caller would retry into a second run. The local
 * runtime enforces the bucket; these tests give it one token and no refill, so the second look is throttled.
 */
useLocalImportsBucket('imports');

let runtime: LocalRuntime;
let release: () => void;
beforeEach(() => {
  runtime = createLocalRuntime({ fastWaits: true, describeQuota: { bucketSize: 1, refillPerSecond: 0 } });
  const gate = new Promise<void>((resolve) => (release = resolve));
  // Every Task waits for the test to let it go, then fails: the run is still running while the route follows it.
  const held = (async () => {
    await gate;
    throw Object.assign(new Error('released by the test'), { name: 'Released' });
  }) as LambdaHandler;
  runtime.taskHandlers.ReconcilePlanStepsFunctionArn = held;
  runtime.taskHandlers.EnableCallingStepsFunctionArn = held;
});
afterEach(async () => {
  release();
  await runtime.executions.settle();
});

type Handler = (e: APIGatewayProxyEvent, c: Context) => Promise<APIGatewayProxyResult>;
const apiEvent = (method: string, resource: string, path: string, body: unknown, pathParameters: Record<string, string> | null = null) =>
  ({
    httpMethod: method, resource, path, requestContext: { requestId: `req-${path.length}-${method}` },
    pathParameters, queryStringParameters: null, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEvent;

describe('a following route when DescribeExecution throttles', () => {
  it('POST /reconcile/plans answers 202 PLANNING with the statusUrl, and one plan run exists', async () => {
    const post = routeHandler(createPlanRoute, runtime.deps) as unknown as Handler;
    const users = [{ email: 'a@corp.example.com', displayName: 'A', location: 'Headquarters' }];
    // 3 s left: the route follows for 1 s, throttled after its first look.
    const res = await post(apiEvent('POST', '/reconcile/plans', '/reconcile/plans', { users, scope: { emailDomains: ['corp.example.com'] } }), lambdaContext('CreateReconcilePlan', 'p1', 3_000));
    expect(res.statusCode).toBe(202);
    const body = JSON.parse(res.body);
    expect(body).toEqual({ id: expect.any(String), status: 'PLANNING', statusUrl: `/reconcile/plans/${body.id}` });
    expect(runtime.executions.list('ReconcilePlan')).toEqual([{ executionName: `plan-${body.id}` }]);
  });

  it('a move (POST /users/{user}/calling, move: true) answers 202 RUNNING with executionName and statusUrl', async () => {
    const post = routeHandler(enableCallingRoute, runtime.deps) as unknown as Handler;
    const user = 'carol@example.com';
    const res = await post(
      apiEvent('POST', '/users/{user}/calling', `/users/${encodeURIComponent(user)}/calling`, { location: 'Headquarters', move: true, extension: '4123' }, { user }),
      lambdaContext('EnableCalling', 'm1', 3_000),
    );
    expect(res.statusCode).toBe(202);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ status: 'RUNNING', executionName: expect.any(String), statusUrl: `/users/${encodeURIComponent(user)}/calling/${body.executionName}` });
    expect(runtime.executions.list('EnableCallingStandard')).toEqual([{ executionName: body.executionName }]);
  });

  it('a status read that is throttled answers 429 with Retry-After, not 500', async () => {
    await runtime.stateMachines.describe('ReconcilePlan', 'plan-none');
    const get = routeHandler((await import('../../../functions/get-reconcile-plan/handler')).route, runtime.deps) as unknown as Handler;
    const id = '0f4c1d2e-0000-4000-8000-000000000000';
    const res = await get(apiEvent('GET', '/reconcile/plans/{id}', `/reconcile/plans/${id}`, undefined, { id }), lambdaContext('GetReconcilePlan', 'g1'));
    expect(res.statusCode).toBe(429);
    expect(res.headers?.['Retry-After']).toBeDefined();
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'ThrottlingException' });
  });
});
