/**
 * npm run rotate — runs the token rotator once, as the schedule does in AWS, against the secret named by
 * WEBEX_SECRET_ARN or WEBEX_TOKEN_FILE (default .local/webex-secret.json).
 */
import { resolve } from 'node:path';
import type { Context } from 'aws-lambda';

async function main(): Promise<void> {
  if (!process.env.WEBEX_SECRET_ARN) process.env.WEBEX_TOKEN_FILE ||= resolve('.local/webex-secret.json');
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const { handler } = await import('../rotate-tokens/handler');
  const result = await handler({ source: 'local' }, { functionName: 'RotateTokens', awsRequestId: 'local' } as Context);
  console.log(JSON.stringify(result, null, 2));
}

main().catch((error: unknown) => {
  console.error(`rotation failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
