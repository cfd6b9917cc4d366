import { E2E_EVENT_SOURCE } from '../../e2e/constants';
import { runScenario } from '../../e2e/scenario';
import { SignedApiClient } from '../../e2e/signed-api-client';
import type { Harness } from '../support/harness';
import { useLifecycleHarness } from '../support/lifecycle-harness';
import { useLocalImportsBucket } from '../support/local-imports-bucket';

// The e2e scenario against the local runtime (the real handlers, ASL and simulator), through the SigV4 client
// `npm run e2e` uses on AWS: a scenario that cannot pass here would not pass on AWS either.
const BUCKET = 'imports';
const bucket = useLocalImportsBucket(BUCKET);
let h: Harness;
useLifecycleHarness((harness) => (h = harness));

describe('the e2e scenario', () => {
  afterEach(() => {
    delete process.env.LIFECYCLE_ALLOWED_SOURCES;
  });

  it('passes every step against the local runtime, and leaves none of its users behind', async () => {
    // As the e2e stack configures its router and POST /events.
    process.env.LIFECYCLE_ALLOWED_SOURCES = E2E_EVENT_SOURCE;
    const api = new SignedApiClient({
      baseUrl: h.api.url,
      region: 'eu-west-1',
      credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'local-secret' }),
    });
    const report = await runScenario({
      call: (method, path, body) => api.call(method, path, body),
      upload: (key, text) => bucket.store().putText(BUCKET, key, text),
      runId: 'local1',
      waitMs: 20_000,
      sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 50))),
    });
    expect(report.steps.filter((s) => !s.ok)).toEqual([]);
    expect(report.steps.map((s) => s.name)).toEqual([
      'connection is healthy',
      'create a user',
      'read the user',
      'enable calling with a number from the pool',
      "list the user's numbers",
      'move the user to another location: the answer, or 202 and the status route',
      'list available numbers',
      'an event from a source the stack does not allow is refused',
      'joiner event: the user is created with calling',
      'leaver event: the user is deleted',
      'bulk joiners from a CSV file',
      'reconcile: plan a roster (ReconcilePlan), then apply it (Distributed Map, nested joiner)',
      'clean up the users the scenario made',
    ]);
    expect(report).toMatchObject({ runId: 'local1', failed: 0, passed: 13 });
    const left = [...h.sim.state.people.values()].filter((p: { emails: string[] }) => p.emails.some((e) => e.startsWith('e2e-local1-') || e.endsWith('@e2e-local1.example.com')));
    expect(left).toEqual([]);
  });

  it('reports a failing step with what the API answered, and carries on', async () => {
    process.env.LIFECYCLE_ALLOWED_SOURCES = E2E_EVENT_SOURCE;
    const report = await runScenario({
      call: async (method, path, body) => (path === 'users' && method === 'POST' ? { status: 502, body: { message: 'Webex is down' } } : h.call(method, `/${path}`, body)),
      upload: (key, text) => bucket.store().putText(BUCKET, key, text),
      runId: 'local2',
      waitMs: 20_000,
      sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 50))),
    });
    expect(report.steps.find((s) => s.name === 'create a user')).toMatchObject({ ok: false, detail: expect.stringMatching(/POST users: 502 .*Webex is down/) });
    // The steps that need that user are skipped; the others still run.
    expect(report.steps.map((s) => s.name)).not.toContain('read the user');
    expect(report.steps.find((s) => s.name === 'bulk joiners from a CSV file')?.ok).toBe(true);
    expect(report.failed).toBe(1);
  });
});
