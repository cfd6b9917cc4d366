import { startHarness, type Harness } from '../../support/harness';
import { rawCall } from '../../support/raw-http';

/**
 * The local API holds a real token while `npm start` runs: a web page the user visits must not be able
 * to drive it (a simple cross-origin POST) nor read it (DNS rebinding).
 */
let h: Harness;
let port: number;
beforeAll(async () => {
  h = await startHarness();
  port = Number(new URL(h.api.url).port);
});
afterAll(async () => {
  await h.runtime.executions.settle();
  await h.close();
});
beforeEach(() => {
  h.sim.clearRequests();
  h.runtime.executions.clear();
});

const raw = (method: string, path: string, headers: Record<string, string>, body?: string) => rawCall(h.api.url, method, path, headers, body);

const leaver = JSON.stringify({ id: 'page-1', source: 'hr.example', 'detail-type': 'Webex User Left', detail: { email: 'alice.admin@example.com', policy: 'delete' } });
const host = () => `127.0.0.1:${port}`;

describe('the local API refuses what a web page can send', () => {
  it.each([
    ['text/plain', 'text/plain;charset=UTF-8'],
    ['form-encoded', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['JSON-looking but not JSON', 'application/jsonp'],
  ])('a %s body is a 415 naming Content-Type, and nothing runs', async (_, contentType) => {
    const res = await raw('POST', '/events', { host: host(), 'content-type': contentType, 'content-length': String(Buffer.byteLength(leaver)) }, leaver);
    expect(res.status).toBe(415);
    expect(res.body.error.fields).toEqual([{ field: 'Content-Type', message: expect.any(String) }]);
    expect(h.runtime.executions.list('Leaver')).toHaveLength(0);
    expect(h.webexCalls()).toHaveLength(0);
  });

  it('a body without any Content-Type is a 415; application/json with a charset is accepted', async () => {
    const body = JSON.stringify({ title: 'Admin' });
    const bare = await raw('PATCH', '/users/alice.admin%40example.com', { host: host(), 'content-length': String(body.length) }, body);
    expect(bare.status).toBe(415);
    expect(h.webexCalls()).toHaveLength(0);
    const json = await raw('PATCH', '/users/alice.admin%40example.com', { host: host(), 'content-type': 'Application/JSON; charset=utf-8', 'content-length': String(body.length) }, body);
    expect(json.status).toBe(200);
  });

  it.each(['http://evil.example', 'null', `http://127.0.0.1:${0}`])('any Origin (%p) is a 403, before anything is read or sent', async (origin) => {
    for (const [method, path] of [['GET', '/users/alice.admin%40example.com'], ['GET', '/openapi.json'], ['GET', '/connection']]) {
      const res = await raw(method, path, { host: host(), origin });
      expect(res.status).toBe(403);
      expect(res.body.error.fields[0].field).toBe('Origin');
    }
    expect(h.webexCalls()).toHaveLength(0);
  });

  it('a Host other than the loopback address and port listened on is a 421 (DNS rebinding)', async () => {
    for (const name of ['evil.example:' + port, `127.0.0.1:${port + 1}`, '127.0.0.1', `attacker.127.0.0.1.nip.io:${port}`, ' ']) {
      const res = await raw('GET', '/users/alice.admin%40example.com', { host: name });
      expect({ name, status: res.status }).toEqual({ name, status: 421 });
      expect(res.body.error.fields[0].field).toBe('Host');
    }
    // Without a Host header at all, Node's HTTP server answers 400 itself (requireHostHeader).
    await expect(raw('GET', '/users/alice.admin%40example.com', {}).catch(() => ({ status: 400 }))).resolves.toMatchObject({ status: 400 });
    expect(h.webexCalls()).toHaveLength(0);
  });

  it('answers the loopback address and localhost on its port, in any case', async () => {
    for (const name of [host(), `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect((await raw('GET', '/users/alice.admin%40example.com', { host: name })).status).toBe(200);
    }
  });
});
