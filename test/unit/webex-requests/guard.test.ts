import { ValidationError } from '../../../functions/lib/errors';
import { allOperations, type Operation } from '../../../functions/lib/webex-spec/operations';
import { checkWebexRequest, DEFAULT_ALLOWED_PREFIXES, WebexRequestInput, type GuardOptions } from '../../../functions/lib/workflows/webex-requests/guard';
import { redactPersonalData } from '../../../functions/lib/workflows/webex-requests/redact';
import { sampleRequest } from '../../support/sample-request';

const operations = allOperations();

const check = (input: Partial<WebexRequestInput>, prefixes = DEFAULT_ALLOWED_PREFIXES, options?: GuardOptions) =>
  checkWebexRequest({ method: 'GET', path: '/people', ...input } as WebexRequestInput, prefixes, options);

function issues(input: Partial<WebexRequestInput>, prefixes?: readonly string[], options?: GuardOptions) {
  try {
    check(input, prefixes, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields;
  }
  throw new Error('expected the guard to refuse');
}

describe('checkWebexRequest', () => {
  it('accepts documented operations and finds the most specific template', () => {
    expect(check({ query: { email: 'a@example.com', callingData: 'true', max: 10 } }).operation.path).toBe('/people');
    expect(check({ path: '/people/abc123' }).operation.path).toBe('/people/{personId}');
    expect(check({ path: '/telephony/config/queues' }).operation.path).toBe('/telephony/config/queues');
    expect(check({ path: '/telephony/config/workspaces/availableNumbers' }).operation.path).toBe('/telephony/config/workspaces/availableNumbers');
    expect(check({ path: '/workspaces/Y2lzY29zcGFyaw/features/callForwarding' }).operation.path).toBe('/workspaces/{workspaceId}/features/callForwarding');
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

  it('accepts the trailing / Cisco\'s documents spell on three operations, and gives the path to send without it (as wxc_sdk sends it)', () => {
    const slashed = operations.filter((op) => op.documentedTrailingSlash);
    expect(slashed.map((op) => `${op.method} ${op.path}`).sort()).toEqual([
      'DELETE /telephony/config/locations/{locationId}/dectNetworks/{dectNetworkId}/handsets',
      'POST /telephony/config/operatingModes',
      'PUT /telephony/config/virtualExtensionRanges/{extensionRangeId}',
    ]);
    for (const op of slashed) {
      const sample = sampleRequest(op);
      expect(check({ ...sample, path: `${sample.path}/` })).toMatchObject({ path: sample.path, operation: { method: op.method, path: op.path } });
      // Without the slash too, sent as given.
      expect(check(sample).path).toBe(sample.path);
      // Two are an empty segment.
      expect(issues({ ...sample, path: `${sample.path}//` })[0].message).toMatch(/empty/);
    }
    // Elsewhere a trailing / is not Cisco's spelling: refused, naming the operation.
    expect(issues({ path: '/people/' })[0]).toEqual({ field: 'path', message: "must not end in / (Cisco's documents spell GET /people without it)" });
    expect(issues({ method: 'GET', path: '/telephony/config/operatingModes/' })[0].message).toMatch(/must not end in \//);
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
    expect(issues({ method: 'PUT', path: '/people/abc', body: { title: 'x' } })).toEqual([
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

describe('checkWebexRequest, hardened against hostile input', () => {
  it('refuses fields the operation does not declare, at any depth, and keeps schemas without properties open', () => {
    expect(issues({ method: 'POST', path: '/people', body: { emails: ['a@example.com'], displayName: 'A', isAdmin: true } })).toEqual([
      { field: 'body.isAdmin', message: "is not a field of POST /people in Cisco's documents" },
    ]);
    const fields = issues({ method: 'PUT', path: '/telephony/config/people/abc/numbers', body: { phoneNumbers: [{ action: 'ADD', directNumber: '+14085550111', primary: false, owner: 'x' }] } });
    expect(fields.map((f) => f.field)).toEqual(['body.phoneNumbers.0.owner']);
    const open = operations.find((op) => op.body && !Object.keys(op.body.schema.properties ?? {}).length && !op.body.schema.required?.length)!;
    expect(check({ method: open.method as WebexRequestInput['method'], path: filled(open), body: { anything: 1 } }).operation.path).toBe(open.path);
  });

  it('lists at most 26 issues, however many fields are wrong', () => {
    const body = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`unknown${i}`, i]));
    const fields = issues({ method: 'PUT', path: '/people/abc', body: { displayName: 'A', ...body } });
    expect(fields).toHaveLength(26);
    expect(fields[25].message).toBe('and 4975 more issues');
  });

  it('refuses privilege-changing fields unless the deployment allows them', () => {
    const create = { method: 'POST' as const, path: '/people', body: { emails: ['a@example.com'], displayName: 'A', roles: ['id_full_admin'] } };
    expect(issues(create)).toEqual([{ field: 'body.roles', message: expect.stringMatching(/changes privileges/) }]);
    const update = { method: 'PUT' as const, path: '/people/abc', body: { displayName: 'A', emails: ['other@example.com'] } };
    expect(issues(update).map((i) => i.field)).toEqual(['body.emails']);
    expect(check(create, DEFAULT_ALLOWED_PREFIXES, { allowPrivilegeFields: true }).operation.path).toBe('/people');
    expect(check(update, DEFAULT_ALLOWED_PREFIXES, { allowPrivilegeFields: true }).operation.path).toBe('/people/{personId}');
  });

  it('refuses query keys named like Object.prototype members with a 400, not a crash', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf']) {
      expect(issues({ query: { [name]: 'x' } })).toEqual([{ field: `query.${name}`, message: 'is not a parameter of GET /people' }]);
    }
  });

  it('refuses a top-level __proto__ in query or body instead of dropping it', () => {
    for (const where of ['query', 'body']) {
      const parsed = WebexRequestInput.safeParse(JSON.parse(`{"method":"POST","path":"/people","${where}":{"__proto__":{"x":1}}}`));
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues.map((i) => i.path.join('.'))).toContain(`${where}.__proto__`);
    }
  });

  it('sends query values as validated: numbers only in plain decimal', () => {
    expect(check({ query: { max: '5' } }).query).toEqual({ max: 5 });
    expect(check({ path: '/telephony/config/numbers', query: { available: 'true' } }).query).toEqual({ available: true });
    for (const max of [' 5', '0x10', 'Infinity', '1e3', '5 ', '']) expect(issues({ query: { max } })[0].field).toBe('query.max');
  });

  it.each(['..;', '%252e%252e', 'x%0d%0aHost:evil', 'a;b', 'a.b', 'a%20b', 'a+b', 'abc=def'])('refuses %p filling a path parameter', (value) => {
    const [issue] = issues({ path: `/people/${value}` });
    expect(issue.field).toBe('path');
  });

  it('accepts ids, padded ids, phone numbers and file names where the parameter is one', () => {
    expect(check({ path: '/people/Y2lzY29zcGFyazovL3VzL1BFT1BMRS9hYmM=' }).operation.path).toBe('/people/{personId}');
    expect(check({ method: 'PUT', path: '/telephony/pstn/numbers/%2B14085550101/emergencyAddress', body: {} }).operation.path).toBe('/telephony/pstn/numbers/{phoneNumber}/emergencyAddress');
    expect(check({ method: 'DELETE', path: '/telephony/config/locations/L1/queues/Q1/announcements/greeting.wav' }).operation.path).toMatch(/\{fileName\}$/);
    expect(issues({ method: 'DELETE', path: '/telephony/config/locations/L1/queues/Q1/announcements/.hidden' })[0].field).toBe('path');
  });

  it('refuses bodies nested deeper than 32 levels, strings over 8192 characters and numbers JSON cannot carry', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 3000; i++) deep = { displayName: deep };
    expect(issues({ method: 'PUT', path: '/people/abc', body: deep as Record<string, unknown> })[0]).toMatchObject({ field: expect.stringMatching(/^body\./), message: /deeper than 32/ });
    expect(issues({ method: 'PUT', path: '/people/abc', body: { displayName: `${'a'.repeat(60_000)}@a` } })[0]).toMatchObject({ field: 'body.displayName' });
    expect(issues({ method: 'PUT', path: '/people/abc', body: { displayName: 'A', extension: Infinity as unknown as string } })[0]).toMatchObject({ field: 'body.extension', message: /finite/ });
  });

  it('refuses all: true on a GET that answers no list, before anything is sent', () => {
    expect(issues({ path: '/people/abc', all: true })).toEqual([{ field: 'all', message: expect.stringMatching(/not a list/) }]);
    expect(check({ path: '/telephony/config/queues', all: true }).operation.listKey).toBe('queues');
    expect(issues({ path: '/people', cursor: 'abc' })[0].field).toBe('cursor');
  });
});

/** `op.path` with its parameters filled by values of their form. */
function filled(op: Operation): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'phoneNumber' ? '%2B14085550101' : name === 'fileName' ? 'greeting.wav' : `Y2lzY29${name}`));
}

