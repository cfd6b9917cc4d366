import type { APIGatewayProxyEvent } from 'aws-lambda';
import { inputFromApiEvent, validateInput } from '../../../functions/lib/http/api-event';
import { errorToResult, MAX_RETRY_AFTER_SECONDS } from '../../../functions/lib/workflows/error-status';
import { parseRetryAfterMs } from '../../../functions/lib/webex/retry-after';
import { CreateUserInput, UpdateUserInput, UserRefInput } from '../../../functions/lib/schemas/users';
import { StateMachineStartError, ValidationError } from '../../../functions/lib/errors';
import { WebexApiError, WebexNetworkError } from '../../../functions/lib/webex/errors';

const event = (body: unknown, pathParameters: Record<string, string> | null = null, query: Record<string, string> | null = null) =>
  ({
    httpMethod: 'POST',
    requestContext: {},
    body: typeof body === 'string' ? body : body === undefined ? null : JSON.stringify(body),
    pathParameters,
    queryStringParameters: query,
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEvent;

function fieldsOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields.map((f) => f.field);
  }
  throw new Error('expected a ValidationError');
}

describe('request validation', () => {
  it('accepts a valid create request and trims fields', () => {
    expect(inputFromApiEvent(event({ email: ' ann@example.com ', firstName: 'Ann' }), CreateUserInput)).toEqual({
      email: 'ann@example.com',
      firstName: 'Ann',
    });
  });

  it.each([
    [{ email: 'not-an-email', firstName: 'A' }, ['email']],
    [{ firstName: 'A' }, ['email']],
    [{ email: 'a@example.com' }, ['displayName']],
    [{ email: 'a@example.com', firstName: 'A', nickname: 'x' }, ['nickname']],
    [{ email: 'a@example.com', firstName: 42 }, ['firstName']],
    [{ email: 'a@example.com', firstName: 'x'.repeat(65) }, ['firstName']],
    [{ email: 'a@example.com', displayName: 'bad\u0000name' }, ['displayName']],
    [{ email: 'a@example.com', displayName: '   ' }, ['displayName']],
    [{ email: ['a@example.com'], title: { x: 1 }, displayName: 'A' }, ['email', 'title']],
  ])('names each bad field of %j', (body, fields) => {
    expect(fieldsOf(() => inputFromApiEvent(event(body), CreateUserInput))).toEqual(fields);
  });

  it('rejects malformed JSON, non-object bodies and oversized bodies', () => {
    expect(fieldsOf(() => inputFromApiEvent(event('{"email":'), CreateUserInput))).toEqual(['body']);
    expect(fieldsOf(() => inputFromApiEvent(event('[1,2]'), CreateUserInput))).toEqual(['body']);
    expect(() => inputFromApiEvent(event({ email: 'a@example.com', displayName: 'x'.repeat(70_000) }), CreateUserInput)).toThrow(
      expect.objectContaining({ name: 'PayloadTooLargeError' }),
    );
  });

  it('merges and decodes path parameters; a body may not override them', () => {
    expect(inputFromApiEvent(event(undefined, { user: 'ann%40example.com' }), UserRefInput)).toEqual({ user: 'ann@example.com' });
    expect(fieldsOf(() => inputFromApiEvent(event({ user: 'other@example.com', title: 'x' }, { user: 'a@example.com' }), UpdateUserInput))).toEqual(['user']);
  });

  it('rejects unknown query parameters and bad user references', () => {
    expect(fieldsOf(() => inputFromApiEvent(event(undefined, { user: 'a@example.com' }, { debug: '1' }), UserRefInput))).toEqual(['debug']);
    expect(fieldsOf(() => inputFromApiEvent(event(undefined, { user: 'not an id!' }), UserRefInput))).toEqual(['user']);
    expect(fieldsOf(() => inputFromApiEvent(event(undefined, { user: 'bad@@example' }), UserRefInput))).toEqual(['user']);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])('names a query or body key %p like an Object.prototype member as unknown', (key) => {
    expect(fieldsOf(() => inputFromApiEvent(event(undefined, { user: 'a@example.com' }, { [key]: '1' }), UserRefInput, ['user']))).toEqual([key]);
    expect(fieldsOf(() => inputFromApiEvent(event(`{"${key}": "x", "title": "t"}`, { user: 'a@example.com' }), UpdateUserInput))).toEqual([key]);
    expect(() => inputFromApiEvent(event(`{"${key}": "x", "title": "t"}`, { user: 'a@example.com' }), UpdateUserInput)).toThrow(`${key}: unknown field`);
  });

  it('requires at least one field on update and allows null to clear department/title', () => {
    expect(fieldsOf(() => validateInput({ user: 'a@example.com' }, UpdateUserInput))).toEqual(['body']);
    expect(validateInput({ user: 'a@example.com', department: null }, UpdateUserInput)).toEqual({ user: 'a@example.com', department: null });
    expect(fieldsOf(() => validateInput({ user: 'a@example.com', displayName: null }, UpdateUserInput))).toEqual(['displayName']);
  });
});

describe('errorToResult', () => {
  const webex = (status: number, extra: object = {}) =>
    new WebexApiError({ status, method: 'GET', path: '/people', webexMessage: 'msg', trackingId: 'TRK', ...extra });

  it.each([
    [404, 404],
    [409, 409],
    [400, 422],
    [401, 502],
    [403, 502],
    [500, 502],
    [503, 502],
  ])('maps Webex %i to %i with the trackingId', (webexStatus, status) => {
    const r = errorToResult(webex(webexStatus));
    expect(r.statusCode).toBe(status);
    expect(r.body.error.trackingId).toBe('TRK');
  });

  it('passes 429 on with Retry-After', () => {
    const r = errorToResult(webex(429, { retryAfterSeconds: 42 }));
    expect(r).toMatchObject({ statusCode: 429, headers: { 'Retry-After': '42' } });
  });

  it('clamps a Retry-After Webex gave as an endless number of seconds (400 digits parse as Infinity)', () => {
    const asked = Math.ceil(parseRetryAfterMs('9'.repeat(400))! / 1000);
    expect(asked).toBe(Infinity);
    const r = errorToResult(webex(429, { retryAfterSeconds: asked }));
    expect(r).toMatchObject({ statusCode: 429, headers: { 'Retry-After': String(MAX_RETRY_AFTER_SECONDS) } });
    expect(r.body.error.retryAfterSeconds).toBe(MAX_RETRY_AFTER_SECONDS);
    expect(errorToResult(webex(423, { retryAfterSeconds: NaN })).headers).toEqual({ 'Retry-After': '60' });
  });

  it('a workflow Step Functions would not start: its status, Retry-After 5, the reason named', () => {
    const r = errorToResult(new StateMachineStartError('Could not start the Joiner workflow: ThrottlingException: slow down', 503));
    expect(r).toEqual({
      statusCode: 503,
      headers: { 'Retry-After': '5' },
      body: { error: { code: 'StateMachineStartError', message: 'Could not start the Joiner workflow: ThrottlingException: slow down' } },
    });
  });

  it('maps timeouts to 504 and connection failures to 502', () => {
    expect(errorToResult(new WebexNetworkError('timeout', 'GET', '/people')).statusCode).toBe(504);
    expect(errorToResult(new WebexNetworkError('connection', 'GET', '/people')).statusCode).toBe(502);
  });

  it('hides unexpected errors behind a generic 500', () => {
    const r = errorToResult(new Error('secret detail'));
    expect(r).toMatchObject({ statusCode: 500, body: { error: { message: 'Internal error' } } });
  });
});
