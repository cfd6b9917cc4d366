// First: sets what Powertools reads as its modules load (imports run before this file's own statements).
import './on-demand-lambda-env';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as z from 'zod';
import { workflowHandler } from '../../../functions/lib/http/api-handler';
import { SCIM_PROTOCOL } from '../../../functions/lib/http/scim-protocol';
import { lambdaContext } from '../../../functions/lib/runtime/lambda-context';
import { captureLogs, type LogCapture } from '../../support/log-capture';

// A route whose function reaches its time limit (a call with no timeout of its own hangs) answers 504 in the API's
// own error form, before Lambda's timeout would leave API Gateway to answer a bare 502.
let capture: LogCapture;
beforeEach(() => {
  capture = captureLogs();
});
afterEach(() => capture.restore());

const hangs = () => new Promise<never>(() => undefined);
const apiEvent = (resource: string): APIGatewayProxyEvent =>
  ({
    httpMethod: 'POST', resource, path: resource, requestContext: { requestId: 'api-req-1' }, pathParameters: null,
    queryStringParameters: null, headers: { 'content-type': 'application/json' }, body: '{}', isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEvent;
const logLines = () => capture.lines.flatMap((c) => c.split('\n')).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('a route at its time limit', () => {
  const handler = workflowHandler({ input: z.strictObject({}), run: hangs });

  it('answers 504 InvocationTimeoutError, telling the caller to read before sending again, and logs the failure', async () => {
    const answer = (await handler(apiEvent('/things'), lambdaContext('Things', 'lambda-req-1', 60))) as { statusCode: number; headers: Record<string, string>; body: string };
    expect(answer.statusCode).toBe(504);
    expect(answer.headers['Content-Type']).toBe('application/json');
    const { error } = JSON.parse(answer.body) as { error: { code: string; message: string } };
    expect(error.code).toBe('InvocationTimeoutError');
    expect(error.message).toMatch(/read the resource before sending the request again/);
    const failed = logLines().filter((l) => l.message === 'request failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: 'ERROR', status: 504, route: 'POST /things', error: { name: 'TimeoutError' } });
  });

  it('answers a protocol route in its own error form (SCIM)', async () => {
    const scim = workflowHandler({ input: z.strictObject({}), run: hangs, errorResult: SCIM_PROTOCOL.toErrorResult, mediaType: SCIM_PROTOCOL.mediaType });
    const answer = (await scim(apiEvent('/scim/v2/Users'), lambdaContext('Scim', 'lambda-req-2', 60))) as { statusCode: number; body: string };
    expect(answer.statusCode).toBe(504);
    expect(JSON.parse(answer.body)).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '504' });
  });

  it('leaves a direct invocation its error: its invoker decides', async () => {
    await expect(handler({}, lambdaContext('Things', 'lambda-req-3', 60))).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});
