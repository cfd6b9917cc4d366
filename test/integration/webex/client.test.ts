import { gzipSync } from 'node:zlib';
import { WebexClient, type WebexClientOptions } from '../../../functions/lib/webex/client';
import * as z from 'zod';
import { errorToResult } from '../../../functions/lib/workflows/error-status';
import { WebexApiError, WebexNetworkError, WebexResponseShapeError } from '../../../functions/lib/webex/errors';
import type { TokenProvider } from '../../../functions/lib/webex/token-provider';
import { closedPort, startScriptedServer, type ScriptedReply, type ScriptedServer } from '../../support/scripted-http-server';

// The client's real transport (node:http) against a loopback server that answers from a script.
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const json = (status: number, body: unknown, headers: Record<string, string> = {}): ScriptedReply => ({ status, body, headers });

class Tokens implements TokenProvider {
  reads = 0;
  invalidations = 0;
  constructor(private readonly sequence: string[]) {}
  async getAccessToken() {
    return this.sequence[Math.min(this.reads++, this.sequence.length - 1)];
  }
  invalidate() {
    this.invalidations++;
  }
}

function client(replies: ScriptedReply[], options: Partial<WebexClientOptions> = {}) {
  server.script(replies);
  const sleeps: number[] = [];
  const tokens = new Tokens(['token-one', 'token-two']);
  const logs: unknown[] = [];
  const sink = { debug: (...a: unknown[]) => logs.push(a), info: (...a: unknown[]) => logs.push(a), warn: (...a: unknown[]) => logs.push(a), error: (...a: unknown[]) => logs.push(a) };
  const c = new WebexClient({
    baseUrl: `${server.url}/v1`,
    tokenProvider: tokens,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    logger: sink,
    ...options,
  });
  return { c, calls: server.requests, sleeps, tokens, logs };
}

