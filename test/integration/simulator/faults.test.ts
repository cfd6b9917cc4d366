import { DEMO_IDS, SIM_ACCESS_TOKEN } from '../../../functions/simulator/seed';
import { startSimulator, type Simulator } from '../../../functions/simulator/server';
import { call, expectWebexError } from './helpers';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const control = (method: string, path: string, body?: unknown) =>
  fetch(`http://127.0.0.1:${sim.port}/_sim${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('rate limiting', () => {
  it('answers 429 with Retry-After and the error body over the limit, and logs the 429s', async () => {
    sim.faults.rateLimit({ limit: 2, windowMs: 60_000 });
    expect((await call(sim, 'GET', '/licenses')).status).toBe(200);
    expect((await call(sim, 'GET', '/licenses')).status).toBe(200);
    const limited = await call(sim, 'GET', '/licenses');
    expectWebexError(limited, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(sim.requests.map((r) => r.status)).toEqual([200, 200, 429]);
  });

  it('uses the configured Retry-After and starts a new window when it ends', async () => {
    // The simulator's clock, stepped by the test: no real-time window to race on a loaded machine.
    let now = 1_000_000;
    const clocked = await startSimulator({ now: () => now });
    try {
      clocked.faults.rateLimit({ limit: 1, windowMs: 100, retryAfterSeconds: 7 });
      expect((await call(clocked, 'GET', '/licenses')).status).toBe(200);
      now += 99;
      const limited = await call(clocked, 'GET', '/licenses');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      now += 1;
      expect((await call(clocked, 'GET', '/licenses')).status).toBe(200);
      expect((await call(clocked, 'GET', '/licenses')).status).toBe(429);
    } finally {
      await clocked.close();
    }
  });

  it('can be set at start-up', async () => {
    const limited = await startSimulator({ rateLimit: { limit: 0, windowMs: 10_000 } });
    try {
      const res = await call(limited, 'GET', '/people');
      expect(res.status).toBe(429);
      expect(['9', '10']).toContain(res.headers.get('retry-after'));
    } finally {
      await limited.close();
    }
  });
});

describe('faults', () => {
  it('status: sends the status, the raw Retry-After and headers, a given number of times, matching method and path', async () => {
    sim.faults.add({ match: { method: 'GET', path: '/people' }, kind: 'status', status: 429, retryAfter: 'rand(30),add(30)', times: 2 });
    expect((await call(sim, 'GET', '/licenses')).status).toBe(200);
    expect((await call(sim, 'POST', '/people', { body: { emails: ['a@example.com'], displayName: 'A' } })).status).toBe(200);
    const first = await call(sim, 'GET', `/people/${DEMO_IDS.people.bob}`);
    expectWebexError(first, 429);
    expect(first.headers.get('retry-after')).toBe('rand(30),add(30)');
    expect((await call(sim, 'GET', '/people')).status).toBe(429);
    expect((await call(sim, 'GET', '/people')).status).toBe(200);
  });

  it('status: custom body and headers, Infinity times, RegExp paths, applied in order', async () => {
    sim.faults.add({ match: { path: /^\/people\/[^/]+$/ }, kind: 'status', status: 503, body: '<html>gateway</html>', times: Infinity });
    sim.faults.add({ kind: 'status', status: 502, headers: { 'cisco-spark-error-codes': '1234' } });
    for (let i = 0; i < 3; i++) {
      const res = await call(sim, 'GET', `/people/${DEMO_IDS.people.bob}`);
      expect(res.status).toBe(503);
      expect(res.body).toBe('<html>gateway</html>');
    }
    const other = await call(sim, 'GET', '/licenses');
    expectWebexError(other, 502);
    expect(other.headers.get('cisco-spark-error-codes')).toBe('1234');
    expect((await call(sim, 'GET', '/licenses')).status).toBe(200);
    sim.faults.clear();
    expect((await call(sim, 'GET', `/people/${DEMO_IDS.people.bob}`)).status).toBe(200);
  });

  it('skip: lets the first matching requests through, then fires (also through the control endpoint)', async () => {
    sim.faults.add({ match: { method: 'GET', path: '/licenses' }, kind: 'status', status: 503, skip: 2 });
    expect(sim.faults.list()).toEqual([{ match: { method: 'GET', path: '/licenses' }, kind: 'status', status: 503, times: 1, skip: 2 }]);
    expect((await call(sim, 'GET', `/people/${DEMO_IDS.people.bob}`)).status).toBe(200);
    expect((await call(sim, 'GET', '/licenses')).status).toBe(200);
    expect((await call(sim, 'GET', '/licenses')).status).toBe(200);
    expect((await call(sim, 'GET', '/licenses')).status).toBe(503);
    expect((await call(sim, 'GET', '/licenses')).status).toBe(200);
    expect((await control('POST', '/faults', { kind: 'status', status: 500, skip: -1 })).status).toBe(400);
    expect((await control('POST', '/faults', { match: { path: '/licenses' }, kind: 'status', status: 502, skip: 1 })).status).toBe(204);
    expect((await call(sim, 'GET', '/licenses')).status).toBe(200);
    expect((await call(sim, 'GET', '/licenses')).status).toBe(502);
  });

  it('latency: delays the answer and combines with a later status fault', async () => {
    sim.faults.add({ kind: 'latency', ms: 150 });
    sim.faults.add({ kind: 'status', status: 500 });
    const res = await call(sim, 'GET', '/licenses');
    expect(res.status).toBe(500);
    // The simulator records the delay once it has waited it, before the status fault answers.
    expect(sim.requests.map((r) => [r.status, r.latencyMs])).toEqual([[500, 150]]);
  });

  it('drop: destroys the connection without an answer', async () => {
    sim.faults.add({ match: { path: '/licenses' }, kind: 'drop' });
    await expect(call(sim, 'GET', '/licenses')).rejects.toThrow();
    expect(sim.requests[0]).toMatchObject({ path: '/licenses', status: 0 });
    expect((await call(sim, 'GET', '/licenses')).status).toBe(200);
  });

  it('applyThenFail: the person exists after the failed POST', async () => {
    sim.faults.add({ match: { method: 'POST', path: '/people' }, kind: 'applyThenFail', status: 400 });
    const res = await call(sim, 'POST', '/people', { body: { emails: ['half@example.com'], displayName: 'Half Done' } });
    expectWebexError(res, 400);
    const lookup = await call(sim, 'GET', '/people', { query: { email: 'half@example.com' } });
    expect(lookup.body.items).toHaveLength(1);
    // A retry of the create now conflicts, as it would on Webex.
    expect((await call(sim, 'POST', '/people', { body: { emails: ['half@example.com'], displayName: 'Half Done' } })).status).toBe(409);
  });

  it('applyThenFail: PATCH /licenses/users applies, then answers 500', async () => {
    sim.faults.add({ match: { method: 'PATCH' }, kind: 'applyThenFail' });
    const res = await call(sim, 'PATCH', '/licenses/users', {
      body: { personId: DEMO_IDS.people.bob, licenses: [{ id: DEMO_IDS.licenses.messaging, operation: 'remove' }] },
    });
    expectWebexError(res, 500);
    expect(sim.state.people.get(DEMO_IDS.people.bob)?.licenses).not.toContain(DEMO_IDS.licenses.messaging);
  });
});

describe('control endpoints', () => {
  it('add and clear faults, set the rate limit, read and clear the log, reset the org', async () => {
    expect((await control('POST', '/faults', { match: { path: '/licenses' }, kind: 'status', status: 503, retryAfter: '3', times: null })).status).toBe(204);
    expect((await control('POST', '/faults', { kind: 'explode' })).status).toBe(400);
    expect((await call(sim, 'GET', '/licenses')).headers.get('retry-after')).toBe('3');
    expect((await call(sim, 'GET', '/licenses')).status).toBe(503);
    expect(await (await control('GET', '/faults')).json()).toEqual([
      { match: { path: '/licenses' }, kind: 'status', status: 503, retryAfter: '3', times: null },
    ]);
    expect((await control('DELETE', '/faults')).status).toBe(204);
    expect((await call(sim, 'GET', '/licenses')).status).toBe(200);

    const log = (await (await control('GET', '/requests')).json()) as { status: number }[];
    expect(log.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(JSON.stringify(log)).not.toContain(SIM_ACCESS_TOKEN);
    expect((await control('DELETE', '/requests')).status).toBe(204);
    expect(sim.requests).toHaveLength(0);

    expect((await control('PUT', '/rate-limit', { limit: 0, windowMs: 10_000 })).status).toBe(204);
    expect((await call(sim, 'GET', '/licenses')).status).toBe(429);
    expect((await control('PUT', '/rate-limit', null)).status).toBe(204);
    expect((await call(sim, 'GET', '/licenses')).status).toBe(200);
    expect((await control('PUT', '/rate-limit', { limit: 'x' })).status).toBe(400);

    await call(sim, 'DELETE', `/people/${DEMO_IDS.people.bob}`);
    expect((await control('POST', '/reset')).status).toBe(204);
    expect((await call(sim, 'GET', `/people/${DEMO_IDS.people.bob}`)).status).toBe(200);
    expect((await control('GET', '/nothing')).status).toBe(404);
    expect((await control('PATCH', '/faults')).status).toBe(405);
  });

  it('are not behind auth and not logged', async () => {
    expect((await control('GET', '/health')).status).toBe(200);
    expect(sim.requests).toHaveLength(0);
  });
});
