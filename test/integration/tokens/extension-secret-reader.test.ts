import { ExtensionSecretReader } from '../../../functions/lib/tokens/extension-secret-reader';
import { SecretTokenProvider } from '../../../functions/lib/tokens/secret-token-provider';
import { startFakeSecretsExtension, type FakeSecretsExtension } from '../../support/fake-secrets-extension';
import { closedPort, startScriptedServer } from '../../support/scripted-http-server';
import { serviceAppSecret as secret } from '../../support/service-app-secret';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:webex/provisioning-AbC123';

let extension: FakeSecretsExtension;
beforeEach(async () => {
  extension = await startFakeSecretsExtension({ [ARN]: JSON.stringify(secret('access-1')) }, 'session-token-value');
});
afterEach(() => extension.close());

const reader = (options: { sessionToken?: string; port?: number; timeoutMs?: number } = {}) =>
  new ExtensionSecretReader(ARN, { port: extension.port, sessionToken: extension.sessionToken, ...options });

/** Every error must be useful without quoting anything secret. */
function expectNothingSecret(error: Error) {
  for (const value of ['session-token-value', 'access-1', 'client-secret-value', 'refresh-token-value']) expect(error.message).not.toContain(value);
}

describe('ExtensionSecretReader', () => {
  it('asks the extension for the secret by ARN with the session token, and parses GetSecretValue', async () => {
    await expect(reader().read()).resolves.toEqual(secret('access-1'));
    expect(extension.requests).toEqual([{ secretId: ARN, token: 'session-token-value' }]);
  });

  it('behind the token provider: cached for its TTL, re-read fresh after a 401 invalidates it', async () => {
    let now = 0;
    const provider = new SecretTokenProvider(reader(), { ttlMs: 60_000, now: () => now });
    await expect(provider.getAccessToken()).resolves.toBe('access-1');
    now += 59_000;
    await expect(provider.getAccessToken()).resolves.toBe('access-1');
    expect(extension.requests).toHaveLength(1);

    // The rotator stores a new token; the extension (cache off) serves it to the re-read at once.
    extension.put(ARN, JSON.stringify(secret('access-2')));
    provider.invalidate();
    await expect(provider.getAccessToken()).resolves.toBe('access-2');
    expect(extension.requests).toHaveLength(2);
  });

  it('explains the bare 400 the extension gives for a missing or unreadable secret', async () => {
    const error = await new ExtensionSecretReader('arn:aws:secretsmanager:eu-west-1:123456789012:secret:other-XyZ987', {
      port: extension.port,
      sessionToken: extension.sessionToken,
    })
      .read()
      .catch((e) => e);
    expect(error).toMatchObject({ name: 'SecretUnavailableError', message: expect.stringMatching(/HTTP 400: the secret does not exist, or the function's role may not read/) });
    expectNothingSecret(error);
  });

  it('reports a refused request token without quoting it', async () => {
    const error = await reader({ sessionToken: 'stale-session-token' }).read().catch((e) => e);
    expect(error).toMatchObject({ name: 'SecretUnavailableError', message: expect.stringMatching(/HTTP 401: .*request token/) });
    expect(error.message).not.toContain('stale-session-token');
  });

  it('refuses to ask without AWS_SESSION_TOKEN', async () => {
    await expect(reader({ sessionToken: '' }).read()).rejects.toMatchObject({ name: 'SecretUnavailableError', message: expect.stringMatching(/AWS_SESSION_TOKEN/) });
    expect(extension.requests).toHaveLength(0);
  });

  it('reports Secrets Manager failures relayed by the extension (5xx)', async () => {
    extension.failNext(502);
    const error = await reader().read().catch((e) => e);
    expect(error).toMatchObject({ name: 'SecretUnavailableError', message: expect.stringMatching(/HTTP 502: .*Secrets Manager/) });
    await expect(reader().read()).resolves.toEqual(secret('access-1'));
  });

  it('says the layer may be missing when nothing listens on the port', async () => {
    const error = await reader({ port: await closedPort() }).read().catch((e) => e);
    expect(error).toMatchObject({ name: 'SecretUnavailableError', message: expect.stringMatching(/could not be reached \(ECONNREFUSED\): is its layer attached/) });
    // The socket's error is kept as the cause (it carries no request header, so no session token).
    expect(error.cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('gives up on an extension that does not answer', async () => {
    const silent = await startScriptedServer();
    silent.script(['hang']);
    try {
      const error = await reader({ port: silent.port, timeoutMs: 50 }).read().catch((e) => e);
      expect(error).toMatchObject({ name: 'SecretUnavailableError', message: expect.stringMatching(/no answer within 50 ms/) });
    } finally {
      await silent.close();
    }
  });

  it('names malformed fields of the stored secret without quoting values (the stack\'s empty placeholder)', async () => {
    extension.put(ARN, JSON.stringify({ clientId: '', clientSecret: 'client-secret-value', accessToken: '', refreshToken: '' }));
    const error = await reader().read().catch((e) => e);
    expect(error).toMatchObject({ name: 'SecretUnavailableError', message: expect.stringMatching(/clientId.*accessToken.*refreshToken/) });
    expectNothingSecret(error);
  });

  it('treats an answer without a SecretString as no secret stored, and non-JSON as a fault', async () => {
    const odd = await startScriptedServer();
    odd.script([{ status: 200, body: { ARN, SecretBinary: 'AAEC', SecretString: null } }, { status: 200, raw: '<html>' }]);
    try {
      await expect(reader({ port: odd.port }).read()).resolves.toBeUndefined();
      await expect(reader({ port: odd.port }).read()).rejects.toMatchObject({ name: 'SecretUnavailableError', message: expect.stringMatching(/other than GetSecretValue JSON/) });
    } finally {
      await odd.close();
    }
  });
});
