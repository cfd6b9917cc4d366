import { readSecretStringThroughExtension, type ExtensionSecretReaderOptions } from '../tokens/extension-secret-string';
import { parseScimTokenSecret } from './scim-token';
import type { ScimTokenReader } from './scim-token-store';

/** The SCIM token secret as the API authorizer reads it: through the Parameters and Secrets extension (no SDK). */
export function extensionScimTokenReader(secretId: string, options: ExtensionSecretReaderOptions): ScimTokenReader {
  return async () => parseScimTokenSecret(await readSecretStringThroughExtension(secretId, 'the SCIM token secret', options));
}
