import { lambdaWebexDeps } from '../../../functions/lib/aws/lambda-webex';
import { readEnv } from '../../../functions/lib/config';
import { startHarness, type Harness } from '../../support/harness';
import { startFakeSecretsExtension, type FakeSecretsExtension } from '../../support/fake-secrets-extension';

// The handlers composed as their Lambda entries compose them (aws/lambda-webex.ts) and configured as the stack
// deploys them: the secret's ARN, read through the Parameters and Secrets extension (a loopback stand-in
// here), the simulator as Webex.
const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:webex-provisioning-AbC123';
const ENV_KEYS = ['WEBEX_SECRET_ARN', 'WEBEX_SECRET_READER', 'PARAMETERS_SECRETS_EXTENSION_HTTP_PORT', 'AWS_SESSION_TOKEN'];

let h: Harness | undefined;
let extension: FakeSecretsExtension;

const secretWith = (accessToken: string) =>
  JSON.stringify({
    orgName: 'Demo Org',
    clientId: 'client',
    clientSecret: 'client-secret-value',
    accessToken,
    accessTokenExpiresAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
    refreshToken: 'refresh-token-value',
    refreshTokenExpiresAt: new Date(Date.now() + 80 * 86_400_000).toISOString(),
  });

async function start(secrets: Record<string, string>) {
  extension = await startFakeSecretsExtension(secrets, 'lambda-session-token');
  h = await startHarness({
    WEBEX_SECRET_ARN: ARN,
    WEBEX_SECRET_READER: 'extension',
    PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(extension.port),
    AWS_SESSION_TOKEN: extension.sessionToken,
  }, { webex: lambdaWebexDeps(() => readEnv()) });
  return h;
}

afterEach(async () => {
  await h?.close();
  h = undefined;
  await extension.close();
  for (const key of ENV_KEYS) delete process.env[key];
});

describe('workflow functions reading the secret through the Parameters and Secrets extension', () => {
  it('serve a request with the token the extension returns, asked for by ARN with the session token', async () => {
    const boot = await start({});
    const token = boot.sim.issueAccessToken();
    extension.put(ARN, secretWith(token));
    const res = await boot.call('GET', '/users/alice.admin%40example.com');
    expect(res.status).toBe(200);
    expect(extension.requests).toEqual([{ secretId: ARN, token: 'lambda-session-token' }]);
  });

  it('after a 401 re-read the secret, get the rotated token at once (extension cache off), and succeed', async () => {
    const boot = await start({});
    const first = boot.sim.issueAccessToken();
    extension.put(ARN, secretWith(first));
    expect((await boot.call('GET', '/users/alice.admin%40example.com')).status).toBe(200);

    const second = boot.sim.issueAccessToken();
    extension.put(ARN, secretWith(second));
    boot.sim.expireAccessToken(first);
    const res = await boot.call('GET', '/users/alice.admin%40example.com');
    expect(res.status).toBe(200);
    expect(boot.webexCalls().filter((r) => r.status === 401)).toHaveLength(1);
    expect(extension.requests).toHaveLength(2);
  });

  it('answer 500 with the extension\'s reason, never a token, when the secret cannot be read', async () => {
    const boot = await start({});
    const res = await boot.call('GET', '/users/alice.admin%40example.com');
    expect(res.status).toBe(500);
    expect(res.body.error).toMatchObject({ code: 'SecretUnavailableError', message: expect.stringMatching(/HTTP 400/) });
    expect(JSON.stringify(res.body)).not.toContain('lambda-session-token');
    expect(boot.webexCalls()).toHaveLength(0);
  });

  it('GET /connection reports the stored pair, or "not connected" with the reason', async () => {
    const boot = await start({ [ARN]: secretWith('any-token') });
    const healthy = await boot.call('GET', '/connection');
    expect(healthy.status).toBe(200);
    expect(healthy.body).toMatchObject({ status: 'healthy', organisation: { name: 'Demo Org' } });
    expect(JSON.stringify(healthy.body)).not.toMatch(/any-token|client-secret-value|refresh-token-value/);

    extension.failNext(400);
    const unreadable = await boot.call('GET', '/connection');
    expect(unreadable.status).toBe(200);
    expect(unreadable.body).toMatchObject({ status: 'not-connected', message: expect.stringMatching(/^Not connected: .*HTTP 400/) });
  });
});
