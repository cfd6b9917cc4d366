import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ESM_REQUIRE_BANNER } from '../infra/constructs/workflow-function';
import { SIM_ACCESS_TOKEN, SIM_CLIENT_ID, SIM_CLIENT_SECRET, SIM_REFRESH_TOKEN } from '../functions/simulator/seed';
import type { Simulator } from '../functions/simulator/server';
import { startFakeSecretsExtension } from '../test/support/fake-secrets-extension';
import { startFakeS3 } from './fake-s3';
import { startFakeSecretsManager } from './fake-secrets-manager';
import { startFakeStepFunctions } from './fake-step-functions';
import { enableCallingOutput, finishedPlan, firstInvocation, type Fakes, type FirstInvocation } from './first-invocations';
import { localActivityTable } from '../functions/local/local-activity-table';
import { stackFunctions, type StackTemplate } from './stack-functions';

const ROOT = join(__dirname, '..');

interface Asset {
  id: string;
  file: string;
  bytes: number;
  /** The environment the stack gives this function, references resolved to stand-ins (see synthAssets). */
  env: NodeJS.ProcessEnv;
}

const BASELINE = 'baseline (middy + one secret read)';
const EXTENSION_BASELINE = 'baseline via extension (reference)';

function synthAssets(): Asset[] {
  const out = mkdtempSync(join(tmpdir(), 'bench-cdk-'));
  execFileSync('npx', ['cdk', 'synth', '-q', '--no-notices', '-o', out], {
    cwd: ROOT, stdio: 'ignore', env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', AWS_REGION: 'us-east-1' },
  });
  const template = JSON.parse(readFileSync(join(out, 'WebexProvisioning.template.json'), 'utf8')) as StackTemplate;
  const assets: Asset[] = [];
  for (const fn of stackFunctions(template)) {
    const file = fn.assetPath && join(out, fn.assetPath, 'index.mjs');
    // Every function the stack declares has a bundle: one without would be missing from the table unnoticed.
    if (!file || !existsSync(file)) throw new Error(`${fn.id} (${fn.logicalId}) has no bundled asset in the synth output`);
    assets.push({ id: fn.id, file, bytes: statSync(file).size, env: fn.env });
  }
  return assets;
}

async function bundleBaseline(id: string, entry: string): Promise<Asset> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-baseline-'));
  const file = join(dir, 'index.mjs');
  await build({
    entryPoints: [join(__dirname, entry)], bundle: true, platform: 'node', format: 'esm', target: 'node22',
    minify: true, sourcemap: true, mainFields: ['module', 'main'], banner: { js: ESM_REQUIRE_BANNER }, outfile: file, logLevel: 'silent',
  });
  return { id, file, bytes: statSync(file).size, env: {} };
}

const CHILD = `
import dns from 'node:dns';
// StartSyncExecution goes to the endpoint's host prefixed with sync- (sync-states.<region>.amazonaws.com
// in AWS), which for the loopback fake is sync-127.0.0.1: no resolver knows that name.
const lookup = dns.lookup;
dns.lookup = (host, ...rest) => lookup(host === 'sync-127.0.0.1' ? '127.0.0.1' : host, ...rest);
const t0 = performance.now();
const mod = await import(process.argv[1]);
const t1 = performance.now();
const event = JSON.parse(process.argv[2]);
const ctx = { functionName: 'cold', awsRequestId: 'cold', getRemainingTimeInMillis: () => 28000 };
let res, error;
try {
  res = await mod.handler(event, ctx);
} catch (e) {
  error = (e && e.name) || String(e);
}
const t2 = performance.now();
console.log(JSON.stringify({ loadMs: t1 - t0, firstInvocationMs: t2 - t1, totalMs: t2 - t0, status: res && res.statusCode, outcome: res && res.outcome, effect: res && res.policyDocument && res.policyDocument.Statement[0].Effect, error }));
`;

// Asynchronous: the simulator and the fakes answer from this process's event loop.
const run = promisify(execFile);

async function coldRun(asset: Asset, event: unknown, env: NodeJS.ProcessEnv) {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', CHILD, asset.file, JSON.stringify(event)], { env, encoding: 'utf8' });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { loadMs: number; firstInvocationMs: number; totalMs: number; status?: number; outcome?: string; effect?: string; error?: string };
}

/** `GetObject×2, PutObject×2` */
function tally(operations: string[]): string {
  const counts = new Map<string, number>();
  for (const op of operations) counts.set(op, (counts.get(op) ?? 0) + 1);
  return [...counts].map(([op, n]) => (n > 1 ? `${op}×${n}` : op)).join(', ');
}

/**
 * `(its row declares 2–3)` when the function made a number of Webex requests its row does not declare for this
 * invocation: at least its uncached requests, at most those and its cached reads (a cold function makes those its
 * data needs). Nothing where the row cannot list them.
 */
