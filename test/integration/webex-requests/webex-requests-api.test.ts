import { performWebexRequest } from '../../../functions/lib/workflows/webex-requests/perform-request';
import { DEFAULT_ALLOWED_PREFIXES } from '../../../functions/lib/workflows/webex-requests/guard';
import { WebexClient } from '../../../functions/lib/webex/client';
import { StaticTokenProvider } from '../../../functions/lib/webex/token-provider';
import { SIM_ACCESS_TOKEN } from '../../../functions/simulator/seed';
import { startHarness, type Harness } from '../../support/harness';
import { sampleRequest } from '../../support/sample-request';
import { startScriptedServer } from '../../support/scripted-http-server';
import { allOperations } from '../../../functions/lib/webex-spec/operations';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('POST /webex/requests', () => {
  it('performs a documented call and returns Webex status, trackingId and data', async () => {
    const res = await h.call('POST', '/webex/requests', { method: 'GET', path: '/people', query: { email: 'alice.admin@example.com', callingData: true } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 200, trackingId: expect.any(String), data: { items: [{ emails: ['alice.admin@example.com'] }] } });
  });

  it('follows every Link page with all: true', async () => {
    const res = await h.call('POST', '/webex/requests', { method: 'GET', path: '/people', query: { max: 1 }, all: true });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(3);
    expect(h.webexCalls('GET', '/people')).toHaveLength(3);
  });

  it('pages telephony lists by start/max with all: true', async () => {
    const res = await h.call('POST', '/webex/requests', { method: 'GET', path: '/telephony/config/numbers', query: { max: 10 }, all: true });
    expect(res.status).toBe(200);
    expect(res.body.count).toBeGreaterThan(10);
    expect(new Set(res.body.items.map((n: { phoneNumber?: string; extension?: string }) => n.phoneNumber ?? n.extension)).size).toBe(res.body.count);
  });

  it.each([
    ['to another origin', () => 'https://elsewhere.example/v1/people?cursor=x', 1],
    ['to another path on the same origin', () => `${h.sim.url}/access_token?cursor=x`, 1],
  ])('answers 502, not 500, for a next link %s, and does not follow it with the token', async (_, link, requests) => {
    h.sim.faults.add({ match: { method: 'GET', path: '/people' }, kind: 'status', status: 200, body: { items: [{ id: 'p1' }] }, headers: { link: `<${link()}>; rel="next"` } });
    const res = await h.call('POST', '/webex/requests', { method: 'GET', path: '/people', query: { max: 1 }, all: true });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'WebexLinkRefusedError' });
    expect(h.webexCalls()).toHaveLength(requests);
  });

  it('takes Cisco\'s own paths that end in / and sends them without it, as live clients do', async () => {
    const { body } = sampleRequest(allOperations().find((op) => op.method === 'POST' && op.path === '/telephony/config/operatingModes')!);
    const dry = await h.call('POST', '/webex/requests', { method: 'POST', path: '/telephony/config/operatingModes/', body, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.request).toMatchObject({ url: `${h.sim.url}/telephony/config/operatingModes`, operation: 'POST /telephony/config/operatingModes' });
    // Sent for real (the simulator does not model these operations): to a loopback server that records the request.
    const webex = await startScriptedServer();
    try {
      webex.script([{ status: 204 }]);
      const client = new WebexClient({ baseUrl: `${webex.url}/v1`, tokenProvider: new StaticTokenProvider(SIM_ACCESS_TOKEN) });
      const log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
      const handsets = sampleRequest(allOperations().find((op) => op.method === 'DELETE' && op.path.endsWith('/handsets'))!);
      const sent = await performWebexRequest(client, { ...handsets, path: `${handsets.path}/` }, { allowedPrefixes: DEFAULT_ALLOWED_PREFIXES, caller: 'test', log });
      expect(sent).toMatchObject({ status: 204 });
      expect(webex.requests.map((r) => [r.method, r.url])).toEqual([['DELETE', `/v1${handsets.path}`]]);
    } finally {
      await webex.close();
    }
  });

  it('dry run validates and returns the request without sending it', async () => {
    const res = await h.call('POST', '/webex/requests', {
      method: 'PUT', path: '/people/abc', query: { callingData: true }, body: { displayName: 'X' }, dryRun: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      dryRun: true,
      request: { method: 'PUT', url: `${h.sim.url}/people/abc?callingData=true`, operation: 'PUT /people/{personId}', query: { callingData: true }, body: { displayName: 'X' } },
    });
    expect(h.webexCalls()).toHaveLength(0);
  });

  it.each([
    [{ method: 'GET', path: 'https://evil.example/people' }, 'path'],
    [{ method: 'GET', path: '/people/../organizations' }, 'path'],
    [{ method: 'GET', path: '/organizations' }, 'path'],
    [{ method: 'PATCH', path: '/people/abc', body: {} }, 'method'],
    [{ method: 'GET', path: '/people', query: { bogus: 1 } }, 'query.bogus'],
    [{ method: 'PUT', path: '/people/abc', body: { title: 'x' } }, 'body.displayName'],
    [{ method: 'GET', path: '/people', headers: { Host: 'x' } }, 'headers'],
    [{ method: 'TRACE', path: '/people' }, 'method'],
  ])('answers %j with 400 naming %s, and Webex is untouched', async (body, field) => {
    const res = await h.call('POST', '/webex/requests', body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(h.webexCalls()).toHaveLength(0);
  });

  it('maps Webex errors like the named workflows, with the trackingId', async () => {
    const res = await h.call('POST', '/webex/requests', { method: 'GET', path: '/people/Y2lzY29zcGFyazovL3VzL1BFT1BMRS9ub2JvZHk' });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ webexStatus: 404, trackingId: expect.any(String) });
  });
});

