import { readEnv, type Env } from '../config';
import { ConfigurationError } from '../errors';
import { ExtensionSecretReader } from './extension-secret-reader';
import { FileSecretStore } from './file-secret-store';
import type { SecretReader } from './secret-store';
import { ENV, READ_SECRET_THROUGH_EXTENSION } from './service-app-secret';

/**
 * The Service App secret as the workflow functions read it: through the Parameters and Secrets extension
 * in AWS, from the file store locally. Nothing reachable from here imports the AWS SDK, so the workflow
 * bundles leave it out; the rotator, which writes versions, uses secretStoreFromEnv.
 */
export function secretReaderFromEnv(env: Env = readEnv()): SecretReader | undefined {
  const secretArn = env[ENV.secretArn];
  if (secretArn) {
    if (env[ENV.secretReader] !== READ_SECRET_THROUGH_EXTENSION) {
      throw new ConfigurationError(
        `${ENV.secretArn} is read through the AWS Parameters and Secrets Lambda Extension: attach its layer and set ${ENV.secretReader}=${READ_SECRET_THROUGH_EXTENSION}`,
      );
    }
    const port = Number(env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT);
    return new ExtensionSecretReader(secretArn, {
      port: Number.isInteger(port) && port > 0 ? port : undefined,
      sessionToken: env.AWS_SESSION_TOKEN,
    });
  }
  if (env[ENV.tokenFile]) return new FileSecretStore(env[ENV.tokenFile]!);
  return undefined;
}
