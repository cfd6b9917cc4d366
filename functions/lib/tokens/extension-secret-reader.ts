import type { SecretReader } from './secret-store';
import { parseServiceAppSecret, type ServiceAppSecret } from './service-app-secret';
import { DEFAULT_EXTENSION_PORT, readSecretStringThroughExtension, type ExtensionSecretReaderOptions } from './extension-secret-string';

export { DEFAULT_EXTENSION_PORT, type ExtensionSecretReaderOptions };

/**
 * The Service App secret read through the AWS Parameters and Secrets Lambda Extension, which runs next to
 * the function and calls GetSecretValue with the function's role. It exists to keep the AWS SDK (~300 KB,
 * and its start-up on every cold start) out of the workflow bundles; it cannot write, so the rotator keeps
 * the SDK store. Error messages name the status and likely cause, never the token or the secret.
 */
export class ExtensionSecretReader implements SecretReader {
  constructor(
    private readonly secretId: string,
    private readonly options: ExtensionSecretReaderOptions = {},
  ) {}

  async read(): Promise<ServiceAppSecret | undefined> {
    const text = await readSecretStringThroughExtension(this.secretId, 'the Webex secret', this.options);
    return text === undefined ? undefined : parseServiceAppSecret(text, 'the Secrets Manager secret');
  }
}
