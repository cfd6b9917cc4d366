import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { secretsManagerStoreDeps } from '../../../functions/lib/aws/lambda-secret-store';
import { SecretsManagerSecretStore } from '../../../functions/lib/aws/secrets-manager-store';
import { serviceAppSecret as secret } from '../../support/service-app-secret';

// The rotator's Lambda composition: the secret named by WEBEX_SECRET_ARN, in Secrets Manager, through the SDK.
const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:webex-abc';

describe('secretsManagerStoreDeps', () => {
  const sm = mockClient(SecretsManagerClient);
  beforeEach(() => sm.reset());

  it('makes the store on first use, for WEBEX_SECRET_ARN, with one SDK client kept while warm', async () => {
    const env = jest.fn(() => ({ WEBEX_SECRET_ARN: ARN }));
    const client = jest.fn(() => new SecretsManagerClient({ region: 'eu-west-1' }));
    const { secretStore } = secretsManagerStoreDeps(env, client);
    expect(env).not.toHaveBeenCalled();
    sm.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: JSON.stringify(secret('access-1')), VersionId: 'v1' });
    sm.on(PutSecretValueCommand).resolves({ VersionId: 'v2' });

    const store = secretStore();
    expect(store).toBeInstanceOf(SecretsManagerSecretStore);
    expect(secretStore()).toBe(store);
    await expect(store.readVersion()).resolves.toEqual({ secret: secret('access-1'), versionId: 'v1' });
    await expect(store.writeVersion(secret('access-2'), 'token-1')).resolves.toBe('v2');
    expect(sm.commandCalls(PutSecretValueCommand)[0].args[0].input).toMatchObject({ SecretId: ARN, ClientRequestToken: 'token-1' });
    expect(client).toHaveBeenCalledTimes(1);
  });

  it('names the variable when the rotator is given no secret', () => {
    const { secretStore } = secretsManagerStoreDeps(() => ({}));
    expect(() => secretStore()).toThrow(expect.objectContaining({ name: 'ConfigurationError', message: expect.stringMatching(/Set WEBEX_SECRET_ARN/) }));
  });
});
