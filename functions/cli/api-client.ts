import type { AwsCredentials } from '../../e2e/sigv4';
import { SignedApiClient } from '../../e2e/signed-api-client';
import { systemClock } from '../lib/clock';

/**
 * What `npm run api` does, without the process around it (functions/cli/api.ts reads the arguments, the
 * environment and the stack's outputs): one call, SigV4-signed or with an OAuth client's token, and the runs it
 * started followed through their `statusUrl` until they end.
 */
export type CliAuth =
  | { readonly kind: 'iam'; readonly credentials: () => Promise<AwsCredentials>; readonly region?: string }
  | { readonly kind: 'oauth'; readonly tokenUrl: string; readonly clientId: string; readonly clientSecret: string; readonly scope?: string };

export interface CliResponse {
  status: number;
  body: unknown;
}

export interface ApiCaller {
  call(method: string, path: string, body?: unknown): Promise<CliResponse>;
}

export function apiCaller(baseUrl: string, auth: CliAuth, fetchImpl: typeof fetch = fetch): ApiCaller {
  if (auth.kind === 'iam') {
    const client = new SignedApiClient({ baseUrl, credentials: auth.credentials, region: auth.region, fetch: fetchImpl });
    return { call: async (method, path, body) => client.call(method, path, body) };
  }
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  let token: { value: string; until: number } | undefined;
  const bearer = async () => {
    if (!token || Date.now() > token.until) {
      const res = await fetchImpl(auth.tokenUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', ...(auth.scope ? { scope: auth.scope } : {}) }).toString(),
      });
      const answer = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
      if (!res.ok || !answer.access_token) {
        // The OAuth error names what is wrong; the secret is never part of it.
        throw new Error(`token request to ${auth.tokenUrl} failed: ${res.status} ${answer.error ?? ''} ${answer.error_description ?? ''}`.trim());
      }
      // Renewed a minute before it expires.
      token = { value: answer.access_token, until: Date.now() + Math.max(0, (answer.expires_in ?? 3600) - 60) * 1000 };
    }
    return token.value;
  };
  return {
    async call(method, path, body) {
      const text = body === undefined ? undefined : JSON.stringify(body);
      const res = await fetchImpl(new URL(path.replace(/^\//, ''), base), {
        method,
        headers: { authorization: `Bearer ${await bearer()}`, ...(text === undefined ? {} : { 'content-type': 'application/json' }) },
        body: text,
      });
      const raw = await res.text();
      let parsed: unknown = raw === '' ? undefined : raw;
      try {
        if (raw) parsed = JSON.parse(raw);
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed };
    },
  };
}

/** The statuses of a run that goes on (Enable Calling, bulk joiners, a reconciliation plan or apply). */
const GOING_ON = new Set(['STARTED', 'RUNNING', 'PLANNING', 'APPLYING', 'PENDING']);

export interface FollowOptions {
  /** @default 2000 */
  intervalMs?: number;
  /** @default 15 minutes */
  timeoutMs?: number;
  /** Where progress lines go (stderr in the CLI, so stdout stays the JSON). */
  progress?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** The call, then, while its answer is a run going on with a `statusUrl`, that URL until the run ends. */
export async function callAndFollow(caller: ApiCaller, method: string, path: string, body: unknown, options: FollowOptions & { follow?: boolean } = {}): Promise<CliResponse> {
  let res = await caller.call(method, path, body);
  if (options.follow === false) return res;
  const deadline = Date.now() + (options.timeoutMs ?? 15 * 60_000);
  const sleep = options.sleep ?? systemClock.sleep;
  let last = '';
  // The start's answer names the status URL; the status answers themselves may not repeat it.
  let statusUrl: string | undefined;
  for (;;) {
    const run = res.body as { status?: string; statusUrl?: string; steps?: { status?: string }[]; counts?: Record<string, number> } | undefined;
    statusUrl = run?.statusUrl ?? statusUrl;
    if (res.status >= 300 || !statusUrl || !run?.status || !GOING_ON.has(run.status)) return res;
    const line = progressLine(run.status, statusUrl, run);
    if (line !== last) options.progress?.(line);
    last = line;
    if (Date.now() > deadline) {
      options.progress?.(`still ${run.status} after the timeout: GET ${statusUrl} to follow it`);
      return res;
    }
    await sleep(options.intervalMs ?? 2000);
    res = await caller.call('GET', statusUrl);
  }
}

function progressLine(status: string, statusUrl: string, run: { steps?: { status?: string }[]; counts?: Record<string, number> }): string {
  const steps = run.steps?.length ? `, ${run.steps.filter((s) => s.status === 'done' || s.status === 'DONE' || s.status === 'SUCCEEDED').length}/${run.steps.length} steps done` : '';
  const counts = run.counts ? `, ${Object.entries(run.counts).map(([k, v]) => `${k} ${v}`).join(', ')}` : '';
  return `${status}${steps}${counts} (${statusUrl})`;
}
