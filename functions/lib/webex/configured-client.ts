import type { Clock } from '../clock';
import type { Env } from '../config';
import { numberSetting } from '../settings';
import { logger } from '../logger';
import { DEFAULT_WEBEX_BASE_URL, WebexClient } from './client';
import type { WebexRequestMetrics } from './request-metrics';
import type { TokenProvider } from './token-provider';

/**
 * Where a composition root wants to hear of the client's attempts: the metrics sink, and every 429 (the pacing
 * budget); and, for a client that sends a run's many requests itself, the budget's slot it waits for before each.
 */
export interface WebexClientObservers {
  metrics?: WebexRequestMetrics;
  onRateLimited?: (retryAfterMs: number) => Promise<unknown>;
  drawSlot?: () => Promise<unknown>;
  /** The time the client runs on: the system's, unless a test composes it with its virtual clock. */
  clock?: Clock;
}

/**
 * The Webex client with the deployment's settings (WEBEX_BASE_URL, WEBEX_TIMEOUT_MS, WEBEX_RETRY_BUDGET_MS, WEBEX_REFERENCE_CACHE_TTL_MS) and
 * the token source, the metrics sink and the pacing budget's 429 report its composition root chose: the same settings
 * whichever runtime builds it.
 */
export function configuredWebexClient(env: Env, tokenProvider: TokenProvider, observers: WebexClientObservers = {}): WebexClient {
  const { metrics, onRateLimited, drawSlot, clock } = observers;
  return new WebexClient({
    baseUrl: env.WEBEX_BASE_URL || DEFAULT_WEBEX_BASE_URL,
    tokenProvider,
    logger,
    metrics,
    // Tunable for functions with longer timeouts (Step Functions tasks) and for fault tests.
    timeoutMs: numberSetting(env, 'webexTimeoutMs'),
    retryBudgetMs: numberSetting(env, 'webexRetryBudgetMs'),
    referenceCacheTtlMs: numberSetting(env, 'webexReferenceCacheTtlMs'),
    onRateLimited,
    drawSlot,
    clock,
  });
}
