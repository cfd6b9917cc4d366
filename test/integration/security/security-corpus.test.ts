import fc from 'fast-check';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { routes } from '../../../functions/routes';
import { SIM_ACCESS_TOKEN, SIM_CLIENT_SECRET, SIM_REFRESH_TOKEN } from '../../../functions/simulator/seed';
import { startHarness, type Harness } from '../../support/harness';
import { captureLogs, type LogCapture } from '../../support/log-capture';
import { ADVERSARIAL_TEXTS, textBodies } from '../../support/adversarial-text';
import { MAX_BODY_BYTES } from '../../../functions/lib/http/api-event';
import { rawCall, type RawAnswer } from '../../support/raw-http';

/**
 * The security corpus: what an attacker probes on every route, as fixed inputs and generated
 * variants. Every answer is a 4xx naming the field (or header) at fault, never a 5xx; nothing reaches
 * Webex; no answer and no log line carries a secret; every answer is small. None is timed (speed is the
 * benches'): that no input makes a check slow is shown by counting, in regex-safety.test.ts (every pattern
 * linear) and linear-validators.test.ts (lengths refused before the text check, the text check linear).
 * POST /webex/requests has its own corpus (passthrough-corpus).
 */
const BUCKET = 'imports';
/** What the link out of the bucket points at: must never be echoed. */
const OUTSIDE_MARKER = 'root:x:0:0:outside-the-bucket';
const SECRETS = [SIM_ACCESS_TOKEN, SIM_REFRESH_TOKEN, SIM_CLIENT_SECRET, OUTSIDE_MARKER];
/** Bytes of any answer: 50 issues of clipped field names and messages fit well under it. */
const MAX_ANSWER_BYTES = 64 * 1024;
/** Characters of one log line. */
const MAX_LOG_LINE = 16 * 1024;

type Route = { id: string; method: string; path: string };
const CORPUS_ROUTES: Route[] = routes.filter((r) => r.id !== 'WebexRequest');
const withBody = CORPUS_ROUTES.filter((r) => r.method === 'POST' || r.method === 'PATCH');
const withUser = CORPUS_ROUTES.filter((r) => r.path.includes('{user}'));
const VALID_PARAMS: Record<string, string> = {
  user: 'alice.admin%40example.com',
  phoneNumber: '%2B14085550101',
  location: 'Headquarters',
  executionName: 'bulk-corpus',
};
const fill = (path: string, params: Record<string, string> = {}) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? VALID_PARAMS[name]);
/** `.` and `..` as a path segment are resolved away by URL parsing: they never reach the route as a parameter. */
const isDotSegment = (s: string) => s === '.' || s === '..';

let h: Harness;
let logs: LogCapture;
let host: string;
const covered = new Set<string>();

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'webex-prov-corpus-s3-'));
  const outside = await mkdtemp(join(tmpdir(), 'webex-prov-corpus-outside-'));
  await writeFile(join(outside, 'passwd'), `${OUTSIDE_MARKER}\n`);
  const bucket = join(root, BUCKET);
  await mkdir(join(bucket, 'joiners'), { recursive: true });
  await symlink(join(outside, 'passwd'), join(bucket, 'passwd.csv'));
  await symlink(outside, join(bucket, 'out'));
  const names = 'email,location,displayName';
  await writeFile(join(bucket, 'wide.csv'), `${names},${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',')}\n`);
  await writeFile(join(bucket, 'millions.csv'), `${names},${'a,'.repeat(2_400_000)}a\n`);
  await writeFile(join(bucket, 'long-column.csv'), `${names},${'z'.repeat(60_000)}\na@example.com,HQ,A,x\n`);
  const unknown = Array.from({ length: 22 }, (_, i) => `${'u'.repeat(2_000)}${i}`);
  await writeFile(join(bucket, 'unknown-columns.csv'), `${unknown.join(',')}\n${unknown.map(() => 'x').join(',')}\n`);
  await writeFile(join(bucket, 'wide-row.csv'), `${names}\n${'a,'.repeat(500_000)}a\n`);

  h = await startHarness({ LOCAL_OBJECT_STORE_DIR: root, BULK_IMPORTS_BUCKET: BUCKET });
  host = new URL(h.api.url).host;
  logs = captureLogs();
}, 60_000);

afterAll(async () => {
  logs?.restore();
  await h?.close();
});

