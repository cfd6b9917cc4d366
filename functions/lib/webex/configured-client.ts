import type { Env } from '../config';
import { numberSetting } from '../settings';
import { logger } from '../logger';
import { DEFAULT_WEBEX_BASE_URL, WebexClient } from './client';
import type { TokenProvider } from './token-provider';

/**
 * The Webex client with the deployment's settings (WEBEX_BASE_URL, WEBEX_TIMEOUT_MS, WEBEX_RETRY_BUDGET_MS, WEBEX_REFERENCE_CACHE_TTL_MS) and
 * the token source its composition root chose: the same settings whichever runtime builds it. Where the composition
 * has the pacing budget, every 429 is reported to it.
 */
export function configuredWebexClient(env: Env, tokenProvider: TokenProvider, onRateLimited?: (retryAfterMs: number) => Promise<unknown>): WebexClient {
  return new WebexClient({
    baseUrl: env.WEBEX_BASE_URL || DEFAULT_WEBEX_BASE_URL,
    tokenProvider,
    logger,
    // Tunable for functions with longer timeouts (Step Functions tasks) and for fault tests.
    timeoutMs: numberSetting(env, 'webexTimeoutMs'),
    retryBudgetMs: numberSetting(env, 'webexRetryBudgetMs'),
    referenceCacheTtlMs: numberSetting(env, 'webexReferenceCacheTtlMs'),
    onRateLimited,
  });
}
