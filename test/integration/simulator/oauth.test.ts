import { SIM_ACCESS_TOKEN, SIM_CLIENT_ID, SIM_CLIENT_SECRET, SIM_REFRESH_TOKEN } from '../../../functions/simulator/seed';
import { startSimulator, type Simulator } from '../../../functions/simulator/server';
import { call } from './helpers';

const form = (overrides: Record<string, string> = {}) => ({
  grant_type: 'refresh_token', client_id: SIM_CLIENT_ID, client_secret: SIM_CLIENT_SECRET, refresh_token: SIM_REFRESH_TOKEN,
  ...overrides,
});

describe('POST /v1/access_token (default options: rotate, old refresh token invalid)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());

  const refresh = (fields: Record<string, string>) => call(sim, 'POST', '/access_token', { form: fields, token: null });

  it('issues a new pair; the new access token works and the old one stays valid', async () => {
    const res = await refresh(form());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.any(String), expires_in: 1209600,
      refresh_token: expect.any(String), refresh_token_expires_in: 7776000, token_type: 'Bearer',
    });
    expect(res.body.refresh_token).not.toBe(SIM_REFRESH_TOKEN);
    expect((await call(sim, 'GET', '/licenses', { token: res.body.access_token })).status).toBe(200);
    expect((await call(sim, 'GET', '/licenses', { token: SIM_ACCESS_TOKEN })).status).toBe(200);
    // Rotation: the previous refresh token is spent, the new one works.
    expect((await refresh(form())).body.error).toBe('invalid_grant');
    expect((await refresh(form({ refresh_token: res.body.refresh_token }))).status).toBe(200);
  });

  it('records the form fields as the body', async () => {
    await refresh(form());
    expect(sim.requests[0]).toMatchObject({ method: 'POST', path: '/access_token', status: 200, body: { grant_type: 'refresh_token' } });
  });

  it('answers invalid_client (401) for a wrong client id or secret', async () => {
    for (const fields of [form({ client_secret: 'wrong' }), form({ client_id: 'someone-else' })]) {
      const res = await refresh(fields);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: 'invalid_client', error_description: expect.any(String), trackingId: expect.any(String) });
    }
  });

  it('answers invalid_grant (400) for unknown, expired and revoked refresh tokens', async () => {
    expect((await refresh(form({ refresh_token: 'made-up' }))).body.error).toBe('invalid_grant');
    sim.expireRefreshToken(SIM_REFRESH_TOKEN);
    const expired = await refresh(form());
    expect(expired.status).toBe(400);
    expect(expired.body).toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/expired/) });
    sim.reset();
    sim.revokeRefreshToken(SIM_REFRESH_TOKEN);
    expect((await refresh(form())).body).toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/revoked/) });
  });

  it('wants a form body: JSON or a missing grant type is a 400', async () => {
    const json = await call(sim, 'POST', '/access_token', { body: form(), token: null });
    expect(json.status).toBe(400);
    expect(json.body.error).toBe('invalid_request');
    expect((await refresh({ client_id: SIM_CLIENT_ID })).status).toBe(400);
    expect((await refresh(form({ grant_type: 'password' }))).body.error).toBe('unsupported_grant_type');
  });

  it('does not need a bearer token, and ignores a dead one', async () => {
    const res = await call(sim, 'POST', '/access_token', { form: form(), token: 'expired-or-garbage' });
    expect(res.status).toBe(200);
  });
});

describe('POST /v1/access_token rotation options', () => {
  it('keeps the old refresh token valid with oldRefreshTokenStaysValid', async () => {
    const sim = await startSimulator({ oauth: { oldRefreshTokenStaysValid: true, accessTokenTtlSeconds: 60 } });
    try {
      const first = await call(sim, 'POST', '/access_token', { form: form(), token: null });
      expect(first.body.expires_in).toBe(60);
      expect(first.body.refresh_token).not.toBe(SIM_REFRESH_TOKEN);
      expect((await call(sim, 'POST', '/access_token', { form: form(), token: null })).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('returns the same refresh token, its lifetime counting down, without rotation', async () => {
    const sim = await startSimulator({ oauth: { rotateRefreshToken: false } });
    try {
      const res = await call(sim, 'POST', '/access_token', { form: form(), token: null });
      expect(res.body.refresh_token).toBe(SIM_REFRESH_TOKEN);
      expect(res.body.refresh_token_expires_in).toBeLessThanOrEqual(7776000);
      expect(res.body.refresh_token_expires_in).toBeGreaterThan(7775990);
      expect((await call(sim, 'POST', '/access_token', { form: form(), token: null })).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
