import { sendHttpRequest, type HttpResponse } from '../webex/http-transport';
import { SecretUnavailableError } from '../errors';

/**
 * A Secrets Manager secret's text read through the AWS Parameters and Secrets Lambda Extension, which runs next
 * to the function and calls GetSecretValue with the function's role: no AWS SDK in the bundle. Apart from any
 * secret's schema, so a bundle that must stay small (the API authorizer) carries no zod.
 */

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
 * The secret's SecretString; undefined when it holds none. `what` names the secret in errors, which name the
 * status and likely cause, never the secret's value.
 */
export async function readSecretStringThroughExtension(secretId: string, what: string, options: ExtensionSecretReaderOptions = {}): Promise<string | undefined> {
  const port = options.port ?? DEFAULT_EXTENSION_PORT;
  const timeoutMs = options.timeoutMs ?? 8_000;
  if (!options.sessionToken) {
    throw new SecretUnavailableError('AWS_SESSION_TOKEN is not set: the Parameters and Secrets extension answers only requests that carry it');
  }
  const url = new URL(`http://localhost:${port}/secretsmanager/get`);
  url.searchParams.set('secretId', secretId);
  let response: HttpResponse;
  try {
    response = await sendHttpRequest({ method: 'GET', url, headers: { 'X-Aws-Parameters-Secrets-Token': options.sessionToken }, timeoutMs });
  } catch (error) {
    const reason = (error as { name?: string }).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : ((error as { code?: string }).code ?? 'connection failed');
    // The socket's error names the address and its code, never the request's token header.
    throw new SecretUnavailableError(
      `The AWS Parameters and Secrets Lambda Extension on localhost:${port} could not be reached (${reason}): is its layer attached to the function?`,
      false,
      { cause: error },
    );
  }
  if (response.status !== 200) {
    throw new SecretUnavailableError(`Reading ${what} through the Parameters and Secrets extension failed with HTTP ${response.status}: ${likelyCause(response.status)}`);
  }
  let value: unknown;
  try {
    value = (JSON.parse(response.body) as { SecretString?: unknown }).SecretString;
  } catch {
    // No cause: the parser's message quotes the answer, which is the secret.
    throw new SecretUnavailableError('The Parameters and Secrets extension answered with something other than GetSecretValue JSON');
  }
  // Like GetSecretValue without a SecretString (a binary secret): nothing usable is stored.
  return typeof value === 'string' && value ? value : undefined;
}

function likelyCause(status: number): string {
  // The extension turns any GetSecretValue failure (no such secret, access denied, KMS) into a bare 400.
  if (status === 400) return "the secret does not exist, or the function's role may not read or decrypt it";
  if (status === 401 || status === 403) return 'the extension refused the request token (it must be the function\'s AWS_SESSION_TOKEN)';
  if (status >= 500) return 'the extension could not get an answer from Secrets Manager; try again';
  return 'unexpected answer from the extension';
}
