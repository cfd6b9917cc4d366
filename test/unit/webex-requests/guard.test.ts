import { ValidationError } from '../../../functions/lib/errors';
import { buildOperations } from '../../../functions/lib/webex-spec/generate';
import spec from '../../../functions/lib/webex-spec/operations.json';
import { checkWebexRequest, DEFAULT_ALLOWED_PREFIXES, type WebexRequestInput } from '../../../functions/lib/workflows/webex-requests/guard';
import { redactPersonalData } from '../../../functions/lib/workflows/webex-requests/redact';
import { OPENAPI_DIR } from '../../support/openapi-validator';

const check = (input: Partial<WebexRequestInput>, prefixes = DEFAULT_ALLOWED_PREFIXES) =>
  checkWebexRequest({ method: 'GET', path: '/people', ...input } as WebexRequestInput, prefixes);

function issues(input: Partial<WebexRequestInput>, prefixes?: string[]) {
  try {
    check(input, prefixes);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields;
  }
  throw new Error('expected the guard to refuse');
}

describe('checkWebexRequest', () => {
  it('accepts documented operations and finds the most specific template', () => {
    expect(check({ query: { email: 'a@example.com', callingData: 'true', max: 10 } }).operation.path).toBe('/people');
    expect(check({ path: '/people/me' }).operation.path).toBe('/people/me');
    expect(check({ path: '/people/abc123' }).operation.path).toBe('/people/{personId}');
    expect(check({ method: 'PUT', path: '/telephony/config/people/abc/numbers', body: { phoneNumbers: [{ action: 'ADD', directNumber: '+14085550111', primary: false }] } }).operation.path).toBe(
      '/telephony/config/people/{personId}/numbers',
    );
  });

  it.each([
    ['https://evil.example/v1/people', /absolute URL|single \//],
    ['//evil.example/people', /single \//],
    ['people', /starting with/],
    ['/people/../organizations', /\.\. segments/],
    ['/people/%2e%2e/organizations', /encoded/],
    ['/people/a%2Fb', /encoded/],
    ['/people?email=x', /put parameters in query/],
    ['/people/a\\b', /backslashes/],
    ['/people//x', /empty/],
  ])('refuses the path %p', (path, message) => {
    const [issue] = issues({ path });
    expect(issue.field).toBe('path');
    expect(issue.message).toMatch(message);
  });

  it('refuses paths outside the allow-list, and honours a narrower one', () => {
    expect(issues({ path: '/organizations' })[0].message).toMatch(/must be under/);
    expect(issues({ path: '/telephony/config/numbers' }, ['/people'])[0].message).toMatch(/must be under one of \/people$/);
    expect(issues({ path: '/peoplex' })[0].field).toBe('path');
  });

  it('refuses operations the specs do not define, naming the allowed methods', () => {
    expect(issues({ path: '/people/abc/unknown' })[0].message).toMatch(/not an operation/);
    const [issue] = issues({ method: 'PATCH', path: '/people/abc' });
    expect(issue).toEqual({ field: 'method', message: 'PATCH is not defined for /people/{personId} (allowed: GET, PUT, DELETE)' });
  });

  it('checks query parameters against the operation', () => {
    expect(issues({ query: { emial: 'x' } })).toEqual([{ field: 'query.emial', message: 'is not a parameter of GET /people' }]);
    expect(issues({ query: { max: 'ten' } })[0].field).toBe('query.max');
    expect(issues({ path: '/telephony/config/numbers', query: { available: 'maybe' } })[0].field).toBe('query.available');
  });

  it('checks bodies against the operation schema, naming the field', () => {
    expect(issues({ method: 'PUT', path: '/people/abc', body: { emails: ['a@example.com'] } })).toEqual([
      { field: 'body.displayName', message: "must have required property 'displayName'" },
    ]);
    const fields = issues({ method: 'PUT', path: '/telephony/config/people/abc/numbers', body: { phoneNumbers: [{ action: 'ADD', external: '+1408' }] } }).map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['body.phoneNumbers.0.directNumber', 'body.phoneNumbers.0.primary']));
    expect(issues({ method: 'POST', path: '/people' })[0]).toMatchObject({ field: 'body' });
    expect(issues({ method: 'DELETE', path: '/people/abc', body: { x: 1 } })[0]).toMatchObject({ field: 'body', message: /takes no body/ });
  });

  it('allows all only on GET', () => {
    expect(issues({ method: 'DELETE', path: '/people/abc', all: true })[0].field).toBe('all');
  });
});

describe('redactPersonalData', () => {
  it('replaces personal fields and anything shaped like an e-mail or a number', () => {
    expect(
      redactPersonalData({
        emails: ['a@example.com'],
        displayName: 'Ann',
        licenses: ['L1'],
        phoneNumbers: [{ type: 'work', value: '+14085550101' }],
        note: 'call ann@example.com on +1 408 555 0101',
        enabled: true,
      }),
    ).toEqual({
      emails: '[redacted]',
      displayName: '[redacted]',
      licenses: ['L1'],
      phoneNumbers: '[redacted]',
      note: 'call [redacted-email] on [redacted-number]',
      enabled: true,
    });
  });
});

describe('operations.json', () => {
  it("is what generate.ts builds from Cisco's OpenAPI documents (regenerate it when they change)", () => {
    expect(buildOperations(OPENAPI_DIR)).toEqual((spec as { operations: unknown[] }).operations);
  });
});
