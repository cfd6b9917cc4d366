import { readEnv, type Env } from '../config';
import { ConfigurationError } from '../errors';
import { logger } from '../logger';
import { secretReaderFromEnv } from '../tokens/secret-reader-from-env';
import { SecretTokenProvider } from '../tokens/secret-token-provider';
import { ENV } from '../tokens/service-app-secret';
import { StaticTokenProvider, type TokenProvider } from '../webex/token-provider';
import { DEFAULT_WEBEX_BASE_URL, WebexClient } from '../webex/client';

/**
 * Chooses the token source from the environment: a static WEBEX_ACCESS_TOKEN (a developer trying the
 * suite against a real org), the Service App secret in Secrets Manager (WEBEX_SECRET_ARN, in AWS, read
 * through the Parameters and Secrets extension), or the local file store (WEBEX_TOKEN_FILE, the local runtime).
 */
export function tokenProviderFromEnv(env: Env = readEnv()): TokenProvider {
  const staticToken = env[ENV.accessToken];
  if (staticToken) return new StaticTokenProvider(staticToken);
  const reader = secretReaderFromEnv(env);
  if (reader) return new SecretTokenProvider(reader);
  throw new ConfigurationError(
    `No Webex credentials configured: set ${ENV.secretArn}, ${ENV.tokenFile} or ${ENV.accessToken}`,
  );
}

export function createWebexClientFromEnv(env: Env = readEnv()): WebexClient {
  return new WebexClient({
    baseUrl: env[ENV.baseUrl] || DEFAULT_WEBEX_BASE_URL,
    tokenProvider: tokenProviderFromEnv(env),
    logger,
    // Tunable for functions with longer timeouts (Step Functions tasks) and for fault tests.
    timeoutMs: positive(env.WEBEX_TIMEOUT_MS),
    retryBudgetMs: positive(env.WEBEX_RETRY_BUDGET_MS),
  });
}

function positive(value: string | undefined): number | undefined {
  const n = value ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

// Module scope: one client (and one token cache) per Lambda container, reused while it is warm.
let shared: WebexClient | undefined;

export function webexClient(): WebexClient {
  shared ??= createWebexClientFromEnv();
  return shared;
}

/** Drops the shared client so the next call re-reads the environment (tests, local runtime). */
export function resetWebexClient(): void {
  shared = undefined;
}
