import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { lambdaEnv } from '../lib/aws/lambda-env';
import { secretsManagerStoreDeps } from '../lib/aws/lambda-secret-store';
import { logger } from '../lib/logger';
import type { Deps } from '../lib/runtime/deps';
import { rotateServiceAppTokens, RotationFailedError } from '../lib/tokens/rotation';
import { metrics, recordRotation } from '../lib/tokens/rotation-metrics';
import { ENV } from '../lib/tokens/service-app-secret';
import { StaticTokenProvider } from '../lib/webex/token-provider';
import { DEFAULT_WEBEX_BASE_URL, WebexClient } from '../lib/webex/client';
import { LicenseSchema } from '../lib/webex/schemas';

/**
 * The token rotator, run by EventBridge Scheduler (asynchronously, no Lambda retries). It is the secret's only
 * writer. A run that does not refresh logs why; a failed run throws, so the invocation counts as an
 * error and the RotationFailed alarm fires. Composed with its runtime's store: Secrets Manager below (the
 * Lambda), the file store for `npm run rotate` (functions/cli/rotate.ts) and the local runtime.
 */
export const createHandler = ({ env, secretStore }: Pick<Deps, 'env' | 'secretStore'>) =>
  middy()
    .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
    .use(logMetrics(metrics))
    .handler(async () => {
      const store = secretStore();
      const baseUrl = env()[ENV.baseUrl] || DEFAULT_WEBEX_BASE_URL;
      // The OAuth endpoint authenticates with the form, not a bearer token.
      const oauthClient = new WebexClient({ baseUrl, tokenProvider: new StaticTokenProvider('not-used'), logger });
      const verify = async (accessToken: string) => {
        const probe = new WebexClient({ baseUrl, tokenProvider: new StaticTokenProvider(accessToken), logger, maxAttempts: 3 });
        await probe.list('/licenses', { itemSchema: LicenseSchema });
      };
      try {
        const result = await rotateServiceAppTokens({ store, oauthClient, verify, log: logger });
        recordRotation(result.outcome, result);
        if (result.outcome === 'skipped') logger.info('token rotation skipped', { reason: result.reason });
        else logger.info('token rotation succeeded', { verified: result.verified, accessTokenExpiresAt: result.accessTokenExpiresAt, refreshTokenExpiresAt: result.refreshTokenExpiresAt });
        return result;
      } catch (error) {
        recordRotation('failed', { refreshTokenExpiresAt: error instanceof RotationFailedError ? error.refreshTokenExpiresAt : undefined });
        logger.error('token rotation failed', { error: error instanceof Error ? { name: error.name, message: error.message } : String(error) });
        throw error;
      }
    });

export const handler = createHandler({ env: lambdaEnv, ...secretsManagerStoreDeps(lambdaEnv) });
