import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import middy from '@middy/core';

/** The cold-start baseline: a bare middy handler that reads one secret, bundled like the workflows. */
const client = new SecretsManagerClient({});

export const handler = middy().handler(async () => {
  const out = await client.send(new GetSecretValueCommand({ SecretId: process.env.WEBEX_SECRET_ARN }));
  return { statusCode: 200, body: String(out.SecretString?.length ?? 0) };
});
