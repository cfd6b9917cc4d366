/**
 * npm run rotate — runs the token rotator once, as the schedule does in AWS, against the secret named by
 * WEBEX_SECRET_ARN (Secrets Manager, with the caller's AWS credentials) or WEBEX_TOKEN_FILE (default
 * .local/webex-secret.json). A composition root: it picks the store the rotator is given.
 */
import { resolve } from 'node:path';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context } from 'aws-lambda';
import { SecretsManagerSecretStore } from '../lib/aws/secrets-manager-store';
import { readEnv } from '../lib/config';
import { FileSecretStore } from '../lib/tokens/file-secret-store';
import type { VersionedSecretStore } from '../lib/tokens/secret-store';

async function main(): Promise<void> {
  // EMF metric lines are for CloudWatch; read when the metrics module loads, so set before the import below.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const arn = process.env.WEBEX_SECRET_ARN;
  const store: VersionedSecretStore = arn
    ? new SecretsManagerSecretStore(arn, new SecretsManagerClient({}))
    : new FileSecretStore(resolve(process.env.WEBEX_TOKEN_FILE || '.local/webex-secret.json'));
  const { createHandler } = await import('../rotate-tokens/handler');
  const env = readEnv();
  const rotate = createHandler({ env: () => env, secretStore: () => store });
  const result = await rotate({ source: 'local' }, { functionName: 'RotateTokens', awsRequestId: 'local' } as Context);
  console.log(JSON.stringify(result, null, 2));
}

main().catch((error: unknown) => {
  console.error(`rotation failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