describe('POST /webex/requests with all: true, bounded', () => {
  const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  const client = () => new WebexClient({ baseUrl: h.sim.url, tokenProvider: new StaticTokenProvider(SIM_ACCESS_TOKEN) });
  const run = (input: Parameters<typeof performWebexRequest>[1], limits: { maxPages?: number; maxItemsBytes?: number }) =>
    performWebexRequest(client(), input, { allowedPrefixes: DEFAULT_ALLOWED_PREFIXES, caller: 'test', log: silent, limits }) as Promise<{
      items: unknown[]; truncated: boolean; cursor?: string;
    }>;

  /** Every answer of a listing, following the cursors. */
  async function follow(input: Parameters<typeof performWebexRequest>[1], limits: { maxPages?: number; maxItemsBytes?: number }) {
    const answers = [];
    let cursor: string | undefined;
    do {
      const answer = await run({ ...input, ...(cursor ? { cursor } : {}) }, limits);
      answers.push(answer);
      expect(answer.truncated).toBe(answer.cursor !== undefined);
      cursor = answer.cursor;
    } while (cursor && answers.length < 100);
    return answers;
  }

  it('caps the answer by serialized size and continues from the cursor, item for item', async () => {
    const whole = await run({ method: 'GET', path: '/telephony/config/numbers', all: true }, {});
    expect(whole.truncated).toBe(false);
    const maxItemsBytes = 600;
    const answers = await follow({ method: 'GET', path: '/telephony/config/numbers', query: { max: 4 }, all: true }, { maxItemsBytes });
    expect(answers.length).toBeGreaterThan(2);
    for (const a of answers) expect(JSON.stringify(a.items).length).toBeLessThanOrEqual(maxItemsBytes);
    expect(answers.flatMap((a) => a.items)).toEqual(whole.items);
  });

  it('caps the pages one call fetches (a max of 1 no longer means a request per item) and continues over Link pages', async () => {
    h.sim.clearRequests();
    const answers = await follow({ method: 'GET', path: '/people', query: { max: 1 }, all: true }, { maxPages: 2 });
    expect(answers.map((a) => a.items.length)).toEqual([2, 1]);
    expect(new Set(answers.flatMap((a) => a.items).map((p) => (p as { id: string }).id)).size).toBe(3);
    expect(h.webexCalls('GET', '/people').length).toBeLessThanOrEqual(4);
  });

  it('treats a max of 0 or less as 1 instead of asking for empty pages for ever', async () => {
    h.sim.clearRequests();
    const res = await h.call('POST', '/webex/requests', { method: 'GET', path: '/people', query: { max: -5 }, all: true });
    expect(res.body).toMatchObject({ status: 200, count: 3, truncated: false });
    expect(h.webexCalls('GET', '/people').map((c) => c.query.max)).toEqual(['1', '1', '1']);
  });

  it('refuses a cursor it did not write, or one for another path, before sending anything', async () => {
    const forged = [
      'bnVsbA',
      Buffer.from(JSON.stringify({ page: '/organizations', skip: 0 })).toString('base64url'),
      Buffer.from(JSON.stringify({ page: '/people/../organizations', skip: 0 })).toString('base64url'),
      Buffer.from(JSON.stringify({ page: '/people?bogus=1', skip: 0 })).toString('base64url'),
      Buffer.from(JSON.stringify({ page: '/people', skip: -1 })).toString('base64url'),
    ];
    h.sim.clearRequests();
    for (const cursor of forged) {
      const res = await h.call('POST', '/webex/requests', { method: 'GET', path: '/people', all: true, cursor });
      expect(res.status).toBe(400);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['cursor']);
    }
    expect(h.webexCalls()).toHaveLength(0);
  });

  it("checks a cursor's query as strictly as `query`: a value outside the parameter's enum or type never reaches Webex", async () => {
    const cursorOf = (page: string) => Buffer.from(JSON.stringify({ page, skip: 0 })).toString('base64url');
    const path = '/telephony/config/numbers';
    h.sim.clearRequests();
    const direct = await h.call('POST', '/webex/requests', { method: 'GET', path, all: true, query: { ownerType: 'NOT_AN_ENUM' } });
    expect(direct.status).toBe(400);
    expect(direct.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['query.ownerType']);
    for (const page of [`${path}?ownerType=NOT_AN_ENUM`, `${path}?max=lots`, `${path}?details=maybe`, '/people?max=abc']) {
      const res = await h.call('POST', '/webex/requests', { method: 'GET', path: page.split('?')[0], all: true, cursor: cursorOf(page) });
      expect({ page, status: res.status, body: res.body }).toMatchObject({ page, status: 400 });
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['cursor']);
    }
    expect(h.webexCalls()).toHaveLength(0);
    // A cursor with a declared value of the right kind still pages on.
    const ok = await h.call('POST', '/webex/requests', { method: 'GET', path, all: true, cursor: cursorOf(`${path}?ownerType=PEOPLE&max=2`) });
    expect(ok.status).toBe(200);
  });

  it('stops on an empty page even when it links to another', async () => {
    h.sim.faults.add({
      match: { method: 'GET', path: '/people' },
      kind: 'status',
      status: 200,
      body: { items: [] },
      headers: { Link: `<${h.sim.url}/people?cursor=again>; rel="next"` },
      times: 20,
    });
    h.sim.clearRequests();
    const res = await h.call('POST', '/webex/requests', { method: 'GET', path: '/people', all: true });
    expect(res.body).toMatchObject({ status: 200, count: 0, truncated: false });
    expect(h.webexCalls('GET', '/people')).toHaveLength(1);
  });
});

