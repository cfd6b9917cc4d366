// First: sets what Powertools reads as its modules load (imports run before this file's own statements).
import './on-demand-lambda-env';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as z from 'zod';
import { taskHandler, workflowHandler } from '../../../functions/lib/http/api-handler';
import { NotFoundError } from '../../../functions/lib/errors';
import { logger } from '../../../functions/lib/logger';
import { lambdaContext } from '../../../functions/lib/runtime/lambda-context';
import { captureLogs, type LogCapture } from '../../support/log-capture';

// The log contract of the handler factories (Powertools' injectLambdaContext): the Lambda context, the
// correlation id as `correlationId` (never Powertools' `correlation_id`), the API request id and route, all
// dropped when the invocation ends; never the event.
let capture: LogCapture;
beforeEach(() => {
  capture = captureLogs();
});
afterEach(() => capture.restore());

const lines = () =>
  capture.lines
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const line = (message: string) => {
  const found = lines().filter((l) => l.message === message);
  expect(found).toHaveLength(1);
  return found[0];
};

const apiEvent = (requestId: string, body: unknown): APIGatewayProxyEvent =>
  ({
    httpMethod: 'POST',
    resource: '/things/{id}',
    path: '/things/t1',
    requestContext: { requestId },
    pathParameters: { id: 't1' },
    queryStringParameters: null,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEvent;

describe('workflowHandler logging', () => {
  const handler = workflowHandler({
    input: z.strictObject({ id: z.string(), passcode: z.string().optional(), fail: z.boolean().optional() }),
    run: async ({ id, fail }) => {
      logger.info('inside the workflow');
      if (fail) throw new NotFoundError('no such thing');
      return { statusCode: 200, body: { id } };
    },
  });

  it('writes the Lambda context and the request keys on every line of an invocation, cold start first', async () => {
    const first = await handler(apiEvent('api-req-1', {}), lambdaContext('Things', 'lambda-req-1'));
    expect(first).toMatchObject({ statusCode: 200 });
    const cold = line('inside the workflow');
    expect(cold).toMatchObject({
      level: 'INFO', service: 'webex-provisioning', cold_start: true, function_name: 'Things', function_request_id: 'lambda-req-1',
      correlationId: 'api-req-1', apiRequestId: 'api-req-1', route: 'POST /things/{id}',
    });
    expect(cold).not.toHaveProperty('correlation_id');

    capture.lines.length = 0;
    await handler(apiEvent('api-req-2', {}), lambdaContext('Things', 'lambda-req-2'));
    expect(line('inside the workflow')).toMatchObject({ cold_start: false, function_request_id: 'lambda-req-2', correlationId: 'api-req-2', apiRequestId: 'api-req-2' });
  });

  it('keeps the keys on the failure line, and drops them when the invocation ends', async () => {
    const res = await handler(apiEvent('api-req-3', { fail: true }), lambdaContext('Things', 'lambda-req-3'));
    expect(res).toMatchObject({ statusCode: 404 });
    expect(line('request failed')).toMatchObject({ level: 'WARN', correlationId: 'api-req-3', route: 'POST /things/{id}', status: 404 });

    logger.info('between invocations');
    const between = line('between invocations');
    for (const key of ['correlationId', 'correlation_id', 'apiRequestId', 'route']) expect(between).not.toHaveProperty(key);
  });

  it('never logs the event, even with POWERTOOLS_LOGGER_LOG_EVENT set', async () => {
    await handler(apiEvent('api-req-4', { passcode: '918273' }), lambdaContext('Things', 'lambda-req-4'));
    expect(line('inside the workflow')).toMatchObject({ correlationId: 'api-req-4' });
    expect(capture.lines.join('\n')).not.toContain('918273');
  });
});

describe('taskHandler logging', () => {
  const handler = taskHandler({
    input: z.strictObject({ step: z.literal('log') }),
    run: async () => {
      logger.info('inside the step');
      return { ok: true };
    },
  });

  it('uses the Lambda request id of a direct invocation as the correlation id, with no API keys', async () => {
    await expect(handler({ step: 'log' }, lambdaContext('Steps', 'task-req-1'))).resolves.toEqual({ ok: true });
    const inside = line('inside the step');
    expect(inside).toMatchObject({ function_name: 'Steps', function_request_id: 'task-req-1', correlationId: 'task-req-1' });
    expect(inside).not.toHaveProperty('apiRequestId');
    expect(inside).not.toHaveProperty('route');
  });
});
