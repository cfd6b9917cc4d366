import { DEMO_IDS, SIM_ACCESS_TOKEN } from '../../../functions/simulator/seed';
import { startSimulator, type Simulator } from '../../../functions/simulator/server';
import { call, expectWebexError } from './helpers';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe('auth', () => {
  it('answers 401 with the Webex error body without a token, with an unknown one, or with an expired one', async () => {
    expectWebexError(await call(sim, 'GET', '/people', { token: null }), 401);
    expectWebexError(await call(sim, 'GET', '/people', { token: 'nope' }), 401);
    const token = sim.issueAccessToken();
    expect((await call(sim, 'GET', '/licenses', { token })).status).toBe(200);
    sim.expireAccessToken(token);
    expectWebexError(await call(sim, 'GET', '/licenses', { token }), 401);
  });

  it('accepts the seeded demo token and honours a short ttl', async () => {
    expect((await call(sim, 'GET', '/licenses', { token: SIM_ACCESS_TOKEN })).status).toBe(200);
    const token = sim.state.issueAccessToken(0);
    expect((await call(sim, 'GET', '/licenses', { token })).status).toBe(401);
  });

  it('never records the Authorization header', async () => {
    await call(sim, 'GET', '/people', { query: { email: 'x@example.com' } });
    expect(JSON.stringify(sim.requests)).not.toContain(SIM_ACCESS_TOKEN);
    expect(sim.requests[0]).toMatchObject({ method: 'GET', path: '/people', query: { email: 'x@example.com' }, status: 200 });
  });
});

describe('tracking ids and errors', () => {
  it('echoes the TrackingID header, in the header and the error body', async () => {
    const res = await call(sim, 'GET', '/people/unknown', { headers: { TrackingID: 'TEST_123' } });
    expectWebexError(res, 404);
    expect(res.headers.get('trackingid')).toBe('TEST_123');
    expect(res.body.trackingId).toBe('TEST_123');
    expect(sim.requests[0].trackingId).toBe('TEST_123');
  });

  it('generates SIM_ tracking ids otherwise, on successes too', async () => {
    const res = await call(sim, 'GET', '/licenses');
    expect(res.headers.get('trackingid')).toMatch(/^SIM_[0-9a-f-]{36}$/);
  });

  it('answers 404 for unknown routes, 405 for a wrong method, 400 for a body that is not JSON', async () => {
    expectWebexError(await call(sim, 'GET', '/nothing/here'), 404);
    expectWebexError(await call(sim, 'GET', '/../v2/people'), 404);
    const wrong = await call(sim, 'PATCH', `/people/${DEMO_IDS.people.bob}`, { body: {} });
    expectWebexError(wrong, 405);
    expect(wrong.headers.get('allow')).toContain('PUT');
    expectWebexError(await call(sim, 'GET', '/licenses/users'), 405);
    expectWebexError(await call(sim, 'POST', '/people', { body: '{"emails": [' }), 400);
  });
});
