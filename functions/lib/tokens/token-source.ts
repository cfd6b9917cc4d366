import type { Env } from '../config';
import { ConfigurationError } from '../errors';
import { StaticTokenProvider, type TokenProvider } from '../webex/token-provider';
import { SecretTokenProvider } from './secret-token-provider';
import type { SecretReader } from './secret-store';
import { ENV } from './service-app-secret';

/**
 * The token source once a runtime has chosen where it reads the Service App secret (`reader`: the extension in
 * Lambda, the file store locally): a static WEBEX_ACCESS_TOKEN wins (a developer against a real org without a
 * Service App); otherwise the secret; neither is a ConfigurationError naming `secretVariable` and the token's.
 */
export function tokenProviderOf(env: Env, reader: SecretReader | undefined, secretVariable: string): TokenProvider {
  const staticToken = env[ENV.accessToken];
  if (staticToken) return new StaticTokenProvider(staticToken);
  if (reader) return new SecretTokenProvider(reader);
  throw new ConfigurationError(`No Webex credentials configured: set ${secretVariable} or ${ENV.accessToken}`);
}
