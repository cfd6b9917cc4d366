import { GetSecretValueCommand, PutSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSecretStore } from '../../../functions/lib/tokens/file-secret-store';
import { SecretTokenProvider } from '../../../functions/lib/tokens/secret-token-provider';
import { SecretsManagerSecretStore } from '../../../functions/lib/aws/secrets-manager-store';
import { serviceAppSecret as secret } from '../../support/service-app-secret';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:webex-abc';

describe('SecretTokenProvider over Secrets Manager', () => {
  const sm = mockClient(SecretsManagerClient);
  beforeEach(() => sm.reset());

  it('reads the secret once and serves the cached token within the TTL', async () => {
    sm.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: JSON.stringify(secret('access-1')) });
    let now = 1_000;
    const provider = new SecretTokenProvider(new SecretsManagerSecretStore(ARN, new SecretsManagerClient({})), { ttlMs: 60_000, now: () => now });
    await expect(provider.getAccessToken()).resolves.toBe('access-1');
    now += 59_000;
    await expect(provider.getAccessToken()).resolves.toBe('access-1');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    now += 2_000;
    await provider.getAccessToken();
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('shares one read between concurrent callers', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(secret('access-1')) });
    const provider = new SecretTokenProvider(new SecretsManagerSecretStore(ARN, new SecretsManagerClient({})));
    await Promise.all([provider.getAccessToken(), provider.getAccessToken(), provider.getAccessToken()]);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('re-reads after invalidate (the client calls it on a 401) and picks up a rotated token', async () => {
    sm.on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: JSON.stringify(secret('old')) })
      .resolves({ SecretString: JSON.stringify(secret('rotated')) });
    const provider = new SecretTokenProvider(new SecretsManagerSecretStore(ARN, new SecretsManagerClient({})));
    await expect(provider.getAccessToken()).resolves.toBe('old');
    provider.invalidate();
    await expect(provider.getAccessToken()).resolves.toBe('rotated');
  });

  it('explains a missing secret without calling it a Webex failure', async () => {
    sm.on(GetSecretValueCommand).rejects(new ResourceNotFoundException({ message: 'nope', $metadata: {} }));
    const provider = new SecretTokenProvider(new SecretsManagerSecretStore(ARN, new SecretsManagerClient({})));
    await expect(provider.getAccessToken()).rejects.toMatchObject({ name: 'SecretUnavailableError', message: expect.stringMatching(/connect the Service App/) });
  });

  it('names malformed fields without quoting any secret value', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ clientId: 'x', clientSecret: 'super-secret-value', accessToken: '' }) });
    const provider = new SecretTokenProvider(new SecretsManagerSecretStore(ARN, new SecretsManagerClient({})));
    const error = await provider.getAccessToken().catch((e) => e);
    expect(error.name).toBe('SecretUnavailableError');
    expect(error.message).toMatch(/accessToken/);
    expect(error.message).toMatch(/refreshToken/);
    expect(error.message).not.toContain('super-secret-value');
  });

  it('writes the whole secret as JSON', async () => {
    sm.on(PutSecretValueCommand).resolves({});
    await new SecretsManagerSecretStore(ARN, new SecretsManagerClient({})).write(secret('new'));
    const input = sm.commandCalls(PutSecretValueCommand)[0].args[0].input;
    expect(input.SecretId).toBe(ARN);
    expect(JSON.parse(input.SecretString!)).toEqual(secret('new'));
  });
});

describe('FileSecretStore', () => {
  it('round-trips the secret in a file only its owner can read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'webex-secret-'));
    const store = new FileSecretStore(join(dir, 'nested', 'secret.json'));
    await expect(store.read()).resolves.toBeUndefined();
    await store.write(secret('local-token'));
    await expect(store.read()).resolves.toEqual(secret('local-token'));
    expect((await stat(store.path)).mode & 0o777).toBe(0o600);
    const provider = new SecretTokenProvider(store);
    await expect(provider.getAccessToken()).resolves.toBe('local-token');
  });

  it('reports invalid JSON by path, not by content', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'webex-secret-'));
    const path = join(dir, 's.json');
    await writeFile(path, '{"accessToken": "abc",');
    const error = await new FileSecretStore(path).read().catch((e) => e);
    expect(error.message).toContain(path);
    expect(error.message).not.toContain('abc');
    expect(await readFile(path, 'utf8')).toContain('abc');
  });
});
