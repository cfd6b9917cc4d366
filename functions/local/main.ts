/**
 * `npm start`: the suite's API on http://127.0.0.1:3000 (PORT overrides), through the same handlers
 * Lambda runs. Which Webex it talks to, in order:
 *  1. WEBEX_ACCESS_TOKEN set: that token, against WEBEX_BASE_URL or real Webex;
 *  2. a stored Service App secret (WEBEX_TOKEN_FILE, default .local/webex-secret.json): against
 *     WEBEX_BASE_URL or real Webex;
 *  3. WEBEX_BASE_URL alone: refused, there is nothing to authenticate with;
 *  4. nothing configured: the built-in Webex simulator with its demo org, with the simulator's
 *     Service App secret in a local file store, so the same token path as in AWS is exercised.
 *
 * The API is open on loopback unless LOCAL_API_AUTH=oauth: then every route needs a bearer token with its
 * scope, minted at POST /oauth2/token for the clients of LOCAL_API_CLIENTS (or a demo client, printed).
 * The SCIM routes are never open, as deployed: they take the SCIM token `npm run scim-token -- --local` stored
 * (SCIM_TOKEN_FILE, default .local/scim-token.json) and, under LOCAL_API_AUTH=oauth, a token with the scim scope.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { FileSecretStore } from '../lib/tokens/file-secret-store';
import { DEFAULT_WEBEX_BASE_URL } from '../lib/webex/client';
import { startSimulator } from '../simulator/server';
import { startLocalApi } from './api-server';
import { localActivityTable } from './local-activity-table';
import { createLocalRuntime } from './local-runtime';
import { eventLine } from './local-event-bus';
import { demoServiceAppSecret } from './demo-secret';
import { demoClient, LocalClients, type LocalClient } from './oauth-issuer';
import { DEFAULT_SCIM_TOKEN_FILE, FileScimTokenStore } from '../lib/scim-auth/file-scim-token-store';
import { checkReconcileOnUpload, type ReconcileOnUploadSettings } from '../lib/reconcile/upload-plan';

const LOCAL_DIR = resolve(process.cwd(), '.local');
const DEFAULT_SECRET_FILE = resolve(LOCAL_DIR, 'webex-secret.json');

async function main(): Promise<void> {
  const env = process.env;
  // EMF metric lines are for CloudWatch; on a terminal they only bury the log.
  env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const port = env.PORT ? Number(env.PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const secretFile = env.WEBEX_TOKEN_FILE ? resolve(env.WEBEX_TOKEN_FILE) : DEFAULT_SECRET_FILE;
  let webexDescription: string;
  let closeSimulator: (() => Promise<void>) | undefined;

  if (env.WEBEX_ACCESS_TOKEN) {
    env.WEBEX_BASE_URL ||= DEFAULT_WEBEX_BASE_URL;
    webexDescription = `${env.WEBEX_BASE_URL} (static token from WEBEX_ACCESS_TOKEN)`;
  } else if (existsSync(secretFile)) {
    env.WEBEX_BASE_URL ||= DEFAULT_WEBEX_BASE_URL;
    env.WEBEX_TOKEN_FILE = secretFile;
    webexDescription = `${env.WEBEX_BASE_URL} (Service App secret from ${secretFile})`;
  } else if (env.WEBEX_BASE_URL) {
    throw new Error(
      `WEBEX_BASE_URL is set but there are no credentials: set WEBEX_ACCESS_TOKEN, or store a Service App secret in ${secretFile}`,
    );
  } else {
    const startedAt = new Date();
    const sim = await startSimulator({ port: 0 });
    closeSimulator = () => sim.close();
    const simSecret = resolve(LOCAL_DIR, 'simulator-secret.json');
    await new FileSecretStore(simSecret).write(demoServiceAppSecret(startedAt));
    env.WEBEX_BASE_URL = sim.url;
    env.WEBEX_TOKEN_FILE = simSecret;
    webexDescription = `built-in Webex simulator at ${sim.url} (demo org; secret in ${simSecret})`;
  }

  // S3 buckets are folders: a joiner CSV goes in <LOCAL_OBJECT_STORE_DIR>/<BULK_IMPORTS_BUCKET>/<key>.
  env.LOCAL_OBJECT_STORE_DIR ||= resolve(LOCAL_DIR, 's3');
  env.BULK_IMPORTS_BUCKET ||= 'imports';
  const clients = oauthClients(env);
  // The composition root: state machines (statemachines/*.asl.json) run in-process with the real task handlers.
  // The activity table: the Lambdas' DynamoDB adapter against dynalite in this process, kept under .local/.
  const activityDir = resolve(LOCAL_DIR, 'activity');
  const activityTable = localActivityTable({ dir: activityDir });
  // The local lifecycle bus: each published outcome (Webex Lifecycle Failed, …) as one line on stdout.
  // Read on every SCIM request: a rotation (`npm run scim-token -- --local`) takes effect at once.
  const scimTokenFile = new FileScimTokenStore(resolve(env.SCIM_TOKEN_FILE || DEFAULT_SCIM_TOKEN_FILE));
  const api = await startLocalApi({
    port,
    runtime: createLocalRuntime({ activityTable, onEvent: (event) => console.log(eventLine(event)), reconcileOnUpload: reconcileOnUpload(env) }),
    scimTokens: () => scimTokenFile.read(),
    ...(clients ? { oauth: { clients } } : {}),
  });
  console.log(`webex-provisioning local API listening on ${api.url}`);
  if (clients) {
    console.log(`OAuth: every route needs a bearer token; tokens from POST ${api.url}/oauth2/token (client credentials), keys at ${api.url}/.well-known/jwks.json`);
    if (!env.LOCAL_API_CLIENTS) {
      const demo = clients[0];
      console.log(`Demo client (every scope, a new secret each start): client_id=${demo.name} client_secret=${demo.secret}`);
      console.log(`Try: curl -s -u ${demo.name}:${demo.secret} -d grant_type=client_credentials ${api.url}/oauth2/token`);
    } else {
      console.log(`Clients: ${clients.map((c) => `${c.name} (${c.scopes.join(' ')})`).join('; ')}`);
    }
  }
  console.log(`Webex: ${webexDescription}`);
  console.log(`SCIM routes: Authorization: Bearer <the token of npm run scim-token -- --local> (digest in ${scimTokenFile.path})${clients ? ', or an OAuth token with the scim scope' : ''}`);
  console.log('Published events (the lifecycle bus): one line each below, starting "event "');
  console.log(`Bulk imports bucket: ${resolve(env.LOCAL_OBJECT_STORE_DIR, env.BULK_IMPORTS_BUCKET)} (POST /bulk/joiners/csv {"key": "<file under it>"})`);
  console.log(`Activity table: dynalite, data in ${activityDir} (GET /users/{user}/history, /bulk/joiners, /reconcile/plans)`);
  if (closeSimulator) console.log(`Try: curl ${clients ? '-H "Authorization: Bearer <access_token>" ' : ''}${api.url}/users/alice.admin%40example.com`);

  const stop = async () => {
    await api.close();
    await activityTable.close();
    await closeSimulator?.();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** RECONCILE_ON_UPLOAD: the stack's reconcileOnUpload context as JSON, checked as synth checks it. */