describe('GET /webex/operations', () => {
  it('lists what the guarded request accepts, filtered and paged, and names a bad query field', async () => {
    const res = await h.call('GET', '/webex/operations?search=call%20queue&method=GET&limit=5');
    expect(res.status).toBe(200);
    expect(res.body.operations).toHaveLength(5);
    expect(res.body.total).toBeGreaterThan(5);
    expect(res.body.nextOffset).toBe(5);
    expect(res.body.operations[0]).toEqual({ method: 'GET', path: expect.stringMatching(/^\//), summary: expect.any(String), scopes: expect.any(Array), body: false });
    const bad = await h.call('GET', '/webex/operations?limit=1000');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['limit']);
    expect(h.webexCalls()).toHaveLength(0);
  });
});

describe('an operation the simulator does not implement', () => {
  it("answers Webex's 404 shape, saying it is not simulated, while an unknown path stays a plain 404", async () => {
    const res = await h.call('POST', '/webex/requests', { method: 'GET', path: '/telephony/config/queues' });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ webexStatus: 404, trackingId: expect.any(String), message: expect.stringMatching(/Not simulated.*GET \/telephony\/config\/queues/) });
    const direct = await fetch(`${h.sim.url}/telephony/config/queues`, { headers: { authorization: `Bearer ${SIM_ACCESS_TOKEN}` } });
    expect(direct.status).toBe(404);
    expect(await direct.json()).toMatchObject({ message: expect.stringMatching(/^Not simulated/), errors: [{ description: expect.stringMatching(/^Not simulated/) }], trackingId: expect.any(String) });
    const unknown = await fetch(`${h.sim.url}/organizations/x/nothing`, { headers: { authorization: `Bearer ${SIM_ACCESS_TOKEN}` } });
    expect(await unknown.json()).toMatchObject({ message: 'The requested resource could not be found.' });
    // The harness checks requests against the five documents the named workflows use; the guard checked this one against calling/.
    h.sim.clearRequests();
  });
});

describe('a Webex 403', () => {
  it('names the scopes Cisco documents for the operation', async () => {
    h.sim.faults.add({ match: { method: 'GET', path: '/telephony/config/queues' }, kind: 'status', status: 403, body: { message: 'Forbidden' } });
    const res = await h.call('POST', '/webex/requests', { method: 'GET', path: '/telephony/config/queues' });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ webexStatus: 403, message: expect.stringContaining('spark-admin:telephony_config_read') });
    // The harness checks requests against the five documents the named workflows use; the guard checked this one against calling/.
    h.sim.clearRequests();
  });
});

describe('audit log', () => {
  it('names the caller, operation, status and trackingId, never the token or personal data', async () => {
    const lines: unknown[] = [];
    const log = { debug: () => undefined, info: (m: string, a?: object) => void lines.push({ m, ...a }), warn: (m: string, a?: object) => void lines.push({ m, ...a }), error: () => undefined };
    const client = new WebexClient({ baseUrl: h.sim.url, tokenProvider: new StaticTokenProvider(SIM_ACCESS_TOKEN) });
    await performWebexRequest(
      client,
      { method: 'POST', path: '/people', body: { emails: ['zed@example.com'], displayName: 'Zed Secret' } },
      { allowedPrefixes: DEFAULT_ALLOWED_PREFIXES, caller: 'arn:aws:iam::123456789012:user/servicedesk', log },
    );
    expect(lines).toEqual([
      expect.objectContaining({
        m: 'webex request',
        caller: 'arn:aws:iam::123456789012:user/servicedesk',
        operation: 'POST /people',
        status: 200,
        trackingId: expect.any(String),
        body: { emails: '[redacted]', displayName: '[redacted]' },
      }),
    ]);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(SIM_ACCESS_TOKEN);
    expect(text).not.toContain('zed@example.com');
    expect(text).not.toContain('Zed Secret');
  });
});
