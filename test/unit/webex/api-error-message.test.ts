import fc from 'fast-check';
import { WebexApiError } from '../../../functions/lib/webex/errors';

// What `webexMessage` returned when it stripped the prefix with a pattern: it must return the same for every error
// the client makes (a method, and a path as a URL's pathname: no white space).
const byPattern = (message: string) => message.replace(/^Webex \S+ \S+ failed with \d+: /, '');

describe("WebexApiError's webexMessage", () => {
  it("is Webex's words without our prefix, or the detail's, or HTTP <status>", () => {
    expect(new WebexApiError({ status: 409, method: 'POST', path: '/people', webexMessage: 'User already exists' }).webexMessage).toBe('User already exists');
    expect(new WebexApiError({ status: 400, method: 'PUT', path: '/people/ab', details: [{ description: 'bad' }] }).webexMessage).toBe('bad');
    expect(new WebexApiError({ status: 502, method: 'GET', path: '/licenses' }).webexMessage).toBe('HTTP 502');
  });

  it('keeps a message that repeats the prefix, and one whose message was replaced, as the pattern did', () => {
    const said = 'Webex GET /people failed with 500: inner';
    expect(new WebexApiError({ status: 500, method: 'GET', path: '/people', webexMessage: said }).webexMessage).toBe(said);
    const replaced = new WebexApiError({ status: 500, method: 'GET', path: '/people' });
    replaced.message = 'something else';
    expect(replaced.webexMessage).toBe(byPattern(replaced.message));
  });

  it('equals the pattern-stripped message for any method, pathname, status and text', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9%._~{}-]{0,12}$/);
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 100, max: 599 }),
        fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
        (method, segments, status, webexMessage) => {
          const error = new WebexApiError({ status, method, path: `/${segments.join('/')}`, webexMessage });
          expect(error.webexMessage).toBe(byPattern(error.message));
        },
      ),
      { numRuns: 2_000, seed: 20_261_207 },
    );
  });
});
