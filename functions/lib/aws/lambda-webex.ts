import { once, type Env } from '../config';
import { ConfigurationError } from '../errors';
import type { Deps } from '../runtime/deps';
import { ExtensionSecretReader } from '../tokens/extension-secret-reader';
import type { SecretReader } from '../tokens/secret-store';
import { SecretTokenProvider } from '../tokens/secret-token-provider';
import { ENV, READ_SECRET_THROUGH_EXTENSION } from '../tokens/service-app-secret';
import { configuredWebexClient } from '../webex/configured-client';
import { StaticTokenProvider, type TokenProvider } from '../webex/token-provider';
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
  const port = Number(env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT);
  return new ExtensionSecretReader(secretArn, {
    port: Number.isInteger(port) && port > 0 ? port : undefined,
    sessionToken: env.AWS_SESSION_TOKEN,
  });
}

/**
 * A Lambda's token source: the secret through the extension, or a static WEBEX_ACCESS_TOKEN where a stack
 * sets one (a developer's stack against a real org without a Service App), which then wins.
 */
export function lambdaTokenProvider(env: Env): TokenProvider {
  const staticToken = env[ENV.accessToken];
  if (staticToken) return new StaticTokenProvider(staticToken);
  const reader = extensionSecretReader(env);
  if (reader) return new SecretTokenProvider(reader);
  throw new ConfigurationError(`No Webex credentials configured: set ${ENV.secretArn} or ${ENV.accessToken}`);
}

/**
 * The Webex parts of a Lambda's Deps, each made on first use and kept for the container's life: one client,
 * one token cache, reused while warm. A function without credentials fails when it first calls Webex, with
 * a ConfigurationError naming the variables (and again on the next call: a failed build is not kept).
 */
export function lambdaWebexDeps(env: () => Env): Pick<Deps, 'webex' | 'webexSecret'> {
  return {
    webex: once(() => configuredWebexClient(env(), lambdaTokenProvider(env()))),
    webexSecret: once(() => extensionSecretReader(env())),
  };
}

/** The container's: what a Lambda entry composes its handler with (`routeHandler(route, lambdaWebex)`). */
export const lambdaWebex = lambdaWebexDeps(lambdaEnv);
