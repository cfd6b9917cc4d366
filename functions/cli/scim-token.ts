/**
 * npm run scim-token -- (--secret-arn ARN | --local [FILE]) [--grace-hours N]
 *
 * Creates or rotates the SCIM bearer token that Entra ID ("Secret Token") and Okta (HTTP header auth) send to the
 * SCIM routes, and prints it once: the secret keeps only its SHA-256 digest. The token it replaces stays valid
 * for --grace-hours (default 168, a week; 0 revokes it at once), time to paste the new one into the IdP.
 * A composition root: it picks the store (the stack's ScimTokenSecretArn output, or the local API's file).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsManagerScimTokenStore } from '../lib/aws/secrets-manager-scim-token-store';
import { DEFAULT_SCIM_TOKEN_FILE, FileScimTokenStore } from '../lib/scim-auth/file-scim-token-store';
import { DEFAULT_GRACE_HOURS, MAX_GRACE_HOURS } from '../lib/scim-auth/scim-token';
import { rotateStoredScimToken, SCIM_TOKEN_CACHE_MS } from '../lib/scim-auth/scim-token-store';

const USAGE = `usage: npm run scim-token -- (--secret-arn ARN | --local [FILE]) [--grace-hours N]
  --secret-arn   the stack's ScimTokenSecretArn output (or set SCIM_TOKEN_SECRET_ARN)
  --local        the local API's file (default ${DEFAULT_SCIM_TOKEN_FILE}, or SCIM_TOKEN_FILE)
  --grace-hours  how long the replaced token stays valid, 0 to ${MAX_GRACE_HOURS} (default ${DEFAULT_GRACE_HOURS})`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { 'secret-arn': { type: 'string' }, local: { type: 'string' }, 'grace-hours': { type: 'string' }, help: { type: 'boolean' } },
    // `--local` alone means the default file; parseArgs needs a value, so accept an empty one.
    args: process.argv.slice(2).map((a, i, all) => (a === '--local' && (i === all.length - 1 || all[i + 1].startsWith('--')) ? '--local=' : a)),
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const arn = values['secret-arn'] ?? (values.local === undefined ? process.env.SCIM_TOKEN_SECRET_ARN : undefined);
  if (!arn && values.local === undefined) {
    console.error(`Say where the token is kept: --secret-arn (the stack's ScimTokenSecretArn output) or --local.\n${USAGE}`);
    return 2;
  }
  const graceHours = values['grace-hours'] === undefined ? DEFAULT_GRACE_HOURS : Number(values['grace-hours']);
  if (!(Number.isFinite(graceHours) && graceHours >= 0 && graceHours <= MAX_GRACE_HOURS)) {
    console.error(`--grace-hours must be a number from 0 to ${MAX_GRACE_HOURS} (got ${values['grace-hours']}).\n${USAGE}`);
    return 2;
  }
  const store = arn ? new SecretsManagerScimTokenStore(arn, new SecretsManagerClient({})) : new FileScimTokenStore(resolve(values.local || process.env.SCIM_TOKEN_FILE || DEFAULT_SCIM_TOKEN_FILE));
  const where = arn ? `Secrets Manager (${arn})` : (store as FileScimTokenStore).path;
  const { token, previousValidUntil } = await rotateStoredScimToken(store, { graceHours });
  // Notes on stderr, the token alone on stdout (`npm run -s scim-token -- … > file` keeps just the token).
  console.error(`Stored the new SCIM token's digest in ${where}. The token is shown this once; the secret cannot give it back.`);
  console.error("Paste it into Entra ID's Provisioning > Admin Credentials > Secret Token, or Okta's Authorization header (Bearer):");
  console.log(token);
  console.error(
    previousValidUntil
      ? `The previous token stays valid until ${previousValidUntil}; rotate with --grace-hours 0 to revoke it now.`
      : 'No earlier token is valid any more.',
  );
  console.error(`Deployed, the authorizer accepts the new token within ${SCIM_TOKEN_CACHE_MS / 1000} s, and a revoked one may still pass for API Gateway's 5 min authorizer cache.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`scim-token failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
