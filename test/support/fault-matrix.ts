import { FileSecretStore } from '../../functions/lib/tokens/file-secret-store';
import type { Fault } from '../../functions/simulator/faults';
import { DEMO_EMAILS, SIM_ACCESS_TOKEN } from '../../functions/simulator/seed';
import type { SimState } from '../../functions/simulator/state';
import { pathCalls, type PathStep } from '../../scripts/flow-calls';
import type { WebexCall } from '../../functions/lib/workflows/task-steps';
import type { FunctionRow } from '../../functions/function-rows';
import { routes, type Route } from '../../functions/routes';
import { startHarness, tempFile, type Harness } from './harness';
import { useLifecycleHarness } from './lifecycle-harness';

/**
 * The fault matrices (test/integration/faults): a workflow, a kind of Webex fault, and the request of
 * the workflow it lands on. What they share: the faults, where they are worth injecting, the harness
 * of a warm function holding a token the rotator may have replaced, and the org-wide invariants.
 */

export type FaultCase = { name: string; fault?: Fault; expireToken?: true };

export const FAULTS: FaultCase[] = [
  { name: '429 burst with Retry-After', fault: { kind: 'status', status: 429, retryAfter: '0', times: 3 } },
  { name: '500', fault: { kind: 'status', status: 500 } },
  { name: '502', fault: { kind: 'status', status: 502 } },
  { name: '503', fault: { kind: 'status', status: 503 } },
  { name: 'timeout', fault: { kind: 'latency', ms: 700 } },
  { name: 'dropped connection', fault: { kind: 'drop' } },
  { name: 'applied, then failed', fault: { kind: 'applyThenFail', status: 500 } },
  { name: 'expired access token', expireToken: true },
];

/** The client's per-attempt timeout and retry budget in the matrices: the `timeout` fault outlasts the first. */
export const FAULT_ENV = { WEBEX_TIMEOUT_MS: '300', WEBEX_RETRY_BUDGET_MS: '5000' };

/**
 * A Webex request as the simulator logs it, `METHOD /path` without /v1 and query, `{…}` standing for
 * one path segment (an id): `GET /people/{id}/features/numbers`.
 */
export type WebexStep = string;

const READ_FAULTS = new Set(['429 burst with Retry-After', '503', 'dropped connection']);

/** Reads by meaning (POST only because Webex wants a body): the client resends them like a GET. */
const isRead = (step: WebexStep) => step.startsWith('GET ') || step === 'POST /telephony/config/actions/validateNumbers/invoke';

/**
 * The faults worth injecting on one request of a workflow. A write gets every one. A read is resent by
 * the client after any 5xx and after any network failure, and has nothing to apply: 503 stands for 500,
 * 502 and "applied, then failed" (a plain 500 there), and a dropped connection for a timeout (which
 * only differs in that Webex still processes the request late, and costs the client's whole timeout).
 * An expired token is refused on whichever request comes first: one case per workflow, on its first.
 */
export function faultsFor(steps: WebexStep[], i: number): FaultCase[] {
  return FAULTS.filter((f) => (f.expireToken ? i === 0 : !isRead(steps[i]) || READ_FAULTS.has(f.name)));
}

/** Every fault on every request (the user matrix, whose workflows are short). */
export function everyFaultFor(_steps: WebexStep[], i: number): FaultCase[] {
  return FAULTS.filter((f) => !f.expireToken || i === 0);
}

