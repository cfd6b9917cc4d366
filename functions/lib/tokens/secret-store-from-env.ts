import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { FileSecretStore } from './file-secret-store';
import type { VersionedSecretStore } from './secret-store';
import { SecretsManagerSecretStore } from './secrets-manager-store';
import { ENV } from './service-app-secret';

/**
 * The Service App secret's store for its writer, the rotator (versions, compare-and-swap): Secrets Manager in AWS,
 * a file locally. Workflow functions only read it, without the SDK: secretReaderFromEnv.
 */
export function secretStoreFromEnv(env: NodeJS.ProcessEnv = process.env): VersionedSecretStore | undefined {
  if (env[ENV.secretArn]) return new SecretsManagerSecretStore(env[ENV.secretArn]!, new SecretsManagerClient({}));
  if (env[ENV.tokenFile]) return new FileSecretStore(env[ENV.tokenFile]!);
  return undefined;
}
