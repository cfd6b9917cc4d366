import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { once, type Env } from '../config';
import { ConfigurationError } from '../errors';
import type { Deps } from '../runtime/deps';
import { ENV } from '../tokens/service-app-secret';
import { SecretsManagerSecretStore } from './secrets-manager-store';

/**
 * The rotator's store in AWS: the secret named by WEBEX_SECRET_ARN in Secrets Manager, through the SDK (the
 * extension cannot write). Made on first use with one SDK client, kept while the container is warm. Only the
 * rotator's entry imports this module: the workflow bundles carry no Secrets Manager client.
 */
export function secretsManagerStoreDeps(env: () => Env, client: () => SecretsManagerClient = sharedClient): Pick<Deps, 'secretStore'> {
  return {
    secretStore: once(() => {
      const arn = env()[ENV.secretArn];
      if (!arn) throw new ConfigurationError(`Set ${ENV.secretArn} (or ${ENV.tokenFile} locally)`);
      return new SecretsManagerSecretStore(arn, client());
    }),
  };
}

let sm: SecretsManagerClient | undefined;
const sharedClient = () => (sm ??= new SecretsManagerClient({}));
