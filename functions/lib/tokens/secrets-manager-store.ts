import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { SecretUnavailableError, type SecretStore } from './secret-store';
import { parseServiceAppSecret, type ServiceAppSecret } from './service-app-secret';

/** The Service App secret in AWS Secrets Manager (its ARN comes from WEBEX_SECRET_ARN). */
export class SecretsManagerSecretStore implements SecretStore {
  constructor(
    private readonly secretId: string,
    private readonly client: SecretsManagerClient = new SecretsManagerClient({}),
  ) {}

  async read(): Promise<ServiceAppSecret | undefined> {
    try {
      const out = await this.client.send(new GetSecretValueCommand({ SecretId: this.secretId }));
      if (!out.SecretString) return undefined;
      return parseServiceAppSecret(out.SecretString, 'the Secrets Manager secret');
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }

  async write(secret: ServiceAppSecret): Promise<void> {
    await this.client.send(new PutSecretValueCommand({ SecretId: this.secretId, SecretString: JSON.stringify(secret) }));
  }
}


