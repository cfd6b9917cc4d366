import { once, type Env } from '../config';
import { numberSetting } from '../settings';
import { ConfigurationError } from '../errors';
import type { Deps } from '../runtime/deps';
import { ExtensionSecretReader } from '../tokens/extension-secret-reader';
import type { SecretReader } from '../tokens/secret-store';
import { ENV, READ_SECRET_THROUGH_EXTENSION } from '../tokens/service-app-secret';
import { lambdaEnv } from './lambda-env';

/**
 * The Service App secret as a Lambda reads it: through the AWS Parameters and Secrets Lambda Extension
 * (WEBEX_SECRET_ARN, with WEBEX_SECRET_READER=extension, both set by the stack). Nothing reachable from here
 * imports the AWS SDK, so the workflow bundles leave it out; the rotator, which writes versions, composes
 * the SDK store instead (lambda-secret-store.ts). Undefined when the function is given no secret.
 */
export function extensionSecretReader(env: Env): SecretReader | undefined {
  const secretArn = env[ENV.secretArn];
  if (!secretArn) return undefined;
  if (env[ENV.secretReader] !== READ_SECRET_THROUGH_EXTENSION) {
    throw new ConfigurationError(
      `${ENV.secretArn} is read through the AWS Parameters and Secrets Lambda Extension: attach its layer and set ${ENV.secretReader}=${READ_SECRET_THROUGH_EXTENSION}`,
    );
  }
  return new ExtensionSecretReader(secretArn, {
    port: numberSetting(env, 'secretsExtensionPort'),
    sessionToken: env.AWS_SESSION_TOKEN,
  });
}

/** The reader as a part of a Lambda's Deps, made on first use. */
export function lambdaSecretReaderDeps(env: () => Env): Pick<Deps, 'webexSecret'> {
  return { webexSecret: once(() => extensionSecretReader(env())) };
}

/** The container's, for a function that reads the secret but never calls Webex (GET /connection). */
export const lambdaWebexSecret = lambdaSecretReaderDeps(lambdaEnv);
