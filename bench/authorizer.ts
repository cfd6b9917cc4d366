import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { routes } from '../functions/routes';
import { createLocalTokenIssuer } from '../functions/local/oauth-issuer';
import { ESM_REQUIRE_BANNER } from '../infra/constructs/workflow-function';

/**
 * The OAuth API's Lambda authorizer against a bare function, both bundled as WorkflowFunction bundles them:
 *  - cold: a fresh Node process from spawn to the first answer (module load, the verifier, the JWKS fetched over
 *    HTTPS from a loopback server, one RS256 verification), as a Lambda cold start includes the runtime's boot;
 *  - warm: one invocation per distinct token in a warm process (API Gateway calls the authorizer once per token,
 *    method and resource; within the cache TTL it adds nothing).
 * A third function, the floor, does only what any authorizer verifying against a JWKS must on its first request:
 * load node:https and node:crypto, read the JWKS over HTTPS, verify one RS256 signature (no claims, no scopes). It
 * tells the cost of the job from the cost of our code.
 */
export interface AuthorizerBench {
  runs: number;
  coldMs: { authorizer: number; floor: number; bare: number };
  coldRatio: number;
  /** The floor against the bare function: what fetching a JWKS and verifying costs at all. */
  floorRatio: number;
  /** The authorizer against the floor: what our code adds to that. */
  overFloorRatio: number;
  warmP50Ms: { authorizer: number; floor: number; bare: number };
  addedP50Ms: number;
  bundleKb: { authorizer: number; bare: number };
}

const ROOT = join(__dirname, '..');
const run = promisify(execFile);

async function bundle(entry: string, outfile: string): Promise<number> {
  await build({
    entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node22', minify: true,
    mainFields: ['module', 'main'], banner: { js: ESM_REQUIRE_BANNER }, outfile, logLevel: 'silent',
  });
  return statSync(outfile).size;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measureAuthorizer(runs = 15, warmCalls = 300): Promise<AuthorizerBench> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-authorizer-'));
  // A loopback HTTPS server for the JWKS (aws-jwt-verify fetches over HTTPS only); the children trust it alone.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  let issuer: ReturnType<typeof createLocalTokenIssuer> | undefined;
  const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(issuer!.jwks()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  issuer = createLocalTokenIssuer(base, [{ name: 'bench', secret: 'x'.repeat(16), scopes: ['users.read'] }]);

  const authorizerKb = await bundle(join(ROOT, 'functions/api-authorizer/handler.ts'), join(dir, 'authorizer.mjs'));
  writeFileSync(join(dir, 'bare.ts'), 'export const handler = async (event: unknown) => ({ principalId: "bare", event });\n');
  const bareKb = await bundle(join(dir, 'bare.ts'), join(dir, 'bare.mjs'));
  writeFileSync(join(dir, 'floor.mjs'), FLOOR);
  const env = {
    PATH: process.env.PATH,
    NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'),
    API_AUTH_ISSUER: issuer.issuer,
    API_AUTH_AUDIENCE: issuer.audience,
    API_AUTH_JWKS_URI: `${base}/jwks`,
    API_AUTH_ROUTE_SCOPES: JSON.stringify(Object.fromEntries(routes.map((r) => [`${r.method} ${r.path}`, r.scope]))),
  };
  const event = (token: string) => ({ type: 'REQUEST', methodArn: 'arn:aws:execute-api:us-east-1:123456789012:a/v1/GET/users/x', resource: '/users/{user}', httpMethod: 'GET', headers: { Authorization: `Bearer ${token}` } });
  // The child prints its own clock at the answer; the parent measures spawn to answer.
  const child = (file: string) => `
    const t0 = performance.now();
    const { handler } = await import(${JSON.stringify(file)});
    const events = JSON.parse((await import('node:fs')).readFileSync(process.argv[1], 'utf8'));
    const first = await handler(events[0]);
    if (first.policyDocument && first.policyDocument.Statement[0].Effect !== 'Allow') throw new Error('denied');
    const warm = [];
    for (let i = 1; i < events.length; i++) { const s = performance.now(); await handler(events[i]); warm.push(performance.now() - s); }
    process.stdout.write(JSON.stringify({ warm }));
  `;
  const tokens = Array.from({ length: warmCalls + 1 }, () => event(issuer!.mint('bench', ['users.read'])));
  writeFileSync(join(dir, 'warm.json'), JSON.stringify(tokens));
  writeFileSync(join(dir, 'cold.json'), JSON.stringify(tokens.slice(0, 1)));
  const cold = { authorizer: [] as number[], floor: [] as number[], bare: [] as number[] };
  const warm = { authorizer: [] as number[], floor: [] as number[], bare: [] as number[] };
  try {
    for (let i = 0; i < runs; i++) {
      // Interleaved, so both see the same machine load.
      for (const kind of ['bare', 'floor', 'authorizer'] as const) {
        const eventsFile = join(dir, i === 0 ? 'warm.json' : 'cold.json');
        const start = performance.now();
        const { stdout } = await run(process.execPath, ['--input-type=module', '-e', child(join(dir, `${kind}.mjs`)), eventsFile], { env, maxBuffer: 1 << 24 });
        if (i > 0) cold[kind].push(performance.now() - start); // the first run also warms the OS file cache
        if (i === 0) warm[kind] = (JSON.parse(stdout) as { warm: number[] }).warm;
      }
    }
  } finally {
    server.close();
  }
  const coldMs = { authorizer: median(cold.authorizer), floor: median(cold.floor), bare: median(cold.bare) };
  const warmP50Ms = { authorizer: median(warm.authorizer), floor: median(warm.floor), bare: median(warm.bare) };
  return {
    runs: runs - 1,
    coldMs,
    coldRatio: coldMs.authorizer / coldMs.bare,
    floorRatio: coldMs.floor / coldMs.bare,
    overFloorRatio: coldMs.authorizer / coldMs.floor,
    warmP50Ms,
    addedP50Ms: warmP50Ms.authorizer - warmP50Ms.bare,
    bundleKb: { authorizer: Math.round(authorizerKb / 1024), bare: Math.round(bareKb / 1024) },
  };
}

/** The floor's handler (see above), hand-written on purpose: it is the yardstick, not a candidate. */
const FLOOR = `
import { request } from 'node:https';
import { createPublicKey, verify } from 'node:crypto';
let keys;
const jwks = () => keys ??= new Promise((resolve, reject) => request(process.env.API_AUTH_JWKS_URI, (res) => {
  let body = '';
  res.on('data', (chunk) => (body += chunk)).on('end', () => resolve(JSON.parse(body).keys));
}).on('error', reject).end());
export const handler = async (event) => {
  const token = event.headers.Authorization.slice('Bearer '.length);
  const [header, payload, signature] = token.split('.');
  const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString());
  const jwk = (await jwks()).find((k) => k.kid === kid);
  const ok = verify('RSA-SHA256', Buffer.from(header + '.' + payload), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(signature, 'base64url'));
  return { principalId: 'floor', policyDocument: { Statement: [{ Effect: ok ? 'Allow' : 'Deny' }] } };
};
`;
