import { ValidationError } from '../../../functions/lib/errors';
import { WebexApiError, WebexNetworkError, isTransientWebexError, isWebexFault } from '../../../functions/lib/webex/errors';

const api = (status: number) => new WebexApiError({ status, method: 'PUT', path: '/people/P1' });

describe('which Webex errors are transient: declared once (webex/errors.ts)', () => {
  it.each([
    ['a dropped connection', new WebexNetworkError('connection', 'PUT', '/people/P1'), true, true],
    ['a timeout', new WebexNetworkError('timeout', 'PUT', '/people/P1'), true, true],
    ['500', api(500), true, true],
    ['503', api(503), true, true],
    ['429', api(429), false, true],
    ['423 Locked', api(423), false, true],
    ['400', api(400), false, false],
    ['404', api(404), false, false],
    ['409', api(409), false, false],
    ['not a Webex error', new ValidationError([{ field: 'x', message: 'bad' }]), false, false],
  ])('%s: a Webex fault %s, transient %s', (_, error, fault, transient) => {
    expect(isWebexFault(error)).toBe(fault);
    expect(isTransientWebexError(error)).toBe(transient);
  });
});
