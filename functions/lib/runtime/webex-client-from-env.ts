import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigurationError } from '../errors';
import { logger } from '../logger';
import { FileSecretStore } from '../tokens/file-secret-store';
import { SecretTokenProvider } from '../tokens/secret-token-provider';
import { SecretsManagerSecretStore } from '../tokens/secrets-manager-store';
import { ENV } from '../tokens/service-app-secret';
import { StaticTokenProvider, type TokenProvider } from '../tokens/token-provider';
import { DEFAULT_WEBEX_BASE_URL, WebexClient } from '../webex/client';

/**
 * Chooses the token source from the environment: a static WEBEX_ACCESS_TOKEN (a developer trying the
 * suite against a real org), the Service App secret in Secrets Manager (WEBEX_SECRET_ARN, in AWS), or
 * the local file store (WEBEX_TOKEN_FILE, the local runtime).
 */
export function tokenProviderFromEnv(env: NodeJS.ProcessEnv = process.env): TokenProvider {
  const staticToken = env[ENV.accessToken];
  if (staticToken) return new StaticTokenProvider(staticToken);
  const secretArn = env[ENV.secretArn];
  if (secretArn) return new SecretTokenProvider(new SecretsManagerSecretStore(secretArn, new SecretsManagerClient({})));
  const tokenFile = env[ENV.tokenFile];
  if (tokenFile) return new SecretTokenProvider(new FileSecretStore(tokenFile));
  throw new ConfigurationError(
    `No Webex credentials configured: set ${ENV.secretArn}, ${ENV.tokenFile} or ${ENV.accessToken}`,
  );
}

export function createWebexClientFromEnv(env: NodeJS.ProcessEnv = process.env): WebexClient {
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