function send(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const base: Record<string, string> = { host };
  if (body !== undefined) Object.assign(base, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  return rawCall(h.api.url, method, path, { ...base, ...headers }, body);
}

/**
 * One bad request: a 4xx (one of `statuses` when given) that names a field (400, and the local API's
 * 403/415/421 name the header), `field` among them when given; nothing sent to Webex; bounded in size;
 * no secret in the answer.
 */
/** The attributes a SCIM error's detail names (`userName: must be …; k1: unknown attribute`): SCIM has no field list. */
function scimFields(body: { schemas?: string[]; detail?: string } | undefined): string[] {
  if (!body?.schemas?.includes('urn:ietf:params:scim:api:messages:2.0:Error') || !body.detail) return [];
  return [...body.detail.matchAll(/(?:^|; )([^:;]+):/g)].map((m) => m[1]);
}

async function expectRefused(
  route: { id: string; method: string } | undefined,
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string>; field?: string; statuses?: number[] } = {},
): Promise<RawAnswer> {
  if (route) covered.add(route.id);
  h.sim.clearRequests();
  const res = await send(method, path, options.body, options.headers);
  const what = `${method} ${path.slice(0, 200)} ${options.body?.slice(0, 200) ?? ''} → ${res.status} ${res.text.slice(0, 300)}`;
  if (res.status < 400 || res.status >= 500 || (options.statuses && !options.statuses.includes(res.status))) throw new Error(`not refused as expected: ${what}`);
  if ([400, 403, 415, 421].includes(res.status)) {
    const fields: string[] = res.body?.error ? (res.body.error.fields ?? []).map((f: { field: string }) => f.field) : scimFields(res.body);
    if (!fields.length) throw new Error(`no field named: ${what}`);
    if (options.field && !fields.includes(options.field)) throw new Error(`${options.field} not named: ${what}`);
  }
  if (h.webexCalls().length) throw new Error(`reached Webex: ${what} (${h.webexCalls().map((c) => `${c.method} ${c.path}`).join(', ')})`);
  if (res.text.length > MAX_ANSWER_BYTES) throw new Error(`${res.text.length}-byte answer: ${what}`);
  for (const secret of SECRETS) if (res.text.includes(secret)) throw new Error(`secret in the answer: ${what}`);
  return res;
}

// Random locally (a failure prints its seed to replay); one fixed seed in CI, so a landing never depends on the draw.
const runs = (numRuns: number) => ({ numRuns, ...(process.env.CI ? { seed: 20261201 } : {}) });
const anyRoute = fc.constantFrom(...CORPUS_ROUTES);
const aBodyRoute = fc.constantFrom(...withBody);
const validBody = (route: Route) => (withBody.includes(route) ? JSON.stringify({ title: 'x' }) : undefined);

/** Characters no name may hold: C0/C1 controls (Cc), bidi and zero-width format characters (Cf), lone surrogates (Cs). */
const CC = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b'];
const CF = ['\u202e', '\u202d', '\u2066', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u061c', '\u200e'];
const CS = ['\ud800', '\udbff', '\udc00', '\udfff'];
const visibleName = fc.string({ minLength: 1, maxLength: 20, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzÅéü李 -\''.split('')) });
/** A visible name with one forbidden character inside (after trimming, so it stays inside). */
const poisonedName = (forbidden: string[]) =>
  fc.tuple(visibleName, fc.constantFrom(...forbidden), visibleName).map(([a, bad, b]) => `x${a}${bad}${b}x`);

