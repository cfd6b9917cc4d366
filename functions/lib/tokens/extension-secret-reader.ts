import { sendHttpRequest, type HttpResponse } from '../webex/http-transport';
import { SecretUnavailableError } from '../errors';
import type { SecretReader } from './secret-store';
import { parseServiceAppSecret, type ServiceAppSecret } from './service-app-secret';

/** Where the extension listens unless PARAMETERS_SECRETS_EXTENSION_HTTP_PORT says otherwise. */
export const DEFAULT_EXTENSION_PORT = 2773;

export interface ExtensionSecretReaderOptions {
  /** @default DEFAULT_EXTENSION_PORT */
  port?: number;
  /** The function's AWS_SESSION_TOKEN: the extension answers only requests that carry it. */
  sessionToken?: string;
  /** @default 8000 */
  timeoutMs?: number;
}

/**
 * The Service App secret read through the AWS Parameters and Secrets Lambda Extension, which runs next to
 * the function and calls GetSecretValue with the function's role. It exists to keep the AWS SDK (~300 KB,
 * and its start-up on every cold start) out of the workflow bundles; it cannot write, so the rotator keeps
 * the SDK store. Error messages name the status and likely cause, never the token or the secret.
 */
export class ExtensionSecretReader implements SecretReader {
  private readonly port: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly secretId: string,
    private readonly options: ExtensionSecretReaderOptions = {},
  ) {
    this.port = options.port ?? DEFAULT_EXTENSION_PORT;
    this.timeoutMs = options.timeoutMs ?? 8_000;
  }

  async read(): Promise<ServiceAppSecret | undefined> {
    if (!this.options.sessionToken) {
      throw new SecretUnavailableError('AWS_SESSION_TOKEN is not set: the Parameters and Secrets extension answers only requests that carry it');
    }
    const url = new URL(`http://localhost:${this.port}/secretsmanager/get`);
    url.searchParams.set('secretId', this.secretId);
    let response: HttpResponse;
    try {
      response = await sendHttpRequest({
        method: 'GET',
        url,
        headers: { 'X-Aws-Parameters-Secrets-Token': this.options.sessionToken },
        timeoutMs: this.timeoutMs,
      });
    } catch (error) {
      const reason = (error as { name?: string }).name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : ((error as { code?: string }).code ?? 'connection failed');
      // The socket's error names the address and its code, never the request's token header.
      throw new SecretUnavailableError(
        `The AWS Parameters and Secrets Lambda Extension on localhost:${this.port} could not be reached (${reason}): is its layer attached to the function?`,
        false,
        { cause: error },
      );
    }
    if (response.status !== 200) {
      throw new SecretUnavailableError(`Reading the Webex secret through the Parameters and Secrets extension failed with HTTP ${response.status}: ${likelyCause(response.status)}`);
    }
    let value: unknown;
    try {
      value = (JSON.parse(response.body) as { SecretString?: unknown }).SecretString;
    } catch {
      // No cause: the parser's message quotes the answer, which is the secret.
      throw new SecretUnavailableError('The Parameters and Secrets extension answered with something other than GetSecretValue JSON');
    }
    // Like GetSecretValue without a SecretString (a binary secret): nothing usable is stored.
    if (typeof value !== 'string' || !value) return undefined;
    return parseServiceAppSecret(value, 'the Secrets Manager secret');
  }
}

function likelyCause(status: number): string {
  // The extension turns any GetSecretValue failure (no such secret, access denied, KMS) into a bare 400.
  if (status === 400) return "the secret does not exist, or the function's role may not read or decrypt it";
  if (status === 401 || status === 403) return 'the extension refused the request token (it must be the function\'s AWS_SESSION_TOKEN)';
  if (status >= 500) return 'the extension could not get an answer from Secrets Manager; try again';
  return 'unexpected answer from the extension';
}