describe('every generated operation', () => {
  it('is reachable: a dry run with its path filled is never refused for path or method', () => {
    for (const op of operations) {
      const input = { method: op.method as WebexRequestInput['method'], path: filled(op) };
      try {
        expect(check(input).operation).toBe(op);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        for (const f of error.fields) expect(`${op.method} ${op.path} ${f.field}`).toMatch(/ (body|query\.\w+)(\.|$)/);
      }
    }
  });

  it('is accepted, all 766 of them, with its required query and a smallest valid body', () => {
    const refused = operations.filter((op) => {
      try {
        return check(sampleRequest(op)).operation !== op;
      } catch {
        return true;
      }
    });
    expect(refused.map((op) => `${op.method} ${op.path}`)).toEqual([]);
    expect(operations).toHaveLength(766);
  });

  it('refuses a body missing a required field, naming it', () => {
    const requiring = operations.filter((op) => op.body?.schema.required?.length);
    expect(requiring.length).toBeGreaterThan(100);
    for (const op of requiring) {
      const fields = issues({ method: op.method as WebexRequestInput['method'], path: filled(op), body: {} }).map((i) => i.field);
      expect(fields).toEqual(expect.arrayContaining(op.body!.schema.required!.map((name) => `body.${name}`)));
    }
  });

  it('leaves out the …/me… paths, which a Service App cannot call', () => {
    expect(operations.filter((op) => op.path.split('/').includes('me'))).toEqual([]);
    // Nor through a template's {personId}: GET /people/me would otherwise match /people/{personId}.
    for (const path of ['/people/me', '/people/ME', '/telephony/config/people/me/musicOnHold']) {
      expect(issues({ path })).toEqual([expect.objectContaining({ field: 'path', message: expect.stringMatching(/"me"/) })]);
    }
  });
});

describe('redactPersonalData', () => {
  it('replaces secrets by key: passcodes, access codes, PINs, passwords, tokens', () => {
    expect(
      redactPersonalData({ passcode: '135791', code: '4321', description: 'lobby', deleteCodes: ['1111', '2222'], voicemailPin: '0000', accessToken: 't', nested: [{ password: 'p' }] }),
    ).toEqual({
      passcode: '[redacted-secret]',
      code: '[redacted-secret]',
      description: 'lobby',
      deleteCodes: '[redacted-secret]',
      voicemailPin: '[redacted-secret]',
      accessToken: '[redacted-secret]',
      nested: [{ password: '[redacted-secret]' }],
    });
  });

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
