import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { SecretWriteConflictError, type SecretVersion, type VersionedSecretStore } from '../tokens/secret-store';
import { parseServiceAppSecret, type ServiceAppSecret } from '../tokens/service-app-secret';

/** The Service App secret in AWS Secrets Manager (its ARN comes from WEBEX_SECRET_ARN). */
export class SecretsManagerSecretStore implements VersionedSecretStore {
  constructor(
    private readonly secretId: string,
    private readonly client: SecretsManagerClient = new SecretsManagerClient({}),
  ) {}

  async read(): Promise<ServiceAppSecret | undefined> {
    return (await this.readVersion())?.secret;
  }

  async readVersion(): Promise<SecretVersion | undefined> {
    try {
      const out = await this.client.send(new GetSecretValueCommand({ SecretId: this.secretId }));
      if (!out.SecretString) return undefined;
      return { secret: parseServiceAppSecret(out.SecretString, 'the Secrets Manager secret'), versionId: out.VersionId ?? '' };
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }

  async write(secret: ServiceAppSecret): Promise<void> {
    await this.client.send(new PutSecretValueCommand({ SecretId: this.secretId, SecretString: JSON.stringify(secret) }));
  }

  async writeVersion(secret: ServiceAppSecret, requestToken: string): Promise<string> {
    try {
      const out = await this.client.send(
        new PutSecretValueCommand({
          SecretId: this.secretId,
          SecretString: JSON.stringify(secret),
          // Secrets Manager: same token + same content = no-op; same token + other content = refused.
          ClientRequestToken: requestToken,
        }),
      );
      return out.VersionId ?? requestToken;
    } catch (error) {
      if (error instanceof ResourceExistsException) {
        // The SDK's error answers a PutSecretValue: it names the secret and the request token, never the value.
        throw new SecretWriteConflictError('Another writer already replaced this version of the Webex secret', { cause: error });
      }
      throw error;
    }
  }
}
