import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ESM_REQUIRE_BANNER } from '../infra/constructs/workflow-function';
import { ENV } from '../functions/lib/tokens/service-app-secret';
import { DEMO_IDS, SIM_ACCESS_TOKEN, SIM_CLIENT_ID, SIM_CLIENT_SECRET, SIM_REFRESH_TOKEN } from '../functions/simulator/seed';
import type { Simulator } from '../functions/simulator/server';
import { startFakeSecretsExtension } from '../test/support/fake-secrets-extension';
import { startFakeSecretsManager } from './fake-secrets-manager';

const ROOT = join(__dirname, '..');

/** A first invocation per function: a request it can serve against the simulator's demo org. */
function firstEvent(id: string): unknown {
  const api = (method: string, resource: string, pathParameters: Record<string, string> | null, body?: unknown, query: Record<string, string> | null = null) => ({
    httpMethod: method, resource, path: resource, headers: {}, multiValueHeaders: {}, queryStringParameters: query,
    multiValueQueryStringParameters: null, pathParameters, stageVariables: null, body: body === undefined ? null : JSON.stringify(body),
    isBase64Encoded: false, requestContext: { requestId: 'cold', identity: { userArn: 'bench' } },
  });
  const alice = { user: DEMO_IDS.people.alice };
  switch (id) {
    case 'GetUser': return api('GET', '/users/{user}', alice);
    case 'CreateUser': return api('POST', '/users', null, { email: `cold.${Date.now()}@example.com`, displayName: 'Cold' });
    case 'UpdateUser': return api('PATCH', '/users/{user}', alice, { title: 'Cold' });
    case 'DeleteUser': return api('DELETE', '/users/{user}', { user: 'nobody@example.com' });
    case 'GetConnection': return api('GET', '/connection', null);
    case 'WebexRequest': return api('POST', '/webex/requests', null, { method: 'GET', path: '/licenses' });
    case 'GetUserNumbers': return api('GET', '/users/{user}/numbers', alice);
    case 'ListNumbers': return api('GET', '/numbers', null, undefined, { available: 'true' });
    default: return api('GET', '/unknown', alice); // still a full first invocation: validation and response shaping
  }
}

interface Asset {
  id: string;
  file: string;
  bytes: number;
  /** Environment the stack gives this function that the bench reproduces (how it reads the secret). */
  env?: NodeJS.ProcessEnv;
}

const BASELINE = 'baseline (middy + one secret read)';
const EXTENSION_BASELINE = 'baseline via extension (reference)';

function synthAssets(): Asset[] {
  const out = mkdtempSync(join(tmpdir(), 'bench-cdk-'));
  execFileSync('npx', ['cdk', 'synth', '-q', '--no-notices', '-o', out], {
    cwd: ROOT, stdio: 'ignore', env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', AWS_REGION: 'us-east-1' },
  });
  const template = JSON.parse(readFileSync(join(out, 'WebexProvisioning.template.json'), 'utf8')) as {
    Resources: Record<string, { Type: string; Metadata?: Record<string, string>; Properties?: { Environment?: { Variables?: Record<string, unknown> } } }>;
  };
  const assets: Asset[] = [];
  for (const [logicalId, r] of Object.entries(template.Resources)) {
    if (r.Type !== 'AWS::Lambda::Function' || !r.Metadata?.['aws:asset:path']) continue;
    const file = join(out, r.Metadata['aws:asset:path'], 'index.mjs');
    if (!existsSync(file)) continue;
    const id = (r.Metadata['aws:cdk:path'] ?? logicalId).split('/').slice(-2, -1)[0];
    const reader = r.Properties?.Environment?.Variables?.[ENV.secretReader];
    assets.push({ id, file, bytes: statSync(file).size, env: typeof reader === 'string' ? { [ENV.secretReader]: reader } : {} });
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
  return { id, file, bytes: statSync(file).size };
}

const CHILD = `
const t0 = performance.now();
const mod = await import(process.argv[1]);
const t1 = performance.now();
const event = JSON.parse(process.argv[2]);
const ctx = { functionName: 'cold', awsRequestId: 'cold', getRemainingTimeInMillis: () => 28000 };
const res = await mod.handler(event, ctx);
const t2 = performance.now();
console.log(JSON.stringify({ loadMs: t1 - t0, firstInvocationMs: t2 - t1, totalMs: t2 - t0, status: res && res.statusCode }));
`;

// Asynchronous: the simulator and the fake Secrets Manager answer from this process's event loop.
const run = promisify(execFile);

async function coldRun(asset: Asset, event: unknown, env: NodeJS.ProcessEnv) {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', CHILD, asset.file, JSON.stringify(event)], { env, encoding: 'utf8' });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { loadMs: number; firstInvocationMs: number; totalMs: number; status?: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Every bundled Lambda asset from `cdk synth`: its size, and the time a fresh Node process takes to load
 * it and serve a first invocation (the secret read as the stack configures it: through a loopback
 * Parameters and Secrets extension, or with the real SDK client against a loopback Secrets Manager; the
 * simulator as Webex), against a baseline bundled the same way in the same run. The extension's own start
 * (a separate process in Lambda, started in parallel with the runtime) is not part of these figures.
 */
export async function measureColdStarts(sim: Simulator, runs = 5) {
  const secret = JSON.stringify({ clientId: SIM_CLIENT_ID, clientSecret: SIM_CLIENT_SECRET, accessToken: SIM_ACCESS_TOKEN, refreshToken: SIM_REFRESH_TOKEN });
  const sm = await startFakeSecretsManager(secret);
  const extension = await startFakeSecretsExtension({ [sm.arn]: secret }, 'bench-session-token');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SESSION_TOKEN: extension.sessionToken, PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(extension.port),
    AWS_ENDPOINT_URL_SECRETS_MANAGER: sm.url, WEBEX_SECRET_ARN: sm.arn, WEBEX_BASE_URL: sim.url,
    POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true', NODE_NO_WARNINGS: '1',
  };
  try {
    const baseline = await bundleBaseline(BASELINE, 'baseline-handler.ts');
    const viaExtension = await bundleBaseline(EXTENSION_BASELINE, 'baseline-extension-handler.ts');
    const assets = synthAssets();
    const measure = async (a: Asset) => {
      const samples = [];
      const event = a === baseline || a === viaExtension ? {} : firstEvent(a.id);
      for (let i = 0; i < runs; i++) samples.push(await coldRun(a, event, { ...env, ...a.env }));
      return { id: a.id, bytes: a.bytes, status: samples[0].status, loadMs: median(samples.map((s) => s.loadMs)), totalMs: median(samples.map((s) => s.totalMs)) };
    };
    const base = await measure(baseline);
    const measured = [base, await measure(viaExtension)];
    for (const a of assets) measured.push(await measure(a));
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
  }
}
