import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';

// POST /events with its envelope rules: allowed sources, ids taken as sent, replays.
let h: Harness;
useLifecycleHarness((harness) => (h = harness));

const left = (envelope: Record<string, unknown>) => ({
  id: 'f1d2c3b4-0000-4000-8000-000000000001', source: 'hr.workday', 'detail-type': 'Webex User Left', detail: { email: 'nobody.here@example.com' }, ...envelope,
});
const started = () => h.runtime.executions.list('Leaver').map((e) => e.executionName);

describe('POST /events: the envelope', () => {
  afterEach(() => {
    delete process.env.LIFECYCLE_ALLOWED_SOURCES;
  });

  it('with LIFECYCLE_ALLOWED_SOURCES, another source is a 400 naming source, and nothing starts or reaches Webex', async () => {
    process.env.LIFECYCLE_ALLOWED_SOURCES = 'hr.workday';
    const refused = await h.call('POST', '/events', left({ source: 'hr.workdays' }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual([{ field: 'source', message: expect.stringMatching(/not a source this deployment accepts/) }]);
    expect(started()).toEqual([]);
    expect(h.webexCalls()).toHaveLength(0);
    const accepted = await h.call('POST', '/events', left({}));
    expect(accepted.status).toBe(202);
  });

  it('an id with surrounding spaces is refused rather than trimmed into another event', async () => {
    const first = await h.call('POST', '/events', left({ id: 'ab' }));
    expect(first.status).toBe(202);
    for (const id of [' ab', 'ab ']) {
      const res = await h.call('POST', '/events', left({ id }));
      expect(res.status).toBe(400);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['id']);
    }
    expect(started()).toEqual(['leaver-ab']);
  });

  it('a source with spaces or quotes is refused; an archive replay (replay-name) meets the execution of its first delivery', async () => {
    for (const source of ['hr workday', 'hr"', ' hr']) expect((await h.call('POST', '/events', left({ source }))).status).toBe(400);
    expect((await h.call('POST', '/events', left({}))).status).toBe(202);
    const replay = await h.call('POST', '/events', left({ 'replay-name': 'replay-2026-12-01' }));
    expect(replay.status).toBe(200);
    expect(replay.body.status).toBe('DUPLICATE');
    expect(started()).toHaveLength(1);
  });
});
