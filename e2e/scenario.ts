import { createHash, randomUUID } from 'node:crypto';
import { E2E_EVENT_SOURCE } from './constants';

/**
 * The e2e scenario (`npm run e2e`): the API as a service desk uses it, against a deployed stack whose Webex is
 * the simulator — users, calling, a move (the Standard run, its 202 and status route), numbers, a joiner and a
 * leaver event, a small CSV bulk run, a reconciliation planned and applied — ending with the users it made deleted. It only needs a way to call the API and to upload a file, so the same scenario runs
 * against the local runtime in the tests (test/e2e/scenario.test.ts) and against AWS with SigV4 (e2e/run.ts).
 */
export interface ScenarioContext {
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** Puts a file into the imports bucket. */
  upload(key: string, text: string): Promise<void>;
  /** Publishes a lifecycle event on the bus (the joiner's path); without it the joiner goes to POST /events too. */
  publish?(event: LifecycleEnvelope): Promise<void>;
  /** Distinguishes this run's users from another run's on the same simulator. @default a random id */
  runId?: string;
  /** How long to wait for an asynchronous outcome (an event's flow, the bulk run). @default 180 000 ms */
  waitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface LifecycleEnvelope {
  id: string;
  source: string;
  'detail-type': string;
  detail: Record<string, unknown>;
}

export interface StepReport {
  name: string;
  ok: boolean;
  ms: number;
  status?: number;
  detail?: string;
}

export interface ScenarioReport {
  runId: string;
  passed: number;
  failed: number;
  steps: StepReport[];
}


class StepFailed extends Error {}

/** A four-digit extension from the run id: another run on the same simulator picks another one. */
export const runExtension = (runId: string) => String(5000 + (parseInt(createHash('sha256').update(runId).digest('hex').slice(0, 6), 16) % 1000));

export async function runScenario(ctx: ScenarioContext): Promise<ScenarioReport> {
  const runId = ctx.runId ?? randomUUID().slice(0, 8);
  const waitMs = ctx.waitMs ?? 180_000;
  const sleep = ctx.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const steps: StepReport[] = [];
  const email = (who: string) => `e2e-${runId}-${who}@example.com`;
  const user = (who: string) => `users/${encodeURIComponent(email(who))}`;

  const step = async (name: string, body: () => Promise<{ status?: number; detail?: string } | void>): Promise<boolean> => {
    const started = Date.now();
    try {
      const out = (await body()) ?? {};
      steps.push({ name, ok: true, ms: Date.now() - started, ...out });
      return true;
    } catch (error) {
      steps.push({ name, ok: false, ms: Date.now() - started, detail: error instanceof Error ? error.message : String(error) });
      return false;
    }
  };
  const expectStatus = async (method: string, path: string, expected: number[], body?: unknown) => {
    const res = await ctx.call(method, path, body);
    if (!expected.includes(res.status)) throw new StepFailed(`${method} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
    return res as { status: number; body: Record<string, any> };
  };
  const waitFor = async (what: string, check: () => Promise<boolean>) => {
    const until = Date.now() + waitMs;
    for (let pause = 500; ; pause = Math.min(pause * 2, 10_000)) {
      if (await check()) return;
      if (Date.now() > until) throw new StepFailed(`${what}: not within ${Math.round(waitMs / 1000)} s`);
      await sleep(pause);
    }
  };
  // The joiner goes through the bus (when there is one), the leaver through POST /events: both ways in are exercised.
  const publish = async (event: LifecycleEnvelope) => (ctx.publish ? ctx.publish(event) : postEvent(event));
  const postEvent = async (event: LifecycleEnvelope) => void (await expectStatus('POST', 'events', [202], event));

  await step('connection is healthy', async () => {
    const res = await expectStatus('GET', 'connection', [200]);
    // static-token: the local runtime with WEBEX_ACCESS_TOKEN (the scenario's own test); a stack is always `healthy`.
    if (!['healthy', 'static-token'].includes(res.body.status)) throw new StepFailed(`GET /connection: ${res.body.status}: ${res.body.message}`);
    return { status: res.status, detail: res.body.organisation?.name };
  });

  const created = await step('create a user', async () => {
    const res = await expectStatus('POST', 'users', [201], { email: email('a'), firstName: 'E2E', lastName: `User ${runId}` });
    return { status: res.status, detail: res.body.id };
  });
  if (created) {
    await step('read the user', async () => ({ status: (await expectStatus('GET', user('a'), [200])).status }));
    await step('enable calling with a number from the pool', async () => {
      // With an extension of its own (a number and an extension), so the move below can carry both.
      const res = await expectStatus('POST', `${user('a')}/calling`, [200], { location: 'Headquarters', autoAssignNumber: true, extension: runExtension(runId) });
      return { status: res.status, detail: `${res.body.status} ${res.body.executionName}` };
    });
    await step("list the user's numbers", async () => ({ status: (await expectStatus('GET', `${user('a')}/numbers`, [200])).status }));
    // A move runs as a Standard execution (Express → Standard): its result within the request, or 202 with where to follow it.
    await step('move the user to another location: the answer, or 202 and the status route', async () => {
      const res = await expectStatus('POST', `${user('a')}/calling`, [200, 202], { location: 'Branch Office', move: true, autoAssignNumber: true });
      if (res.status === 200) return { status: res.status, detail: `${res.body.status} ${res.body.executionName}` };
      const statusUrl = String(res.body.statusUrl);
      if (!statusUrl.startsWith('/users/')) throw new StepFailed(`202 without a statusUrl: ${JSON.stringify(res.body)}`);
      let last: Record<string, any> = {};
      await waitFor('the move', async () => {
        last = (await expectStatus('GET', statusUrl.slice(1), [200])).body;
        return last.status !== 'RUNNING';
      });
      if (last.status !== 'SUCCEEDED') throw new StepFailed(`${res.body.executionName} ended ${last.status}: ${JSON.stringify(last).slice(0, 500)}`);
      return { status: res.status, detail: `202, then ${last.status} ${res.body.executionName}` };
    });
  }
  await step('list available numbers', async () => ({ status: (await expectStatus('GET', 'numbers?available=true&limit=5', [200])).status }));

  await step('an event from a source the stack does not allow is refused', async () => {
    const res = await expectStatus('POST', 'events', [400], { id: randomUUID(), source: `${E2E_EVENT_SOURCE}.other`, 'detail-type': 'Webex User Left', detail: { email: email('a'), policy: 'delete' } });
    const fields = (res.body.error?.fields ?? []).map((f: { field: string }) => f.field);
    if (!fields.includes('source')) throw new StepFailed(`POST events: 400 without naming source: ${JSON.stringify(res.body)}`);
    return { status: res.status };
  });

  const joined = await step('joiner event: the user is created with calling', async () => {
    await publish({ id: randomUUID(), source: E2E_EVENT_SOURCE, 'detail-type': 'Webex User Joined', detail: { email: email('b'), firstName: 'E2E', lastName: 'Joiner', location: 'Headquarters' } });
    await waitFor('the joiner', async () => {
      const res = await ctx.call('GET', user('b'));
      return res.status === 200 && (res.body as { calling?: { enabled?: boolean } }).calling?.enabled === true;
    });
  });
  if (joined) {
    await step('leaver event: the user is deleted', async () => {
      await postEvent({ id: randomUUID(), source: E2E_EVENT_SOURCE, 'detail-type': 'Webex User Left', detail: { email: email('b'), policy: 'delete' } });
      await waitFor('the leaver', async () => (await ctx.call('GET', user('b'))).status === 404);
    });
  }

  const csvKey = `joiners/e2e-${runId}.csv`;
  const bulk = await step('bulk joiners from a CSV file', async () => {
    await ctx.upload(csvKey, ['email,firstName,lastName,location', `${email('c1')},E2E,Csv One,Headquarters`, `${email('c2')},E2E,Csv Two,Branch Office`, ''].join('\r\n'));
    const started = await expectStatus('POST', 'bulk/joiners/csv', [202], { key: csvKey });
    const name = String(started.body.executionName);
    let last: Record<string, any> = {};
    await waitFor('the bulk run', async () => {
      last = (await expectStatus('GET', `bulk/joiners/${name}`, [200])).body;
      return last.status !== 'RUNNING';
    });
    if (last.status !== 'SUCCEEDED') throw new StepFailed(`${name} ended ${last.status}: ${JSON.stringify(last).slice(0, 500)}`);
    return { detail: `${name}: ${JSON.stringify(last.report?.succeeded ?? last.report)}` };
  });

  // Reconciliation: a roster of one joiner in a domain only this run uses, so the plan touches nobody else.
  const domain = `e2e-${runId}.example.com`;
  const rosterEmail = `joiner@${domain}`;
  const reconciled = await step('reconcile: plan a roster (ReconcilePlan), then apply it (Distributed Map, nested joiner)', async () => {
    const key = `rosters/e2e-${runId}.csv`;
    await ctx.upload(key, ['email,firstName,lastName,location', `${rosterEmail},E2E,Roster,Headquarters`, ''].join('\r\n'));
    const planned = await expectStatus('POST', 'reconcile/plans', [201, 202], { key, scope: { emailDomains: [domain] } });
    const planPath = String(planned.body.statusUrl).slice(1);
    let plan: Record<string, any> = planned.body;
    if (planned.status === 202) {
      await waitFor('the plan', async () => (plan = (await expectStatus('GET', planPath, [200])).body).status !== 'PLANNING');
    }
    if (plan.status !== 'planned' || plan.counts?.join !== 1 || plan.counts?.leave !== 0) throw new StepFailed(`plan: ${JSON.stringify(plan).slice(0, 500)}`);
    await expectStatus('POST', `${planPath}/apply`, [202], {});
    await waitFor('the apply', async () => !['planned', 'applying'].includes((plan = (await expectStatus('GET', planPath, [200])).body).status));
    if (plan.status !== 'applied') throw new StepFailed(`apply ended ${plan.status}: ${JSON.stringify(plan).slice(0, 500)}`);
    const joiner = await expectStatus('GET', `users/${encodeURIComponent(rosterEmail)}`, [200]);
    return { detail: `${plan.id}: ${plan.status}, ${joiner.body.email ?? rosterEmail} created` };
  });

  await step('clean up the users the scenario made', async () => {
    const made = [...(created ? ['a'] : []), ...(bulk ? ['c1', 'c2'] : [])];
    for (const who of made) await expectStatus('DELETE', user(who), [204, 404]);
    if (reconciled) await expectStatus('DELETE', `users/${encodeURIComponent(rosterEmail)}`, [204, 404]);
    return { detail: `${made.length} deleted` };
  });

  return { runId, passed: steps.filter((s) => s.ok).length, failed: steps.filter((s) => !s.ok).length, steps };
}
