import type { Clock } from '../lib/clock';
import { once, type Env } from '../lib/config';
import { ConfigurationError } from '../lib/errors';
import type { Deps } from '../lib/runtime/deps';
import { FileSecretStore } from '../lib/tokens/file-secret-store';
import { ENV } from '../lib/tokens/service-app-secret';
import { tokenProviderOf } from '../lib/tokens/token-source';
import { emfWebexMetrics } from '../lib/aws/emf-webex-metrics';
import { configuredWebexClient } from '../lib/webex/configured-client';
import type { TokenProvider } from '../lib/webex/token-provider';

/** The local secret store (WEBEX_TOKEN_FILE: `npm start` sets it, `npm run connect -- --local` writes it). */
export function fileSecretStore(env: Env): FileSecretStore | undefined {
  const file = env[ENV.tokenFile];
  return file ? new FileSecretStore(file) : undefined;
}

/** The local runtime's token source: a static WEBEX_ACCESS_TOKEN, or the Service App secret in the file store. */
export function localTokenProvider(env: Env): TokenProvider {
  return tokenProviderOf(env, fileSecretStore(env), ENV.tokenFile);
}

/**
 * The Webex parts of the local runtime's Deps: the client against WEBEX_BASE_URL (the simulator `npm start`
 * started, or the Webex it was pointed at), its token from the file store or a static token. Made on first use
 * and kept for the runtime's life, as a warm Lambda keeps its own (each test harness makes a new runtime). Given the
 * runtime's pacing budget, the client reports every 429 to it, as the Lambdas' does; `draws`, it also waits for
 * each request's slot in it (the reconcile planner's, as in Lambda). `clock`: a test's (the system's by default).
 */
export function localWebexDeps(env: () => Env, pacing?: Deps['pacing'], draws = false, clock?: Clock): Pick<Deps, 'webex' | 'webexSecret' | 'secretStore'> {
  return {
    // The same metrics as in Lambda, printed only when asked (POWERTOOLS_METRICS_DISABLED=false: npm start and the tests set it true).
    webex: once(() => configuredWebexClient(env(), localTokenProvider(env()), {
      metrics: emfWebexMetrics(),
      onRateLimited: pacing && ((ms) => pacing().rateLimited(ms)),
      drawSlot: pacing && draws ? () => pacing().take(1) : undefined,
      clock,
    })),
    webexSecret: () => fileSecretStore(env()),
    secretStore: () => {
      const store = fileSecretStore(env());
      if (!store) throw new ConfigurationError(`Set ${ENV.tokenFile}: the local runtime keeps the Service App secret in a file`);
      return store;
    },
  };
}