describe('the local API refuses what a web page can send, on every route', () => {
  it('any Origin header: 403', async () => {
    await fc.assert(
      fc.asyncProperty(anyRoute, fc.oneof(fc.webUrl(), fc.constantFrom('null', 'http://127.0.0.1', 'http://localhost:3000')), async (route, origin) => {
        await expectRefused(route, route.method, fill(route.path), { body: validBody(route), headers: { origin }, field: 'Origin', statuses: [403] });
      }),
      runs(40),
    );
    await expectRefused(undefined, 'GET', '/openapi.json', { headers: { origin: 'http://evil.example' }, statuses: [403] });
  });

  it('a Host other than the loopback address and port listened on (DNS rebinding): 421', async () => {
    const port = Number(new URL(h.api.url).port);
    const otherHost = fc.oneof(
      fc.domain().map((d) => `${d}:${port}`),
      fc.domain(),
      fc.integer({ min: 1, max: 65535 }).filter((p) => p !== port).map((p) => `127.0.0.1:${p}`),
      fc.constantFrom('127.0.0.1', `0.0.0.0:${port}`, `127.0.0.2:${port}`, `localhost.evil.example:${port}`, `[::1]:${port}`),
    );
    await fc.assert(
      fc.asyncProperty(anyRoute, otherHost, async (route, name) => {
        await expectRefused(route, route.method, fill(route.path), { body: validBody(route), headers: { host: name }, field: 'Host', statuses: [421] });
      }),
      runs(40),
    );
  });

  it('a body that is not application/json (what a page may POST without a preflight): 415', async () => {
    const contentType = fc.oneof(
      fc.constantFrom('text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'text/json'),
      fc.stringMatching(/^[a-z]{1,10}\/[a-z0-9.+-]{1,20}$/).filter((t) => t !== 'application/json'),
    );
    await fc.assert(
      fc.asyncProperty(aBodyRoute, contentType, async (route, type) => {
        await expectRefused(route, route.method, fill(route.path), { body: '{"title":"x"}', headers: { 'content-type': type }, field: 'Content-Type', statuses: [415] });
      }),
      runs(40),
    );
  });
});

describe('keys named like Object.prototype members, in the query and in the body', () => {
  const protoKey = fc.constantFrom('constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'propertyIsEnumerable');

  it('a query key: 400 naming it', async () => {
    await fc.assert(
      fc.asyncProperty(anyRoute, protoKey, async (route, key) => {
        await expectRefused(route, route.method, `${fill(route.path)}?${key}=1`, { body: validBody(route), field: key, statuses: [400] });
      }),
      runs(40),
    );
  });

  it('a body key: 400', async () => {
    await fc.assert(
      fc.asyncProperty(aBodyRoute, protoKey, fc.jsonValue({ maxDepth: 2 }), async (route, key, value) => {
        const field = route.id === 'LifecycleEvents' ? undefined : key;
        await expectRefused(route, route.method, fill(route.path), { body: `{${JSON.stringify(key)}: ${JSON.stringify(value)}}`, field, statuses: [400] });
      }),
      runs(40),
    );
  });
});

describe('inputs that made answers and log lines unbounded', () => {
  it('thousands of unknown fields or query parameters: one bounded 400', async () => {
    const keys = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    for (const route of withBody) {
      const body = JSON.stringify(Object.fromEntries(keys(6_000, 'k').map((k) => [k, 0])));
      await expectRefused(route, route.method, fill(route.path), { body, statuses: [400] });
      const long = JSON.stringify(Object.fromEntries(keys(4, 'k'.repeat(15_000)).map((k) => [k, 0])));
      await expectRefused(route, route.method, fill(route.path), { body: long, statuses: [400] });
    }
    for (const route of CORPUS_ROUTES) {
      await expectRefused(route, route.method, `${fill(route.path)}?${keys(700, 'q').map((k) => `${k}=1`).join('&')}`, { body: validBody(route), statuses: [400] });
    }
  });

  it('a body over 64 KB: 413', async () => {
    for (const route of withBody) {
      await expectRefused(route, route.method, fill(route.path), { body: JSON.stringify({ title: 'x'.repeat(70_000) }), statuses: [413] });
    }
  });

  it('CSV files with huge headers, long or many unknown columns, a huge row: one bounded 400 each', async () => {
    const route = CORPUS_ROUTES.find((r) => r.id === 'StartBulkJoinersCsv')!;
    for (const [key, field] of [['wide.csv', 'header'], ['millions.csv', 'header'], ['long-column.csv', 'header.4'], ['unknown-columns.csv', 'header.1'], ['wide-row.csv', 'lines.2']]) {
      await expectRefused(route, 'POST', route.path, { body: JSON.stringify({ key }), field, statuses: [400] });
    }
  });

  it('a key that is a link out of the bucket or a folder: 404, never its content', async () => {
    const route = CORPUS_ROUTES.find((r) => r.id === 'StartBulkJoinersCsv')!;
    for (const key of ['passwd.csv', 'out/passwd', 'joiners', 'joiners/', 'out']) {
      await expectRefused(route, 'POST', route.path, { body: JSON.stringify({ key }), statuses: [404] });
    }
  });
});

describe('ids and cursors', () => {
  it('{user} that is neither an e-mail nor a Webex id (a /, ..;, %2e, CR LF): 400 naming user', async () => {
    const fixed = ['aaaaaaaa%2Ffeatures%2Fnumbers', '..%3B', '%252e%252e', 'aaaaaaaa%252e%252e', 'x%0d%0aX-Injected%3A%201', 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS8x%2F..', 'aaaa%3Daaaaaaa', `${'a'.repeat(8)}%3D%3D%3D`];
    const generated = fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((s) => !s.includes('@') && !isDotSegment(s) && !/^[A-Za-z0-9_-]{8,}={0,2}$/.test(s.trim()))
      .map(encodeURIComponent);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withUser), fc.oneof(fc.constantFrom(...fixed), generated), async (route, user) => {
        await expectRefused(route, route.method, fill(route.path, { user }), { body: validBody(route), field: 'user', statuses: [400] });
      }),
      runs(60),
    );
  });

  it('{executionName} and {phoneNumber} outside their patterns: 400 naming them', async () => {
    const bulk = CORPUS_ROUTES.find((r) => r.id === 'GetBulkJoiners')!;
    const unassign = CORPUS_ROUTES.find((r) => r.id === 'UnassignNumber')!;
    const junk = fc.string({ minLength: 1, maxLength: 70 }).filter((s) => !isDotSegment(s)).map(encodeURIComponent);
    await fc.assert(
      fc.asyncProperty(junk.filter((s) => !/^bulk-[A-Za-z0-9_-]{1,62}$/.test(decodeURIComponent(s))), async (executionName) => {
        await expectRefused(bulk, 'GET', fill(bulk.path, { executionName }), { field: 'executionName', statuses: [400] });
      }),
      runs(30),
    );
    await fc.assert(
      fc.asyncProperty(junk.filter((s) => !/^\+[1-9]\d{6,14}$/.test(decodeURIComponent(s).trim())), async (phoneNumber) => {
        await expectRefused(unassign, 'DELETE', fill(unassign.path, { phoneNumber }), { field: 'phoneNumber', statuses: [400] });
      }),
      runs(30),
    );
  });

  it('GET /numbers with a cursor decoding to any JSON but ours (null, arrays, huge or fractional offsets): 400 naming cursor', async () => {
    const route = CORPUS_ROUTES.find((r) => r.id === 'ListNumbers')!;
    const forged = fc.oneof(
      fc.jsonValue(),
      fc.record({ s: fc.oneof(fc.double(), fc.constant(1e400), fc.integer({ max: -1 }), fc.string()), f: fc.string() }),
      fc.constantFrom(null, [], 'null', { s: 0 }, { f: 'x' }),
    );
    await fc.assert(
      fc.asyncProperty(forged, async (value) => {
        const cursor = Buffer.from(JSON.stringify(value) ?? 'undefined', 'utf8').toString('base64url');
        await expectRefused(route, 'GET', `/numbers?cursor=${cursor}`, { field: 'cursor', statuses: [400] });
      }),
      runs(60),
    );
    await expectRefused(route, 'GET', '/numbers?cursor=bnVsbA', { field: 'cursor', statuses: [400] });
  });
});

