import { JOINER_WEBEX_REQUESTS } from '../../../functions/lib/bulk/pacing';
import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';

/**
 * Bulk pacing spaces joiners by JOINER_WEBEX_REQUESTS (functions/lib/bulk/pacing.ts): if a joiner made
 * more, a paced run would overshoot its budget; fewer, it would idle. This pins the figure to what the
 * Joiner really sends Webex on warm functions, for each way a joiner gets its number.
 */
let h: Harness;
useLifecycleHarness((harness) => (h = harness));

let seq = 0;
async function join(detail: Record<string, unknown>) {
  const id = `cost-${++seq}-${Date.now()}`;
  const res = await h.call('POST', '/events', { id, source: 'hr.system', 'detail-type': 'Webex User Joined', detail });
  expect(res.status).toBe(202);
  const run = await h.runtime.executions.outcome('Joiner', res.body.executionName);
  expect(run?.status).toBe('SUCCEEDED');
}

describe('Webex requests per joiner (warm)', () => {
  it.each([
    ['an extension', (n: number) => ({ extension: String(7100 + n) })],
    ['the first free number', () => ({ autoAssignNumber: true })],
  ])('with %s: exactly JOINER_WEBEX_REQUESTS', async (_, numbering) => {
    // The first joiner warms the license and location caches.
    await join({ email: `cost.warm.${seq}@example.com`, displayName: 'Warm Up', location: 'Headquarters', ...numbering(seq) });
    const before = h.webexCalls().length;
    await join({ email: `cost.measured.${seq}@example.com`, displayName: 'Measured', location: 'Headquarters', ...numbering(seq + 50) });
    if (process.env.SHOW_CALLS) console.log(h.webexCalls().slice(before).map((c) => `${c.method} ${c.path}`).join('\n'));
    expect(h.webexCalls().length - before).toBe(JOINER_WEBEX_REQUESTS);
  });
});
