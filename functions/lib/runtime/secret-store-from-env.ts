import { readEnv, type Env } from '../config';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { FileSecretStore } from '../tokens/file-secret-store';
import type { VersionedSecretStore } from '../tokens/secret-store';
import { SecretsManagerSecretStore } from '../aws/secrets-manager-store';
import { ENV } from '../tokens/service-app-secret';

/**
 * The Service App secret's store for its writer, the rotator (versions, compare-and-swap): Secrets Manager in AWS,
 * a file locally. Workflow functions only read it, without the SDK: secretReaderFromEnv.
 */
export function secretStoreFromEnv(env: Env = readEnv()): VersionedSecretStore | undefined {
  if (env[ENV.secretArn]) return new SecretsManagerSecretStore(env[ENV.secretArn]!, new SecretsManagerClient({}));
  if (env[ENV.tokenFile]) return new FileSecretStore(env[ENV.tokenFile]!);
  return undefined;
}