describe('names with invisible, bidi or ill-formed characters', () => {
  const joiner = { email: 'corpus.joiner@example.com', displayName: 'Corpus Joiner', location: 'Headquarters' };
  /** Each route's name fields: the body with `name` in that field, and the field the 400 names. */
  const cases: { id: string; field: string; body: (name: string) => unknown }[] = [
    ...['firstName', 'lastName', 'displayName', 'department', 'title'].map((f) => ({ id: 'CreateUser' as const, field: f, body: (n: string) => ({ email: 'corpus@example.com', displayName: 'Corpus', [f]: n }) })),
    ...['firstName', 'lastName', 'displayName', 'department', 'title'].map((f) => ({ id: 'UpdateUser' as const, field: f, body: (n: string) => ({ [f]: n }) })),
    ...['location', 'license'].map((f) => ({ id: 'EnableCalling' as const, field: f, body: (n: string) => ({ location: 'Headquarters', extension: '4321', [f]: n }) })),
    ...['displayName', 'department', 'location', 'license'].map((f) => ({ id: 'StartBulkJoiners' as const, field: `users.0.${f}`, body: (n: string) => ({ users: [{ ...joiner, [f]: n }] }) })),
    ...['displayName', 'title', 'location'].map((f) => ({
      id: 'LifecycleEvents' as const,
      field: `detail.${f}`,
      body: (n: string) => ({ id: 'corpus-1', source: 'hr.example', 'detail-type': 'Webex User Joined', detail: { ...joiner, [f]: n } }),
    })),
  ];

  it('in a JSON body (lone surrogates too): 400 naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), poisonedName([...CC, ...CF, ...CS]), async (c, name) => {
        const route = CORPUS_ROUTES.find((r) => r.id === c.id)!;
        await expectRefused(route, route.method, fill(route.path), { body: JSON.stringify(c.body(name)), field: c.field, statuses: [400] });
      }),
      runs(80),
    );
  });

  it('long adversarial runs (combining marks, joiners, variation selectors, bidi controls) filling a 64 KB body: 400 naming the field, as fast as any small bad request', async () => {
    const route = CORPUS_ROUTES.find((r) => r.id === 'CreateUser')!;
    for (const [corpus, make] of Object.entries(ADVERSARIAL_TEXTS)) {
      for (const field of ['firstName', 'department', 'title']) {
        const [body] = textBodies(corpus, (n) => make(n), MAX_BODY_BYTES - 64);
        const name = JSON.parse(body.body).firstName as string;
        await expectRefused(route, 'POST', route.path, { body: JSON.stringify({ email: 'corpus@example.com', displayName: 'Corpus', [field]: name }), field, statuses: [400] });
      }
    }
  });

  it('in {location} and ?location=: 400 naming location', async () => {
    const add = CORPUS_ROUTES.find((r) => r.id === 'AddLocationNumbers')!;
    const list = CORPUS_ROUTES.find((r) => r.id === 'ListNumbers')!;
    await fc.assert(
      fc.asyncProperty(poisonedName([...CC, ...CF]), async (name) => {
        const location = encodeURIComponent(name);
        await expectRefused(add, 'POST', fill(add.path, { location }), { body: JSON.stringify({ phoneNumbers: ['+14085550199'] }), field: 'location', statuses: [400] });
        await expectRefused(list, 'GET', `/numbers?location=${location}`, { field: 'location', statuses: [400] });
      }),
      runs(30),
    );
  });
});