function undeclaredWebex(first: FirstInvocation, made: number): string {
  if (!first.webex) return '';
  const least = first.webex.filter((call) => typeof call === 'string').length;
  const most = first.webex.length;
  return made < least || made > most ? ` (its row declares ${least === most ? least : `${least}–${most}`})` : '';
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Every bundled Lambda asset from `cdk synth`: its size, and the time a fresh Node process takes to load
 * it and serve a first invocation that does its real work (first-invocations.ts), against a baseline
 * bundled the same way in the same run. The secret is read as the stack configures it: through a loopback
 * Parameters and Secrets extension, or with the real SDK client against a loopback Secrets Manager; the
 * simulator is Webex, and loopback fakes are Step Functions and S3 for the real SDK clients. Every sample
 * starts from the seeded org, the first secret and empty fakes, so each one repeats the same work. The
 * extension's own start (a separate process in Lambda, started in parallel with the runtime) is not part
 * of these figures.
 */
export async function measureColdStarts(sim: Simulator, runs = 5) {
  const secret = JSON.stringify({ clientId: SIM_CLIENT_ID, clientSecret: SIM_CLIENT_SECRET, accessToken: SIM_ACCESS_TOKEN, refreshToken: SIM_REFRESH_TOKEN });
  const sm = await startFakeSecretsManager(secret);
  const extension = await startFakeSecretsExtension({ [sm.arn]: secret }, 'bench-session-token');
  const sfn = await startFakeStepFunctions(enableCallingOutput, finishedPlan);
  const s3 = await startFakeS3();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SESSION_TOKEN: extension.sessionToken, PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(extension.port),
    AWS_ENDPOINT_URL_SECRETS_MANAGER: sm.url, AWS_ENDPOINT_URL_SFN: sfn.url, AWS_ENDPOINT_URL_S3: s3.url,
    WEBEX_SECRET_ARN: sm.arn, WEBEX_BASE_URL: sim.url,
    POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true', NODE_NO_WARNINGS: '1',
  };

  /** One fresh process serving `first`, and what it did: its answer, then each service it used. */
  const sample = async (a: Asset, first: FirstInvocation) => {
    sim.reset();
    sm.reset();
    sfn.reset();
    s3.reset();
    // A new, empty activity table per sample (dynalite, in this process), for the functions the stack gives one.
    const dynamo: string[] = [];
    const table = a.env.ACTIVITY_TABLE_NAME ? localActivityTable({ observe: (operation) => dynamo.push(operation) }) : undefined;
    try {
      const tableEnv = table ? { AWS_ENDPOINT_URL_DYNAMODB: await table.endpoint() } : {};
      const noTable = (): never => {
        throw new Error(`${a.id}: the stack gives it no ACTIVITY_TABLE_NAME, so its first invocation has no table to arrange`);
      };
      const fakes: Fakes = { sfn, s3, secrets: extension, get activity() { return table?.store ?? noTable(); }, get scim() { return table?.scimStore ?? noTable(); } };
      await first.arrange?.(fakes);
      // What the arrangement wrote is not the function's work.
      dynamo.length = 0;
      const before = extension.requests.length;
      // The bench's settings win: the stack's point at webexapis.com and the extension's port in Lambda.
      const s = await coldRun(a, first.event, { ...a.env, ...env, ...tableEnv });
      const reads = extension.requests.length - before;
      const webexFailures = sim.requests.filter((r) => r.status >= 400).map((r) => r.status);
      const undeclared = undeclaredWebex(first, sim.requests.length);
      const did = [
        s.error ? `threw ${s.error}` : String(s.status ?? s.effect ?? s.outcome ?? 'returned'),
        reads ? `secret via extension${reads > 1 ? `×${reads}` : ''}` : '',
        sm.operations.length ? `SecretsManager ${tally(sm.operations)}` : '',
        sim.requests.length || undeclared ? `Webex×${sim.requests.length}${webexFailures.length ? ` (${webexFailures.join(', ')})` : ''}${undeclared}` : '',
        sfn.operations.length ? `SFN ${tally(sfn.operations)}` : '',
        s3.operations.length ? `S3 ${tally(s3.operations)}` : '',
        dynamo.length ? `DynamoDB ${tally(dynamo)}` : '',
      ];
      // A first invocation that did not succeed measures an error path, not the function's work.
      const failed = Boolean(s.error) || (s.status ?? 0) >= 400 || s.effect === 'Deny';
      return { ...s, failed, undeclared: Boolean(undeclared), did: did.filter(Boolean).join(' · ') };
    } finally {
      await table?.close();
    }
  };

  try {
    const baseline = await bundleBaseline(BASELINE, 'baseline-handler.ts');
    const viaExtension = await bundleBaseline(EXTENSION_BASELINE, 'baseline-extension-handler.ts');
    const assets = synthAssets();
    const all = [baseline, viaExtension, ...assets];
    const firsts = all.map((a) => (a === baseline || a === viaExtension ? { event: {} } : firstInvocation(a.id, a.env)));
    // Round after round over every function, not one function's runs in a row: a change of load on a shared
    // machine then falls on all of them alike instead of skewing the ratios of whichever ran at the time.
    const samples: Awaited<ReturnType<typeof sample>>[][] = all.map(() => []);
    for (let i = 0; i < runs; i++) for (const [k, a] of all.entries()) samples[k].push(await sample(a, firsts[k]));
    const measured = all.map((a, k) => ({
      id: a.id, bytes: a.bytes, status: samples[k][0].status, succeeded: samples[k].every((s) => !s.failed), asDeclared: samples[k].every((s) => !s.undeclared),
      // Each sample's, once: more than one means the samples did not all do the same work.
      firstInvocation: [...new Set(samples[k].map((s) => s.did))].join(' | '),
      loadMs: median(samples[k].map((s) => s.loadMs)), totalMs: median(samples[k].map((s) => s.totalMs)),
    }));
    const base = measured[0];
    const rows = measured.map((r) => ({
      ...r,
      kb: Math.round(r.bytes / 102.4) / 10,
      coldRatio: Math.round((r.totalMs / base.totalMs) * 100) / 100,
      sizeRatio: Math.round((r.bytes / base.bytes) * 100) / 100,
      meetsTargets: r.id === base.id ? '' : r.totalMs / base.totalMs <= 1.5 && r.bytes <= 250 * 1024 ? 'yes' : 'no',
    }));
    writeFileSync(join(tmpdir(), 'bench-cold.json'), JSON.stringify(rows));
    return rows;
  } finally {
    await sm.close();
    await extension.close();
    await sfn.close();
    await s3.close();
  }
}
