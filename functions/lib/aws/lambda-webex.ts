import { once, type Env } from '../config';
import type { Deps } from '../runtime/deps';
import { ENV } from '../tokens/service-app-secret';
import { tokenProviderOf } from '../tokens/token-source';
import { configuredWebexClient } from '../webex/configured-client';
import type { TokenProvider } from '../webex/token-provider';
import { emfWebexMetrics } from './emf-webex-metrics';
import { lambdaEnv } from './lambda-env';
import { extensionSecretReader, lambdaSecretReaderDeps } from './lambda-secret-reader';

/**
 * A Lambda's token source: the secret through the extension, or a static WEBEX_ACCESS_TOKEN where a stack
 * sets one (a developer's stack against a real org without a Service App), which then wins.
 */
export function lambdaTokenProvider(env: Env): TokenProvider {
  return tokenProviderOf(env, extensionSecretReader(env), ENV.secretArn);
}

/**
 * The Webex parts of a Lambda's Deps, each made on first use and kept for the container's life: one client,
 * one token cache, reused while warm. A function without credentials fails when it first calls Webex, with
 * a ConfigurationError naming the variables (and again on the next call: a failed build is not kept).
 */
export function lambdaWebexDeps(env: () => Env, pacing?: Deps['pacing']): Pick<Deps, 'webex' | 'webexSecret'> {
  return {
    // Every attempt's status and duration as CloudWatch metrics (EMF), the dashboard's Webex widgets.
    webex: once(() => configuredWebexClient(env(), lambdaTokenProvider(env()), {
      metrics: emfWebexMetrics(),
      onRateLimited: pacing && ((ms) => pacing().rateLimited(ms)),
    })),
    webexSecret: lambdaSecretReaderDeps(env).webexSecret,
  };
}

/**
 * The container's: what a Lambda entry composes its handler with (`routeHandler(route, lambdaWebex)`). A function
 * that only reads the secret (GET /connection) takes `lambdaWebexSecret` (lambda-secret-reader.ts) instead, so its
 * bundle carries no Webex client.
 */
export const lambdaWebex = lambdaWebexDeps(lambdaEnv);

/**
 * The same, for the functions that run many Webex requests in the runs (the lifecycle and Enable Calling steps,
 * the reconcile planner): every 429 is reported to the deployment's pacing budget (`pacing`, the activity table).
 */
export const pacedLambdaWebex = (pacing: Deps['pacing']) => lambdaWebexDeps(lambdaEnv, pacing);