describe('WebexClient', () => {
  it('sends the bearer token, a TrackingID and query parameters to the base URL', async () => {
    const { c, calls } = client([json(200, { items: [] })]);
    const res = await c.get('/people', { query: { email: 'a@example.com', callingData: true, max: undefined } });
    expect(res.status).toBe(200);
    expect(calls[0].url).toBe('/v1/people?email=a%40example.com&callingData=true');
    expect(calls[0].headers.authorization).toBe('Bearer token-one');
    expect(calls[0].headers.trackingid).toMatch(/^WEBEXPROV_/);
    expect(calls[0].headers.accept).toBe('application/json');
  });

  it('sends JSON bodies with their length, and reads gzip-compressed answers', async () => {
    const gz = { status: 200, raw: gzipSync(JSON.stringify({ id: 'p1', displayName: 'Zoë' })), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } };
    const { c, calls } = client([gz]);
    const res = await c.post('/people', { body: { emails: ['zoë@example.com'] } });
    expect(res.data).toEqual({ id: 'p1', displayName: 'Zoë' });
    expect(calls[0].method).toBe('POST');
    expect(calls[0].headers['content-type']).toBe('application/json');
    expect(calls[0].headers['content-length']).toBe(String(Buffer.byteLength(calls[0].body)));
    expect(JSON.parse(calls[0].body)).toEqual({ emails: ['zoë@example.com'] });
  });

  it('keeps the connection alive between requests', async () => {
    const { c, calls } = client([json(200, {}), json(200, {})]);
    await c.get('/people/p1');
    await c.get('/people/p2');
    expect(calls[1].clientPort).toBe(calls[0].clientPort);
  });

  it('waits for Retry-After on 429, plus a spread of up to a second, and then succeeds, for any method', async () => {
    const { c, sleeps, calls } = client([json(429, { message: 'slow down' }, { 'retry-after': '3' }), json(200, { id: 'p1' })]);
    const res = await c.post('/people', { body: { emails: ['a@example.com'] } });
    expect(res.data).toEqual({ id: 'p1' });
    // random() = 0.5: half of the one-second spread after the 3 s Webex asked for.
    expect(sleeps).toEqual([3500]);
    expect(calls).toHaveLength(2);
  });

  it('never waits less than Retry-After; a long wait is spread by a tenth of it', async () => {
    const at = (random: number, retryAfter: string) => client([json(429, {}, { 'retry-after': retryAfter }), json(200, {})], { random: () => random });
    const none = at(0, '2');
    await none.c.get('/people');
    expect(none.sleeps).toEqual([2000]);
    const long = at(1, '15');
    await long.c.get('/people');
    expect(long.sleeps).toEqual([16_500]);
  });

  it('uses a bounded default when Retry-After is unreadable (Webex has sent "rand(30),add(30)")', async () => {
    const { c, sleeps } = client([json(429, {}, { 'retry-after': 'rand(30),add(30)' }), json(200, {})], { defaultRetryAfterMs: 1234 });
    await c.get('/people');
    expect(sleeps).toEqual([1234 + 500]);
  });

  it('surfaces a 429 whose Retry-After exceeds the retry budget, with the wait Webex asked for', async () => {
    const { c, sleeps } = client([json(429, { message: 'later', trackingId: 'T1' }, { 'retry-after': '120' })], { retryBudgetMs: 10_000 });
    const error = await c.get('/people').catch((e) => e);
    expect(error).toBeInstanceOf(WebexApiError);
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 120, trackingId: 'T1', name: 'WebexRateLimitedError' });
    expect(sleeps).toEqual([]);
  });

  it('backs off with jitter on 5xx for idempotent requests', async () => {
    const { c, sleeps, calls } = client([json(502, {}), json(503, {}), json(200, { ok: true })], { baseDelayMs: 100 });
    const res = await c.put('/people/p1', { body: { displayName: 'x' } });
    expect(res.data).toEqual({ ok: true });
    expect(calls).toHaveLength(3);
    // random() = 0.5 → half of 100, then half of 200
    expect(sleeps).toEqual([50, 100]);
  });

  it('does not resend a POST after a 5xx: it may have been applied', async () => {
    const { c, calls } = client([json(500, { message: 'boom', trackingId: 'T5' })]);
    const error = await c.post('/people', { body: {} }).catch((e) => e);
    expect(error).toMatchObject({ name: 'WebexServerError', status: 500, trackingId: 'T5', attempts: 1 });
    expect(calls).toHaveLength(1);
  });

  it('resends a POST when the connection was refused (never sent), not when it was reset', async () => {
    // Nothing listens on the port for the first attempt; the server starts during the backoff.
    const port = await closedPort();
    let late: ScriptedServer | undefined;
    const refused = new WebexClient({
      baseUrl: `http://127.0.0.1:${port}/v1`,
      tokenProvider: new Tokens(['t']),
      random: () => 0.5,
      sleep: async () => {
        late = await startScriptedServer(port);
        late.script([json(200, { id: 'p1' })]);
      },
    });
    try {
      await expect(refused.post('/people', { body: {} })).resolves.toMatchObject({ data: { id: 'p1' } });
      expect(late!.requests).toHaveLength(1);
    } finally {
      await late?.close();
    }

    // Reset on a connection of its own (a reused one failing before any answer is resent once by the transport).
    const own = await startScriptedServer();
    try {
      own.script(['reset']);
      const error = await new WebexClient({ baseUrl: `${own.url}/v1`, tokenProvider: new Tokens(['t']), random: () => 0.5, sleep: async () => undefined })
        .post('/people', { body: {} })
        .catch((e) => e);
      expect(error).toBeInstanceOf(WebexNetworkError);
      expect(error).toMatchObject({ kind: 'connection', causeCode: 'ECONNRESET' });
      expect(own.requests).toHaveLength(1);
    } finally {
      await own.close();
    }
  });

  it('retries timeouts on GET and reports them as timeouts when attempts run out', async () => {
    const { c, calls } = client(['hang', 'hang', 'hang'], { maxAttempts: 3, timeoutMs: 50 });
    const error = await c.get('/people').catch((e) => e);
    expect(error).toBeInstanceOf(WebexNetworkError);
    expect(error.kind).toBe('timeout');
    expect(calls).toHaveLength(3);
  });

  it('aborts an attempt that exceeds the per-request timeout, body included', async () => {
    const { c } = client(['hang'], { timeoutMs: 50, maxAttempts: 1 });
    await expect(c.get('/people')).rejects.toMatchObject({ name: 'WebexNetworkError', kind: 'timeout' });

    // Headers in time, body never finished: still this attempt's timeout.
    const slowBody = client([{ status: 200, raw: '{"items":', headers: { 'content-length': '100' } }], { timeoutMs: 100, maxAttempts: 1 });
    await expect(slowBody.c.get('/people')).rejects.toMatchObject({ name: 'WebexNetworkError', kind: 'timeout' });
  });

  it('re-reads the token once on 401 and retries with the new one', async () => {
    const { c, calls, tokens } = client([json(401, { message: 'expired' }), json(200, { ok: 1 })]);
    await c.get('/people/p1');
    expect(tokens.invalidations).toBe(1);
    expect(calls[1].headers.authorization).toBe('Bearer token-two');
  });

  it('gives up after a second 401', async () => {
    const { c, calls } = client([json(401, { message: 'no' }), json(401, { message: 'still no' })]);
    await expect(c.get('/people')).rejects.toMatchObject({ name: 'WebexAuthError', status: 401 });
    expect(calls).toHaveLength(2);
  });

  it('turns Webex error bodies into typed errors with details, error codes and trackingId', async () => {
    const { c } = client([
      json(409, { message: 'Conflict', errorCode: 25223, errors: [{ description: 'main number', errorCode: 8363 }], trackingId: 'ROUTER_1' }),
    ]);
    const error = await c.post('/telephony/config/locations/L1/numbers', { body: {} }).catch((e) => e);
    expect(error).toMatchObject({ status: 409, errorCode: 25223, trackingId: 'ROUTER_1', name: 'WebexConflictError' });
    expect(error.details).toEqual([{ description: 'main number', errorCode: 8363 }]);
    expect(error.message).toBe('Webex POST /telephony/config/locations/L1/numbers failed with 409: Conflict');
  });

  it('reads cisco-spark-error-codes when the body has no code', async () => {
    const { c } = client([json(502, {}, { 'cisco-spark-error-codes': '4251' }), json(502, {}, { 'cisco-spark-error-codes': '4251' })], { maxAttempts: 2 });
    await expect(c.delete('/x')).rejects.toMatchObject({ status: 502, errorCode: 4251, attempts: 2 });
  });

  it('never puts the token in errors or log lines', async () => {
    const { c, logs } = client([json(500, {}), json(500, {}), json(403, { message: 'forbidden' })], { maxAttempts: 3 });
    const error = await c.get('/people').catch((e) => e);
    const text = JSON.stringify(logs) + String(error.message) + JSON.stringify(error);
    expect(text).not.toContain('token-one');
    expect(text).not.toContain('Bearer');
  });

  it('follows Link rel="next" pages, sending the original query only on the first request', async () => {
    const { c, calls } = client([
      json(200, { items: [{ id: 1 }, { id: 2 }] }, { link: `<${server.url}/v1/people?max=2&cursor=abc>; rel="next"` }),
      json(200, { items: [{ id: 3 }] }, { link: `<${server.url}/v1/people?max=2&cursor=def>; rel="prev"` }),
    ]);
    const items = await c.list('/people', { query: { max: 2 } });
    expect(items).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(calls.map((x) => x.url)).toEqual(['/v1/people?max=2', '/v1/people?max=2&cursor=abc']);
  });

  it('asks for a page that answers 504 again with a smaller max at once, resuming there and keeping the smaller size', async () => {
    const gateway = json(504, { message: 'Gateway Timeout: If your query uses max parameter, please try to reduce it.' });
    const { c, calls, sleeps } = client([
      gateway,
      json(200, { items: [{ id: 1 }, { id: 2 }] }, { link: `<${server.url}/v1/people?callingData=true&max=4&cursor=a>; rel="next"` }),
      gateway,
      json(200, { items: [{ id: 3 }] }, { link: `<${server.url}/v1/people?callingData=true&max=1&cursor=b>; rel="next"` }),
      json(200, { items: [{ id: 4 }] }),
    ]);
    const items = await c.list('/people', { query: { callingData: true, max: 4 }, smallerPagesOn504: [2, 1] });
    expect(items).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
    expect(calls.map((x) => x.url)).toEqual([
      '/v1/people?callingData=true&max=4',
      '/v1/people?callingData=true&max=2',
      // The next link named max=4 again: asked at the size that answered, from its cursor.
      '/v1/people?callingData=true&max=2&cursor=a',
      '/v1/people?callingData=true&max=1&cursor=a',
      '/v1/people?callingData=true&max=1&cursor=b',
    ]);
    // Not retried at the same size first, nor slept on.
    expect(sleeps).toEqual([]);
  });

  it('takes a page that does not answer within the attempt\'s timeout as a 504: asked for again smaller, at once', async () => {
    const { c, calls } = client(['hang', json(200, { items: [{ id: 1 }] })], { timeoutMs: 200 });
    expect(await c.list('/people', { query: { max: 4 }, smallerPagesOn504: [2] })).toEqual([{ id: 1 }]);
    expect(calls.map((x) => x.url)).toEqual(['/v1/people?max=4', '/v1/people?max=2']);
  });

  it('retries a 504 at the smallest page size as any 504, then reports it', async () => {
    const gateway = json(504, {});
    const { c, calls } = client([gateway, gateway, gateway], { maxAttempts: 2 });
    await expect(c.list('/people', { query: { max: 4 }, smallerPagesOn504: [2] })).rejects.toMatchObject({ status: 504, attempts: 2 });
    expect(calls.map((x) => x.url)).toEqual(['/v1/people?max=4', '/v1/people?max=2', '/v1/people?max=2']);
  });

  it('stops at maxPages and tells onPage each page and where the next one is', async () => {
    const { c, calls } = client([
      json(200, { items: [{ id: 1 }] }, { link: `<${server.url}/v1/people?max=1&cursor=b>; rel="next"` }),
      json(200, { items: [{ id: 2 }] }, { link: `<${server.url}/v1/people?max=1&cursor=c>; rel="next"` }),
    ]);
    const pages: { url: string; next?: string }[] = [];
    const items = await c.list('/people', { query: { max: 1 }, maxPages: 2, onPage: (p) => pages.push(p) });
    expect(items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(calls).toHaveLength(2);
    expect(pages).toEqual([
      { url: `${server.url}/v1/people?max=1`, next: `${server.url}/v1/people?max=1&cursor=b` },
      { url: `${server.url}/v1/people?max=1&cursor=b`, next: `${server.url}/v1/people?max=1&cursor=c` },
    ]);
  });

  it('ends a listing on an empty page, whatever it links to', async () => {
    const { c, calls } = client([json(200, { items: [] }, { link: `<${server.url}/v1/people?cursor=again>; rel="next"` })]);
    expect(await c.list('/people')).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('pages telephony lists by start/max when Webex sends no Link', async () => {
    const { c, calls } = client([
      json(200, { phoneNumbers: [{ n: 1 }, { n: 2 }] }),
      json(200, { phoneNumbers: [{ n: 3 }, { n: 4 }] }),
      json(200, { phoneNumbers: [] }),
    ]);
    const items = await c.list('/telephony/config/numbers', { itemsKey: 'phoneNumbers', offsetPaging: { max: 2 }, query: { locationId: 'L' } });
    expect(items).toHaveLength(4);
    expect(calls.map((x) => new URL(x.url, server.url).search)).toEqual([
      '?locationId=L&max=2',
      '?locationId=L&max=2&start=2',
      '?locationId=L&max=2&start=4',
    ]);
  });

  it('refuses to follow a next link to another origin (it would receive the token)', async () => {
    // A page with items: an empty one ends the listing before its link is looked at.
    const { c } = client([json(200, { items: [{ id: 'a' }] }, { link: '<https://evil.test/v1/people?cursor=x>; rel="next"' })]);
    await expect(c.list('/people')).rejects.toThrow(/another origin/);
  });

  it('follows Link headers on telephony lists without the start/max fallback repeating pages (200 numbers at max=100)', async () => {
    const numbers = (from: number) => Array.from({ length: 100 }, (_, i) => ({ phoneNumber: `+1408555${String(from + i).padStart(4, '0')}` }));
    const { c, calls } = client([
      json(200, { phoneNumbers: numbers(0) }, { link: `<${server.url}/v1/telephony/config/numbers?max=100&start=100>; rel="next"` }),
      // The last page is full and has no next link: that is the end, not a reason to ask for start=100 again.
      json(200, { phoneNumbers: numbers(100) }),
      json(200, { phoneNumbers: numbers(100) }),
      json(200, { phoneNumbers: [] }),
    ]);
    const items = await c.list<{ phoneNumber: string }>('/telephony/config/numbers', { itemsKey: 'phoneNumbers', offsetPaging: { max: 100 } });
    expect(items).toHaveLength(200);
    expect(new Set(items.map((i) => i.phoneNumber)).size).toBe(200);
    expect(calls).toHaveLength(2);
  });

  it('continues start/max paging from the offset actually read', async () => {
    const { c, calls } = client([
      json(200, { phoneNumbers: [{ n: 1 }, { n: 2 }] }),
      json(200, { phoneNumbers: [{ n: 3 }] }),
    ]);
    const items = await c.list('/telephony/config/numbers', { itemsKey: 'phoneNumbers', offsetPaging: { max: 2 }, query: { start: 10 } });
    expect(items).toHaveLength(3);
    expect(calls.map((x) => new URL(x.url, server.url).searchParams.get('start'))).toEqual(['10', '12']);
  });

  it('refuses a cross-origin next link with a 502, not a 500', async () => {
    const { c } = client([json(200, { items: [] }, { link: '<https://evil.test/v1/people?cursor=x>; rel="next"' })]);
    const error = await c.list('/people').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'WebexLinkRefusedError' });
    expect(errorToResult(error).statusCode).toBe(502);
  });

  it('does not follow a same-origin next link to another path (it would receive the token)', async () => {
    const { c, calls } = client([
      json(200, { items: [{ id: 1 }] }, { link: `<${server.url}/v1/access_token?grant_type=x>; rel="next"` }),
      json(200, { items: [{ id: 2 }] }),
    ]);
    const error = await c.list('/people').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'WebexLinkRefusedError', message: expect.stringContaining('/access_token') });
    expect(errorToResult(error).statusCode).toBe(502);
    expect(calls).toHaveLength(1);
  });

  it('reports an answer in an unexpected shape as a 502 naming the operation and the field', async () => {
    const { c } = client([json(200, { items: [{ id: 7 }] })]);
    const error = await c.get('/people', { schema: z.object({ items: z.array(z.object({ id: z.string() })) }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebexResponseShapeError);
    const mapped = errorToResult(error);
    expect(mapped.statusCode).toBe(502);
    expect(mapped.body.error.message).toMatch(/GET \/people .*items\[0\]\.id/);
    expect(mapped.body.error.message).not.toMatch(/may have been applied/);
    // What Webex sent stays readable for recovery, but out of anything that serialises the error.
    expect((error as WebexResponseShapeError).data).toEqual({ items: [{ id: 7 }] });
    expect(Object.keys(error as object)).not.toContain('data');
  });

  it('says a write answered in an unexpected shape may have been applied', async () => {
    const { c } = client([json(201, { response: [] })]);
    const error = await c.post('/things', { body: {}, schema: z.object({ response: z.object({ id: z.string() }) }) }).catch((e: unknown) => e);
    expect(errorToResult(error).statusCode).toBe(502);
    expect((error as Error).message).toMatch(/POST \/things .*response.*may have been applied/);
  });

  it('names the item of a paged list that it could not read', async () => {
    const { c } = client([json(200, { phoneNumbers: [{ phoneNumber: '+1' }, { phoneNumber: 5 }] })]);
    const error = await c
      .list('/telephony/config/numbers', { itemsKey: 'phoneNumbers', itemSchema: z.object({ phoneNumber: z.string() }) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'WebexResponseShapeError', field: 'phoneNumbers[1].phoneNumber' });
  });

  it('sends form-encoded bodies without a bearer token when anonymous', async () => {
    const { c, calls } = client([json(200, { access_token: 'x' })]);
    await c.post('/access_token', { form: { grant_type: 'refresh_token', refresh_token: 'r' }, anonymous: true });
    expect(calls[0].headers.authorization).toBeUndefined();
    expect(calls[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(calls[0].body).toBe('grant_type=refresh_token&refresh_token=r');
  });
});

describe('WebexClient: secret path segments in what it logs and throws', () => {
  const SECRET_LIST = '/telephony/config/locations/Y2lz/outgoingPermission/accessCodes/98765';

  it("a page made smaller after a 504, and a page it cannot read, name the path with its secret redacted", async () => {
    const { c, logs } = client([json(504, { message: 'slow' }), json(200, { items: 'not a list' })]);
    const failure = await c.list(SECRET_LIST, { query: { max: 4 }, smallerPagesOn504: [2] }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(failure).toBeInstanceOf(WebexResponseShapeError);
    const written = JSON.stringify(logs) + failure!.message;
    expect(written).toContain('accessCodes/<redacted>');
    expect(written).not.toContain('98765');
  });
});
