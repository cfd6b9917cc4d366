import { GetSecretValueCommand, PutSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { parseScimTokenSecret, type ScimTokenSecret } from '../scim-auth/scim-token';
import type { ScimTokenStore } from '../scim-auth/scim-token-store';

/** The stack's SCIM token secret (`ScimTokenSecretArn`), as `npm run scim-token -- --secret-arn` writes it. */
export class SecretsManagerScimTokenStore implements ScimTokenStore {
  constructor(
    private readonly secretId: string,
    private readonly client: SecretsManagerClient = new SecretsManagerClient({}),
  ) {}

  async read(): Promise<ScimTokenSecret | undefined> {
    try {
      const out = await this.client.send(new GetSecretValueCommand({ SecretId: this.secretId }));
      return parseScimTokenSecret(out.SecretString);
    } catch (error) {
      // The secret exists once the stack is deployed; before, there is simply no token to rotate from.
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }

  async write(secret: ScimTokenSecret): Promise<void> {
    await this.client.send(new PutSecretValueCommand({ SecretId: this.secretId, SecretString: JSON.stringify(secret) }));
  }
}
