import { ValidationError } from '../../../functions/lib/errors';
import { StepError, errorDetailFromCause, runStep, toStepError } from '../../../functions/lib/workflows/step-error';
import { NumberTakenError } from '../../../functions/lib/workflows/numbers/errors';
import { WebexApiError, WebexNetworkError } from '../../../functions/lib/webex/errors';

/** What Step Functions puts in a Catch's Cause for a Lambda error: the function's error payload as JSON. */
const lambdaCause = (error: Error) => JSON.stringify({ errorType: error.name, errorMessage: error.message, trace: [] });

describe('StepError: errors across the Lambda boundary', () => {
  it('keeps the stable name and carries status, trackingId and the wait Webex asked for', () => {
    const e = toStepError(new WebexApiError({ status: 429, method: 'GET', path: '/licenses', trackingId: 'T1', retryAfterSeconds: 7 }));
    expect(e.name).toBe('WebexRateLimitedError');
    expect(JSON.parse(e.message)).toMatchObject({ code: 'WebexRateLimitedError', httpStatus: 429, trackingId: 'T1', retryAfterSeconds: 7 });
  });

  it('waits 5 s when Webex sent no readable Retry-After', () => {
    const e = toStepError(new WebexApiError({ status: 429, method: 'GET', path: '/licenses' }));
    expect(JSON.parse(e.message).retryAfterSeconds).toBe(5);
  });

  it.each([
    [new NumberTakenError('taken'), 'NumberTakenError', 409],
    [new ValidationError([{ field: 'state.request.user', message: 'bad' }]), 'ValidationError', 400],
    [new WebexNetworkError('timeout', 'GET', '/people'), 'WebexNetworkError', 504],
    [new WebexApiError({ status: 503, method: 'GET', path: '/people' }), 'WebexServerError', 502],
  ])('round-trips %s through a Catch cause', (error, name, status) => {
    const wire = toStepError(error);
    expect(wire.name).toBe(name);
    expect(errorDetailFromCause(wire.name, lambdaCause(wire))).toMatchObject({ code: name, httpStatus: status });
  });

  it('gives errors that are not ours a status from their name', () => {
    expect(errorDetailFromCause('States.Timeout', undefined)).toMatchObject({ httpStatus: 504 });
    expect(errorDetailFromCause('Lambda.Unknown', '{"errorMessage":"crashed"}')).toMatchObject({ httpStatus: 502, message: 'crashed' });
    expect(errorDetailFromCause('TypeError', 'x is undefined')).toMatchObject({ httpStatus: 500, message: 'x is undefined' });
  });
});

describe('runStep: the one wrapper of the calling and lifecycle steps', () => {
  it('keeps the original error as the StepError\'s cause, in this process only', () => {
    const original = new WebexApiError({ status: 503, method: 'GET', path: '/people', trackingId: 'T9' });
    const wire = toStepError(original);
    expect(wire.cause).toBe(original);
    expect(JSON.parse(wire.message)).not.toHaveProperty('cause');
  });

  it('passes a result through and rethrows a failure as a StepError, after the step\'s own adjustment', async () => {
    await expect(runStep('s', { workflow: 'test' }, () => 42)).resolves.toBe(42);
    const failure = runStep('s', { workflow: 'test', levelByStatus: true }, async () => {
      throw new WebexApiError({ status: 429, method: 'GET', path: '/licenses', retryAfterSeconds: 3 });
    }, (wire) => Object.assign(wire, { message: JSON.stringify({ ...wire.detail, deadlineReached: true }) }));
    const error = await failure.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepError);
    expect(error).toMatchObject({ name: 'WebexRateLimitedError', cause: expect.any(WebexApiError) });
    expect(JSON.parse((error as Error).message)).toMatchObject({ httpStatus: 429, retryAfterSeconds: 3, deadlineReached: true });
  });
});
