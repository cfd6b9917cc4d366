import { startHarness, type Harness } from './harness';

/**
 * The harness for tests that start state machines in-process: each test begins with a runtime of its
 * own (no recorded executions or published events), and ends only once every execution it started has settled.
 * `env` is the harness environment, made before each test (it may create files it names).
 */
export function useLifecycleHarness(set: (h: Harness) => void, env?: () => Promise<Record<string, string>>): void {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(env ? await env() : undefined);
    set(h);
  });
  afterEach(async () => {
    await h.runtime.executions.settle();
    await h.close();
  });
}