describe('over the whole corpus', () => {
  it('covered every route but POST /webex/requests', () => {
    expect([...covered].sort()).toEqual(CORPUS_ROUTES.map((r) => r.id).sort());
  });

  it('wrote no secret and no unbounded line to the logs', () => {
    expect(logs.lines.length).toBeGreaterThan(10);
    const all = logs.lines.join('\n');
    for (const secret of SECRETS) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/bearer\s+[A-Za-z0-9._~+/-]{6,}/i);
    const longest = Math.max(...logs.lines.map((l) => l.length));
    expect(longest).toBeLessThanOrEqual(MAX_LOG_LINE);
  });
});

describe('safeguards a request cannot switch off', () => {
  const createPlan = CORPUS_ROUTES.find((r) => r.id === 'CreateReconcilePlan')!;
  const applyRoute = CORPUS_ROUTES.find((r) => r.id === 'ApplyReconcilePlan')!;
  const users = [{ email: 'a@example.com', displayName: 'A', location: 'Headquarters' }];
  const scope = { emailDomains: ['example.com'] };

  it('thresholds above the deployment\'s (the default 10 % and 50 here): 400 naming thresholds.<field>, nothing started', async () => {
    const loosen = fc.oneof(
      fc.record({ maxLeaverPercent: fc.double({ min: 10.000001, max: 100, noNaN: true }) }),
      fc.record({ maxLeavers: fc.integer({ min: 51, max: 2 ** 31 }) }),
      fc.constant({ maxLeaverPercent: 100, maxLeavers: 1_000_000 }),
    );
    await fc.assert(
      fc.asyncProperty(loosen, async (thresholds) => {
        const field = `thresholds.${Object.keys(thresholds)[0]}`;
        await expectRefused(createPlan, 'POST', '/reconcile/plans', { body: JSON.stringify({ users, scope, leaverPolicy: 'delete', thresholds }), field, statuses: [400] });
      }),
      runs(20),
    );
    expect(h.runtime.executions.list('ReconcilePlan')).toEqual([]);
  });

  it('two roster rows with one number: 400 naming the second row', async () => {
    const shared = [
      { ...users[0], phoneNumber: '+14085550101' },
      { email: 'b@example.com', displayName: 'B', location: 'Headquarters', phoneNumber: '+14085550101' },
    ];
    await expectRefused(createPlan, 'POST', '/reconcile/plans', { body: JSON.stringify({ users: shared, scope }), field: 'users.1.phoneNumber', statuses: [400] });
  });

  it('a confirm that is neither a count nor a digest: 400 naming confirm; a digest for no plan: 404', async () => {
    const path = fill(applyRoute.path, { id: '00000000-0000-4000-8000-00000000dead' });
    for (const confirm of ['sha256:xyz', `sha1:${'a'.repeat(40)}`, `SHA256:${'a'.repeat(64)}`, `sha256:${'a'.repeat(63)}`, '12', -1, 1.5]) {
      await expectRefused(applyRoute, 'POST', path, { body: JSON.stringify({ confirm }), field: 'confirm', statuses: [400] });
    }
    await expectRefused(applyRoute, 'POST', path, { body: JSON.stringify({ confirm: `sha256:${'a'.repeat(64)}` }), statuses: [404] });
  });
});