/** `[title, workflow, fault, request index]` rows for it.each, one per workflow × request × fault worth trying there. */
export function matrixCases<W extends { name: string; steps: WebexStep[] }>(
  workflows: W[],
  select: (steps: WebexStep[], i: number) => FaultCase[] = faultsFor,
): [string, W, FaultCase, number][] {
  return workflows.flatMap((wf) =>
    wf.steps.flatMap((step, i) =>
      select(wf.steps, i).map((f): [string, W, FaultCase, number] => [
        f.expireToken ? `${wf.name} / ${f.name}` : `${wf.name} / ${f.name} on request ${i + 1} (${step})`,
        wf,
        f,
        i,
      ]),
    ),
  );
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function parseStep(step: WebexStep): { method: string; path: RegExp } {
  const [method, template] = step.split(' ');
  return { method, path: new RegExp(`^${template.split(/\{[^}]*\}/).map(escape).join('[^/]+')}$`) };
}

/** The fault, aimed at the i-th request of `steps` (past the earlier requests that look the same). */
export function faultOn(steps: WebexStep[], i: number, fault: Fault): Fault {
  const { method, path } = parseStep(steps[i]);
  const skip = steps.slice(0, i).filter((s) => s === steps[i]).length;
  return { ...fault, match: { method, path }, ...(skip ? { skip } : {}) };
}

/** The requests the workflow made, each shown as the step it matches (so a mismatch reads as a diff). */
export function madeSteps(h: Harness, steps: WebexStep[]): string[] {
  return h.webexCalls().map((r, i) => {
    const step = steps[i];
    const expected = step && parseStep(step);
    return expected && expected.method === r.method && expected.path.test(r.path) ? step : `${r.method} ${r.path}`;
  });
}

/** The reference reads warm() leaves in the function's cache (the licenses, the users' locations by id). */
const WARMED: readonly WebexCall[] = ['GET /licenses', 'GET /locations/{id}'];

/** A workflow's requests as its step rows declare them, the step declaring each, and the steps in the order they run. */
export interface RowRequests {
  steps: WebexStep[];
  declaredBy: string[];
  path: { step: string; steps: WebexStep[] }[];
}

/**
 * The requests of a run along `path`, from its step rows: its cached reads too, unless warm() has read them (the
 * matrices' functions are warm for those alone).
 */
export function fromRows(path: PathStep[]): RowRequests {
  // One entry per invocation: a step run twice (checkMoveJob's polls) is two.
  const bySteps = path.flatMap((p) => Array.from({ length: p.times ?? 1 }, () => ({ ...p, times: 1 }))).map((p) => ({
    step: p.step,
    steps: pathCalls([p]).flatMap(({ call }) => (typeof call === 'string' ? [call] : WARMED.includes(call.cached) ? [] : [call.cached])),
  }));
  return { steps: bySteps.flatMap((s) => s.steps), declaredBy: bySteps.flatMap((s) => s.steps.map(() => s.step)), path: bySteps };
}

/** A route's row by id (the matrices name the route they call). */
function routeRow(id: string): Route {
  const route = routes.find((r) => r.id === id);
  if (!route?.webex) throw new Error(`${id}: no route row declaring its Webex requests`);
  return route;
}

/** The requests of one call of a route, from its row (`webex`) under the named conditions; named by the route. */
export const fromRoute = (id: string, when: readonly string[] = []): RowRequests => fromRows([{ step: id, row: routeRow(id), when }]);

/** The requests of one invocation of a function with a function row, from its row under the named conditions; named by the function. */
export const fromFunction = (row: FunctionRow, when: readonly string[] = []): RowRequests => fromRows([{ step: row.id, row, when }]);

/**
 * The request of a route that sends the one its input names (its row says `fromInput`: the guarded request), named by
 * the route.
 */
export function fromInput(id: string, input: { method: string; path: string }): RowRequests {
  const route = routeRow(id);
  if (!route.webex || !('fromInput' in route.webex)) throw new Error(`${id}: its row declares its own requests; use fromRoute`);
  const steps = [`${input.method} ${input.path}`];
  return { steps, declaredBy: [id], path: [{ step: id, steps }] };
}

/** The invocation a request came from: the correlation id in its TrackingID (webex/client.ts: WEBEXPROV_<id>_<n>). */
const invocationOf = (trackingId: string) => trackingId.split('_')[1] ?? trackingId;

/**
 * The requests the workflow made as `step: request`, beside the ones its rows declare (`declared`), so that a
 * mismatch reads as a diff naming the step. Each step invocation's requests (one TrackingID correlation) are the
 * next step's on the path whose row declares exactly them; else the first step not yet seen, which then sent what
 * its row does not declare.
 */
export function madeByStep(h: Harness, rows: RowRequests): { made: string[]; declared: string[] } {
  const declared = rows.path.flatMap(({ step, steps }) => steps.map((s) => `${step}: ${s}`));
  const calls = h.webexCalls();
  const groups: (typeof calls)[] = [];
  for (const call of calls) {
    const last = groups.at(-1);
    if (last && invocationOf(last[0].trackingId) === invocationOf(call.trackingId)) last.push(call);
    else groups.push([call]);
  }
  const made: string[] = [];
  let next = 0;
  for (const group of groups) {
    const same = (steps: WebexStep[]) => steps.length === group.length && madeSteps({ webexCalls: () => group } as Harness, steps).every((s, i) => s === steps[i]);
    const found = rows.path.findIndex((p, j) => j >= next && p.steps.length > 0 && same(p.steps));
    if (found >= 0) {
      made.push(...rows.path[found].steps.map((s) => `${rows.path[found].step}: ${s}`));
      next = found + 1;
      continue;
    }
    const by = rows.path[next]?.step ?? 'no step';
    const expected = rows.path[next]?.steps ?? [];
    made.push(...madeSteps({ webexCalls: () => group } as Harness, expected).map((s, i) => (s === expected[i] ? `${by}: ${s}` : `${by}: sent ${s}, which its row does not declare`)));
    next += 1;
  }
  return { made, declared };
}

/**
 * madeByStep for a run of one invocation whatever its TrackingIDs: a function that no API request or Task state
 * invokes (a schedule's) has no correlation id, so each of its requests carries a TrackingID of its own.
 */
export const madeByInvocation = (h: Pick<Harness, 'webexCalls'>, rows: RowRequests) =>
  madeByStep({ webexCalls: () => h.webexCalls().map((call) => ({ ...call, trackingId: 'WEBEXPROV_invocation_0' })) } as Harness, rows);

export interface FaultHarness {
  readonly h: Harness;
  /** A warm function: it has read (and cached) the token, the licenses and the demo org's calling locations. */
  warm(): Promise<void>;
  /**
   * Call after warming the function: expires its token (the rotator stored a new one) or queues the
   * fault on request `i` of `steps`, and starts a fresh request log.
   */
  inject(f: FaultCase, steps: WebexStep[], i: number): Promise<void>;
  /** The injected fault (or the refused token) was met: the workflow made the request it was aimed at. */
  expectInjected(f: FaultCase): void;
}

/**
 * Before each test: the local API and the simulator, the token in a file store (so a refused token is
 * re-read, as from Secrets Manager), and the client's short fault-test timeouts. `lifecycle` also
 * clears and settles the in-process executions and their events.
 */
export function useFaultHarness(options: { lifecycle?: boolean } = {}): FaultHarness {
  let h: Harness;
  let store: FileSecretStore;
  const env = async () => {
    store = new FileSecretStore(await tempFile('secret.json'));
    await store.write({ clientId: 'c', clientSecret: 's', accessToken: SIM_ACCESS_TOKEN, refreshToken: 'r' });
    return { WEBEX_TOKEN_FILE: store.path, ...FAULT_ENV };
  };
  if (options.lifecycle) {
    useLifecycleHarness((harness) => (h = harness), env);
  } else {
    beforeEach(async () => {
      h = await startHarness(await env());
    });
    afterEach(() => h.close());
  }
  return {
    get h() {
      return h;
    },
    async warm() {
      for (const email of [DEMO_EMAILS.alice, DEMO_EMAILS.carol]) await h.call('GET', `/users/${encodeURIComponent(email)}`);
    },
    async inject(f, steps, i) {
      if (f.expireToken) {
        await store.write({ clientId: 'c', clientSecret: 's', accessToken: h.sim.issueAccessToken(), refreshToken: 'r' });
        h.sim.expireAccessToken(SIM_ACCESS_TOKEN);
      }
      h.sim.clearRequests();
      if (f.fault) h.sim.faults.add(faultOn(steps, i, f.fault));
    },
    expectInjected(f) {
      if (f.expireToken) expect(h.webexCalls().filter((r) => r.status === 401)).not.toHaveLength(0);
      // A fault left with all its skips is one whose request never came: the case tested nothing.
      else expect(h.sim.faults.list().filter((left) => left.skip !== undefined || left.times === (f.fault?.times ?? 1))).toEqual([]);
      h.sim.faults.clear();
    },
  };
}

/**
 * What must hold in the org after any run, whatever its outcome: one person per e-mail; a calling
 * license at most once per person, and calling data exactly with it; every number held by at most one
 * person, never both in the pool and held, and only by a calling user of its own location.
 */
export function orgProblems(state: SimState): string[] {
  const problems: string[] = [];
  const byEmail = new Map<string, number>();
  for (const p of state.people.values()) for (const e of p.emails) byEmail.set(e.toLowerCase(), (byEmail.get(e.toLowerCase()) ?? 0) + 1);
  for (const [email, n] of byEmail) if (n > 1) problems.push(`${n} people with e-mail ${email}`);

  const holders = new Map<string, string[]>();
  for (const p of state.people.values()) {
    const who = p.emails[0] ?? p.id;
    if (new Set(p.licenses).size !== p.licenses.length) problems.push(`${who} holds a license twice`);
    const calling = p.licenses.filter((id) => state.isCallingLicense(id));
    if (calling.length > 1) problems.push(`${who} holds ${calling.length} calling licenses`);
    if (Boolean(calling.length) !== Boolean(p.calling)) problems.push(`${who}: calling license ${calling.length ? 'without' : 'gone but'} calling data`);
    const held = state.numbersOf(p.id);
    if (held.filter((n) => n.owner?.kind === 'PRIMARY').length > 1) problems.push(`${who} has two primary numbers`);
    for (const n of held) holders.set(n.phoneNumber, [...(holders.get(n.phoneNumber) ?? []), p.id]);
  }
  for (const l of state.licenses.values()) {
    if (state.consumedUnits(l.id) > l.totalUnits) problems.push(`${l.name}: ${state.consumedUnits(l.id)} of ${l.totalUnits} units used`);
  }
  for (const n of state.numbers.values()) {
    const by = holders.get(n.phoneNumber) ?? [];
    if (by.length > 1) problems.push(`${n.phoneNumber} held by ${by.length} people`);
    if (!n.owner && by.length) problems.push(`${n.phoneNumber} is in the pool and held by ${by.join(', ')}`);
    if (!n.owner) continue;
    const owner = state.people.get(n.owner.personId);
    if (!by.includes(n.owner.personId)) problems.push(`${n.phoneNumber} names an owner that does not list it`);
    if (!owner) problems.push(`${n.phoneNumber} is held by a deleted person`);
    else if (owner.calling?.locationId !== n.locationId) problems.push(`${n.phoneNumber} is held by ${owner.emails[0]} outside its location`);
  }
  return problems;
}

/** Does the person hold the number, and as what? (What Webex shows; undefined: not held by them.) */
export function heldAs(state: SimState, personId: string, phoneNumber: string): 'PRIMARY' | 'ALTERNATE' | undefined {
  const n = state.numbers.get(phoneNumber);
  return n?.owner?.personId === personId ? n.owner.kind : undefined;
}
