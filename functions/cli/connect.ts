/**
 * npm run connect -- --org "Example Corp" --client-id C123… [--secret-arn ARN | --local [FILE]] [--base-url URL]
 *
 * The Client Secret and Refresh Token are read from WEBEX_CLIENT_SECRET / WEBEX_REFRESH_TOKEN, or
 * prompted for without echo; flags for them work but leave the secret in shell history.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { ConnectError, assertSecureBaseUrl, connectServiceApp } from '../lib/connection/connect';
import { FileSecretStore } from '../lib/tokens/file-secret-store';
import { SecretsManagerSecretStore } from '../lib/aws/secrets-manager-store';
import { DEFAULT_WEBEX_BASE_URL } from '../lib/webex/client';

const USAGE = `usage: npm run connect -- --org NAME --client-id ID (--secret-arn ARN | --local [FILE]) [--base-url URL]
  secrets: WEBEX_CLIENT_SECRET and WEBEX_REFRESH_TOKEN from the environment, else prompted (not echoed)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      org: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'refresh-token': { type: 'string' },
      'secret-arn': { type: 'string' },
      local: { type: 'string' },
      'base-url': { type: 'string' },
      help: { type: 'boolean' },
    },
    // `--local` alone means the default file; parseArgs needs a value, so accept an empty one.
    args: process.argv.slice(2).map((a, i, all) => (a === '--local' && (i === all.length - 1 || all[i + 1].startsWith('--')) ? '--local=' : a)),
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const baseUrl = values['base-url'] ?? process.env.WEBEX_BASE_URL ?? DEFAULT_WEBEX_BASE_URL;
  // Before anything is typed in: the secrets would be sent there.
  assertSecureBaseUrl(baseUrl);
  const orgName = values.org ?? (await ask('Organisation display name: '));
  const clientId = values['client-id'] ?? (await ask('Client ID: '));
  if (values['client-secret'] || values['refresh-token']) {
    console.error('warning: secrets given as flags stay in your shell history; prefer the prompt or environment variables');
  }
  const clientSecret = values['client-secret'] ?? process.env.WEBEX_CLIENT_SECRET ?? (await ask('Client Secret (hidden): ', true));
  const refreshToken = values['refresh-token'] ?? process.env.WEBEX_REFRESH_TOKEN ?? (await ask('Refresh Token (hidden): ', true));
  if (!orgName || !clientId || !clientSecret || !refreshToken) {
    console.error(`All of organisation, Client ID, Client Secret and Refresh Token are required.\n${USAGE}`);
    return 2;
  }
  if (!values['secret-arn'] && values.local === undefined) {
    console.error(`Say where to store the secret: --secret-arn (the stack's WebexSecretArn output) or --local.\n${USAGE}`);
    return 2;
  }
  const store = values['secret-arn']
    ? new SecretsManagerSecretStore(values['secret-arn'], new SecretsManagerClient({}))
    : new FileSecretStore(resolve(values.local || '.local/webex-secret.json'));
  const where = values['secret-arn'] ? `Secrets Manager (${values['secret-arn']})` : (store as FileSecretStore).path;

  const report = await connectServiceApp({
    orgName, clientId, clientSecret, refreshToken, store, baseUrl,
  });
  console.log(`Connected organisation "${report.organisation.name}"${report.organisation.id ? ` (${report.organisation.id})` : ''}.`);
  console.log(`Stored the token pair in ${where}.`);
  console.log(`Access token expires ${report.accessTokenExpiresAt}; refresh token ${report.refreshTokenExpiresAt ?? 'expiry not reported by Webex'}.`);
  if (report.grantedScopes) console.log(`Granted scopes: ${report.grantedScopes.join(' ')}`);
  for (const probe of report.probes) {
    const mark = probe.ok ? 'ok  ' : probe.error ? '?   ' : 'FAIL';
    const said = probe.error ? `could not be checked: ${probe.error}` : `HTTP ${probe.status}${probe.note ? `; proves ${probe.note}` : ''}`;
    console.log(`  ${mark} ${probe.scope} (${said})`);
  }
  if (report.unverifiedScopes.length) {
    console.log(
      `Could not verify: ${report.unverifiedScopes.join(', ')}. Webex's token answer listed no scopes, and no read proves a write scope: ` +
        'check the Service App grants them (a missing one shows as 403 when a workflow first writes).',
    );
  }
  if (report.missingScopes.length) {
    console.error(`Missing scopes: ${report.missingScopes.join(', ')}. Add them to the Service App, have it re-authorised, and connect again.`);
    return 1;
  }
  return 0;
}

function ask(question: string, hidden = false): Promise<string> {
  return new Promise((resolveAnswer) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
    if (hidden && process.stdin.isTTY) {
      // Print the prompt, then swallow the echo of what is typed.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.includes(question)) process.stdout.write(question);
      };
    }
    rl.question(question, (answer) => {
      rl.close();
      if (hidden && process.stdin.isTTY) process.stdout.write('\n');
      resolveAnswer(answer.trim());
    });
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`connect failed: ${error instanceof ConnectError || error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
