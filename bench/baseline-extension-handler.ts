import middy from '@middy/core';
import { sendHttpRequest } from '../functions/lib/webex/http-transport';

/**
 * A reference next to the cold-start baseline: the same bare middy handler reading the same secret, through
 * the Parameters and Secrets extension (what the workflow functions do) instead of the SDK client.
 */
export const handler = middy().handler(async () => {
  const url = new URL(`http://localhost:${process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? 2773}/secretsmanager/get`);
  url.searchParams.set('secretId', process.env.WEBEX_SECRET_ARN ?? '');
  const res = await sendHttpRequest({ method: 'GET', url, headers: { 'X-Aws-Parameters-Secrets-Token': process.env.AWS_SESSION_TOKEN ?? '' }, timeoutMs: 5_000 });
  const out = JSON.parse(res.body) as { SecretString?: string };
  return { statusCode: res.status, body: String(out.SecretString?.length ?? 0) };
});
