import { performWebexRequest } from '../../../functions/lib/workflows/webex-requests/perform-request';
import { DEFAULT_ALLOWED_PREFIXES } from '../../../functions/lib/workflows/webex-requests/guard';
import { WebexClient } from '../../../functions/lib/webex/client';
import { StaticTokenProvider } from '../../../functions/lib/tokens/token-provider';
import { SIM_ACCESS_TOKEN } from '../../../functions/simulator/seed';
import { startHarness, type Harness } from '../../support/harness';

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
