import { FileSecretStore } from '../../../functions/lib/tokens/file-secret-store';
import { startHarness, tempFile, type Harness } from '../../support/harness';

let h: Harness;
let store: FileSecretStore;

beforeEach(async () => {
  store = new FileSecretStore(await tempFile('secret.json'));
});
afterEach(async () => {
  await h?.close();
});

const secretWith = (accessToken: string) => ({
  clientId: 'client', clientSecret: 'client-secret', accessToken, refreshToken: 'refresh',
});

describe('expired access token mid-run', () => {
  it('re-reads the secret once on 401 and succeeds with the token the rotator stored', async () => {
    const path = store.path;
    h = await startHarness({ WEBEX_TOKEN_FILE: path });
    const first = h.sim.issueAccessToken();
    await store.write(secretWith(first));
    expect((await h.call('GET', '/users/alice.admin%40example.com')).status).toBe(200);

    // The rotator writes a new token and Webex expires the old one; the warm function still holds the old.
    const second = h.sim.issueAccessToken();
    await store.write(secretWith(second));
    h.sim.expireAccessToken(first);
    const res = await h.call('GET', '/users/alice.admin%40example.com');
    expect(res.status).toBe(200);
    expect(h.webexCalls().filter((r) => r.status === 401)).toHaveLength(1);
  });

  it('reports a token Webex keeps refusing as 502 without leaking it', async () => {
    const path = store.path;
    h = await startHarness({ WEBEX_TOKEN_FILE: path });
    const token = h.sim.issueAccessToken();
    h.sim.expireAccessToken(token);
    await store.write(secretWith(token));
    const res = await h.call('GET', '/users/alice.admin%40example.com');
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('WebexAuthError');
    expect(JSON.stringify(res.body)).not.toContain(token);
  });

  it('answers 500 naming the missing configuration when no secret is stored', async () => {
    h = await startHarness({ WEBEX_TOKEN_FILE: store.path });
    const res = await h.call('GET', '/users/alice.admin%40example.com');
    expect(res.status).toBe(500);
    expect(res.body.error.message).toMatch(/connect the Service App/);
  });
});
