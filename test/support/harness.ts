import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalApi, type LocalApi, type LocalApiOptions } from '../../functions/local/api-server';
import { createLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../functions/local/local-runtime';
import { clearReferenceCache } from '../../functions/lib/webex/reference-data';
import { startSimulator, type Simulator } from '../../functions/simulator/server';
import { SIM_ACCESS_TOKEN } from '../../functions/simulator/seed';
import { apiContract, recordAnswers, type RecordedAnswer } from './api-contract';
import { openApi } from './openapi-validator';

export interface Harness {
  sim: Simulator;
  api: LocalApi;
  /** The local runtime behind the API (its own for each harness): executions started, events published. */
  runtime: LocalRuntime;
  /** fetch against the local API. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }>;
  /** Every answer the local API gave, as sent: checked against the API's OpenAPI document on close. */
  answers: RecordedAnswer[];
  /** Requests the simulator received for /v1 routes since the last reset. */
  webexCalls(method?: string, pathPrefix?: string): { method: string; path: string; query: Record<string, string>; body: unknown; status: number; trackingId: string }[];
  close(): Promise<void>;
}

/**
 * The local API (the real handlers behind the route table) in front of the Webex simulator over real
 * HTTP, configured the way a deployment is: through the environment. The Webex client is the local runtime's
 * (a static token, or the file store of WEBEX_TOKEN_FILE) unless `webex` gives another composition.
 */
export async function startHarness(
  env: Record<string, string> = {},
  options: Pick<LocalRuntimeOptions, 'webex' | 'webexClock' | 'reconcileOnUpload'> & Pick<LocalApiOptions, 'oauth' | 'scimTokens'> & { /** Wait states and retry pauses take their time (pacing tests). */ realWaits?: boolean } = {},
): Promise<Harness> {
  const sim = await startSimulator();
  process.env.WEBEX_BASE_URL = sim.url;
  delete process.env.WEBEX_SECRET_ARN;
  delete process.env.WEBEX_TOKEN_FILE;
  process.env.WEBEX_ACCESS_TOKEN = SIM_ACCESS_TOKEN;
  Object.assign(process.env, env);
  if (env.WEBEX_TOKEN_FILE || env.WEBEX_SECRET_ARN) delete process.env.WEBEX_ACCESS_TOKEN;
  // An imports bucket, as `npm start` and the stack always give one (a bulk run writes its report there), unless
  // the test file has its own (useLocalImportsBucket); removed on close.
  const ownBucket = !process.env.LOCAL_OBJECT_STORE_DIR && !process.env.BULK_IMPORTS_BUCKET;
  if (ownBucket) {
    process.env.LOCAL_OBJECT_STORE_DIR = await mkdtemp(join(tmpdir(), 'webex-prov-s3-'));
    process.env.BULK_IMPORTS_BUCKET = 'imports';
  }
  clearReferenceCache();
  // State machines run in-process (functions/local/local-runtime.ts), their waits and retry pauses skipped.
  // A new runtime, so a new Webex client built from the environment just set.
  const runtime = createLocalRuntime({ fastWaits: !options.realWaits, webex: options.webex, webexClock: options.webexClock, reconcileOnUpload: options.reconcileOnUpload });
  const api = await startLocalApi({ port: 0, runtime, oauth: options.oauth, scimTokens: options.scimTokens });
  const answers = recordAnswers(api.server);
  return {
    sim,
    api,
    runtime,
    answers,
    async call(method, path, body) {
      const res = await fetch(api.url + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON; keep the text
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    webexCalls(method, pathPrefix) {
      return sim.requests.filter(
        (r) => (!method || r.method === method) && (!pathPrefix || r.path.startsWith(pathPrefix)),
      );
    },
    /**
     * Closes both servers, then fails if any request the suite sent breaks Cisco's OpenAPI documents, or any
     * answer the local API gave breaks the suite's own (GET /openapi.json).
     */
    async close() {
      await api.close();
      await sim.close();
      await runtime.activityTable.close();
      if (ownBucket) {
        await rm(process.env.LOCAL_OBJECT_STORE_DIR!, { recursive: true, force: true });
        delete process.env.LOCAL_OBJECT_STORE_DIR;
        delete process.env.BULK_IMPORTS_BUCKET;
      }
      const problems = sim.requests.flatMap((r) => openApi().checkRequest(r));
      if (problems.length) throw new Error(`Requests that break the Webex OpenAPI documents:\n${problems.join('\n')}`);
      const broken = answers.flatMap((a) => apiContract().check(a));
      if (broken.length) throw new Error(`Answers that break the API's OpenAPI document:\n${broken.join('\n')}`);
    },
  };
}

export const tempFile = async (name: string) => join(await mkdtemp(join(tmpdir(), 'webex-prov-')), name);
