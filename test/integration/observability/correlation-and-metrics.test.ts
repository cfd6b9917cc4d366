// Metrics are read as enabled when the handler modules load: switch them on before importing anything.
process.env.POWERTOOLS_METRICS_DISABLED = 'false';

import type { Harness } from '../../support/harness';

let h: Harness;
const written: string[] = [];
let restore: () => void;

beforeAll(async () => {
  const { startHarness } = await import('../../support/harness');
  h = await startHarness();
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: unknown) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  restore = () => void (process.stdout.write = original);
});
afterAll(async () => {
  restore();
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  await h.close();
});

const emf = () =>
  written
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line));

describe('correlation ids and workflow metrics', () => {
  it('prefixes every Webex TrackingID of a request with its API request id', async () => {
    const res = await h.call('GET', '/users/alice.admin%40example.com');
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-amzn-requestid')!;
    const calls = h.webexCalls();
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call.trackingId).toMatch(new RegExp(`^WEBEXPROV_${requestId}_[0-9a-f]{8}$`));
  });

  it('publishes one EMF outcome metric per invocation, by route', async () => {
    written.length = 0;
    await h.call('GET', '/users/alice.admin%40example.com');
    await h.call('GET', '/users/nobody%40example.com');
    h.sim.faults.add({ match: { path: '/people' }, kind: 'status', status: 500, times: Infinity });
    await h.call('GET', '/users/alice.admin%40example.com');
    h.sim.faults.clear();
    // The workflow outcome lines (the Webex client's attempt lines, service webex-client, come between them).
    const lines = emf().filter((l) => l.service !== 'webex-client');
    const names = lines.map((l) => l._aws.CloudWatchMetrics[0].Metrics[0].Name);
    expect(names).toEqual(['WorkflowSucceeded', 'WorkflowRejected', 'WorkflowFailed']);
    for (const l of lines) {
      expect(l._aws.CloudWatchMetrics[0].Namespace).toBe('WebexProvisioning');
      expect(l.route).toBe('GET /users/{user}');
    }
  });

  it('the local runtime prints the Webex client\'s attempt metrics when asked (POWERTOOLS_METRICS_DISABLED=false), one line each', async () => {
    written.length = 0;
    const before = h.webexCalls().length;
    await h.call('GET', '/users/alice.admin%40example.com');
    const attempts = emf().filter((l) => l.service === 'webex-client');
    expect(attempts).toHaveLength(h.webexCalls().length - before);
    for (const l of attempts) {
      expect(l._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service']]);
      expect(l).toMatchObject({ WebexRateLimited: 0, WebexServerError: 0, WebexNoAnswer: 0, WebexRequestLatency: expect.any(Number) });
    }
  });
});