function reconcileOnUpload(env: NodeJS.ProcessEnv): ReconcileOnUploadSettings | undefined {
  if (!env.RECONCILE_ON_UPLOAD) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(env.RECONCILE_ON_UPLOAD);
  } catch {
    throw new Error('RECONCILE_ON_UPLOAD must be JSON: {"prefix":"rosters/","scope":{"emailDomains":["example.com"]}}');
  }
  return checkReconcileOnUpload(json as ReconcileOnUploadSettings);
}

/** LOCAL_API_AUTH: unset (open on loopback) or `oauth`; LOCAL_API_CLIENTS: the clients, as JSON. */
function oauthClients(env: NodeJS.ProcessEnv): readonly LocalClient[] | undefined {
  const mode = env.LOCAL_API_AUTH ?? '';
  if (mode === '' || mode === 'none') {
    if (env.LOCAL_API_CLIENTS) throw new Error('LOCAL_API_CLIENTS is set but LOCAL_API_AUTH is not oauth: set LOCAL_API_AUTH=oauth to check tokens');
    return undefined;
  }
  if (mode !== 'oauth') throw new Error(`LOCAL_API_AUTH must be oauth (or unset for an open loopback API), got "${mode}"`);
  if (!env.LOCAL_API_CLIENTS) return [demoClient()];
  let json: unknown;
  try {
    json = JSON.parse(env.LOCAL_API_CLIENTS);
  } catch {
    // No cause: the parser's message quotes the text, which holds the clients' secrets.
    throw new Error('LOCAL_API_CLIENTS must be JSON: [{"name":"jira","secret":"…","scopes":["users.read"]}]');
  }
  const parsed = LocalClients.safeParse(json);
  if (!parsed.success) {
    // Never echo the value: it holds secrets.
    throw new Error(`LOCAL_API_CLIENTS is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

main().catch((error: unknown) => {
  console.error(`webex-provisioning: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
