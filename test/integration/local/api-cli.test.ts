import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { apiCaller, callAndFollow } from '../../../functions/cli/api-client';
import { startLocalApi, type LocalApi } from '../../../functions/local/api-server';
import { startHarness, type Harness } from '../../support/harness';

/** `npm run api` against the local API: with an OAuth client (LOCAL_API_AUTH=oauth), and SigV4-signed (the signature's shape). */
const SECRET = 'cli-client-secret-0123456789';
let h: Harness;
let open: LocalApi;
beforeAll(async () => {
  h = await startHarness({}, { oauth: { clients: [{ name: 'cli', secret: SECRET, scopes: ['users.read', 'bulk.read', 'bulk.write'] }] } });
  // The same runtime without the OAuth checks, for the SigV4 client (the local API does not check signatures).
  open = await startLocalApi({ port: 0, runtime: h.runtime });
});
afterAll(async () => {
  await h.runtime.executions.settle();
  await open.close();
  await h.close();
});

const oauth = () => apiCaller(h.api.url, { kind: 'oauth', tokenUrl: `${h.api.url}/oauth2/token`, clientId: 'cli', clientSecret: SECRET });

describe('npm run api with an OAuth client', () => {
  it('gets a token for the client and calls with it; a scope the client lacks is the 403 naming it', async () => {
    const caller = oauth();
    expect(await caller.call('GET', '/users/alice.admin%40example.com')).toMatchObject({ status: 200, body: { email: 'alice.admin@example.com' } });
    expect(await caller.call('PATCH', '/users/alice.admin%40example.com', { title: 'x' })).toMatchObject({ status: 403, body: { error: { code: 'InsufficientScope', message: expect.stringContaining('webex-provisioning/users.write') } } });
  });

  it('follows the run a call starts through its statusUrl until it ends, reporting progress', async () => {
    const progress: string[] = [];
    const users = [1, 2].map((n) => ({ email: `cli.user${n}@example.com`, firstName: 'Cli', lastName: `User${n}`, location: 'Headquarters', extension: String(6100 + n) }));
    const res = await callAndFollow(oauth(), 'POST', '/bulk/joiners', { users }, { intervalMs: 20, progress: (l) => progress.push(l) });
    expect(res).toMatchObject({ status: 200, body: { status: 'SUCCEEDED', report: { results: [expect.objectContaining({ status: 'SUCCEEDED' }), expect.objectContaining({ status: 'SUCCEEDED' })] } } });
    expect(progress[0]).toMatch(/^STARTED .*\(\/bulk\/joiners\/bulk-b-[0-9a-f]{40}\)$/);
  });

  it('names the token endpoint\'s error, never the secret, for a wrong secret', async () => {
    const caller = apiCaller(h.api.url, { kind: 'oauth', tokenUrl: `${h.api.url}/oauth2/token`, clientId: 'cli', clientSecret: 'not-the-secret-at-all' });
    const failure = caller.call('GET', '/connection');
    await expect(failure).rejects.toThrow(/401 invalid_client/);
    await expect(failure).rejects.not.toThrow(/not-the-secret/);
  });
});

describe('npm run api with SigV4', () => {
  it('signs every request with the credential chain\'s credentials (AWS4-HMAC-SHA256 for execute-api in the region)', async () => {
    const sent: Headers[] = [];
    const recording: typeof fetch = async (input, init) => {
      sent.push(new Headers(init?.headers));
      return fetch(input, init);
    };
    const caller = apiCaller(open.url, { kind: 'iam', region: 'eu-west-1', credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session-token' }) }, recording);
    expect(await caller.call('GET', '/users/alice.admin%40example.com')).toMatchObject({ status: 200, body: { email: 'alice.admin@example.com' } });
    expect(sent[0].get('authorization')).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/);
    expect(sent[0].get('x-amz-security-token')).toBe('session-token');
    expect(sent[0].get('x-amz-date')).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it('the command prints the JSON answer and exits 0, or 1 on an error status', async () => {
    const run = (args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'functions/cli/api.ts', ...args], {
      env: { PATH: process.env.PATH, API_CLIENT_ID: 'cli', API_CLIENT_SECRET: SECRET, API_TOKEN_URL: `${h.api.url}/oauth2/token` },
    }).then((r) => ({ code: 0, ...r }), (e: { code: number; stdout: string; stderr: string }) => e);
    const ok = await run(['GET', '/users/alice.admin%40example.com', '--url', h.api.url]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ email: 'alice.admin@example.com' });
    const denied = await run(['DELETE', '/users/alice.admin%40example.com', '--url', h.api.url]);
    expect(denied.code).toBe(1);
    expect(JSON.parse(denied.stdout).error.code).toBe('InsufficientScope');
  });
});
