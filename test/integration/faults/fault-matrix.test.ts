import { FileSecretStore } from '../../../functions/lib/tokens/file-secret-store';
import { SIM_ACCESS_TOKEN } from '../../../functions/simulator/seed';
import type { Fault } from '../../../functions/simulator/faults';
import { startHarness, tempFile, type Harness } from '../../support/harness';

/**
 * Every workflow against every kind of Webex fault, injected on each Webex request the workflow makes
 * in turn: it finishes, or fails with a clear error; never a duplicate, never an unreported half-change.
 */
type FaultCase = { name: string; fault?: Fault; expireToken?: true };
const FAULTS: FaultCase[] = [
  { name: '429 burst with Retry-After', fault: { kind: 'status', status: 429, retryAfter: '0', times: 3 } },
  { name: '500', fault: { kind: 'status', status: 500 } },
  { name: '502', fault: { kind: 'status', status: 502 } },
  { name: '503', fault: { kind: 'status', status: 503 } },
  { name: 'timeout', fault: { kind: 'latency', ms: 700 } },
  { name: 'dropped connection', fault: { kind: 'drop' } },
  { name: 'applied, then failed', fault: { kind: 'applyThenFail', status: 500 } },
  { name: 'expired access token', expireToken: true },
];

interface Workflow {
  name: string;
  /** Webex requests the workflow makes when nothing fails (the fault is injected on each in turn). */
  steps: { method: string; path: string }[];
  /** Needs an existing user with this e-mail. */
  seeded: boolean;
  run(h: Harness, email: string): Promise<{ status: number; body: any }>;
  /** What must hold afterwards, whatever the outcome. */
  check(h: Harness, email: string, status: number): Promise<void>;
}

const enc = encodeURIComponent;
const peopleWith = async (h: Harness, email: string) => {
  const res = await fetch(`${h.sim.url}/people?email=${enc(email)}`, { headers: { Authorization: `Bearer ${liveToken}` } });
  return ((await res.json()) as { items: unknown[] }).items.length;
};

const WORKFLOWS: Workflow[] = [
  {
    name: 'create user',
    seeded: false,
    steps: [{ method: 'GET', path: '/people' }, { method: 'POST', path: '/people' }],
    run: (h, email) => h.call('POST', '/users', { email, displayName: 'Fault Test' }),
    check: async (h, email, status) => {
      // Exactly one person when the API said it was created (or found); never two.
      const n = await peopleWith(h, email);
      if (status < 300) expect(n).toBe(1);
      else expect(n).toBeLessThanOrEqual(1);
    },
  },
  {
    name: 'get user',
    seeded: true,
    steps: [{ method: 'GET', path: '/people' }, { method: 'GET', path: '/people/' }],
    run: (h, email) => h.call('GET', `/users/${enc(email)}`),
    check: async (h, email) => expect(await peopleWith(h, email)).toBe(1),
  },
  {
    name: 'update user',
    seeded: true,
    steps: [{ method: 'GET', path: '/people' }, { method: 'GET', path: '/people/' }, { method: 'PUT', path: '/people/' }],
    run: (h, email) => h.call('PATCH', `/users/${enc(email)}`, { title: 'After' }),
    check: async (h, email, status) => {
      const user = await h.call('GET', `/users/${enc(email)}`);
      if (status < 300) expect(user.body.title).toBe('After');
      // Whatever happened, the rest of the record is intact.
      expect(user.body.displayName).toBe('Seeded');
    },
  },
  {
    name: 'delete user',
    seeded: true,
    steps: [{ method: 'GET', path: '/people' }, { method: 'DELETE', path: '/people/' }],
    run: (h, email) => h.call('DELETE', `/users/${enc(email)}`),
    check: async (h, email, status) => {
      expect(await peopleWith(h, email)).toBe(status < 300 ? 0 : await peopleWith(h, email));
    },
  },
  {
    name: 'guarded request',
    seeded: false,
    steps: [{ method: 'GET', path: '/licenses' }],
    run: (h) => h.call('POST', '/webex/requests', { method: 'GET', path: '/licenses' }),
    check: async () => undefined,
  },
];

let h: Harness;
let store: FileSecretStore;
let counter = 0;

beforeEach(async () => {
  store = new FileSecretStore(await tempFile('secret.json'));
  h = await startHarness({ WEBEX_TOKEN_FILE: store.path, WEBEX_TIMEOUT_MS: '300', WEBEX_RETRY_BUDGET_MS: '5000' });
  await store.write({ clientId: 'c', clientSecret: 's', accessToken: SIM_ACCESS_TOKEN, refreshToken: 'r' });
});
afterEach(async () => {
  await h.close();
});

let liveToken = SIM_ACCESS_TOKEN;
const cases = WORKFLOWS.flatMap((wf) => FAULTS.flatMap((f) => wf.steps.map((step, i) => [wf, f, step, i] as const)));

it.each(cases.map(([wf, f, step, i]) => [`${wf.name} / ${f.name} on request ${i + 1} (${step.method} ${step.path})`, wf, f, step] as const))(
  '%s',
  async (_, wf, f, step) => {
    liveToken = SIM_ACCESS_TOKEN;
    const email = `fault.${++counter}@example.com`;
    if (wf.seeded) expect((await h.call('POST', '/users', { email, displayName: 'Seeded', title: 'Before' })).status).toBe(201);
    // Warm: the function has read (and cached) the token and the reference data.
    await h.call('GET', '/users/alice.admin%40example.com');
    if (f.expireToken) {
      // The rotator stored a new token; the warm function still holds the old one, which Webex now refuses.
      liveToken = h.sim.issueAccessToken();
      await store.write({ clientId: 'c', clientSecret: 's', accessToken: liveToken, refreshToken: 'r' });
      h.sim.expireAccessToken(SIM_ACCESS_TOKEN);
    }
    h.sim.clearRequests();
    if (f.fault) h.sim.faults.add({ ...f.fault, match: { method: step.method, path: step.path } });
    const result = await wf.run(h, email);
    h.sim.faults.clear();

    expect([200, 201, 204, 404, 429, 502, 504]).toContain(result.status);
    if (result.status >= 400) expect(result.body.error.code).toEqual(expect.any(String));
    // One fault (or one burst) is within every workflow's retry budget: none may surface.
    expect(result.status).toBeLessThan(300);
    await wf.check(h, email, result.status);
  },
);
