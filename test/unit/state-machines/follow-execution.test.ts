import {
  FOLLOW_INTERVAL_MS,
  FOLLOW_MAX_INTERVAL_MS,
  followExecution,
  isRetryableDescribeError,
} from '../../../functions/lib/state-machines/follow-execution';
import type { ExecutionStatus } from '../../../functions/lib/state-machines/execution-status';
import { ApiThrottle, DESCRIBE_EXECUTION_QUOTA } from '../../../functions/local/local-api-throttle';

/** A clock the sleeps advance: the loop's timing without waiting. */
function fakeClock() {
  let t = 0;
  const sleeps: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)), sleeps, advance: (ms: number) => (t += ms) };
}

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
const running: ExecutionStatus = { status: 'RUNNING', input: {} };

describe('followExecution', () => {
  it('backs off between looks: 500 ms first, growing, never above the cap', async () => {
    const clock = fakeClock();
    const status = await followExecution({ ...clock, describe: async () => running }, 'x', 26_000);
    expect(status).toBeUndefined();
    expect(clock.sleeps[0]).toBe(FOLLOW_INTERVAL_MS);
    for (let i = 1; i < clock.sleeps.length; i++) expect(clock.sleeps[i]).toBeGreaterThanOrEqual(clock.sleeps[i - 1]);
    expect(Math.max(...clock.sleeps)).toBe(FOLLOW_MAX_INTERVAL_MS);
    // Far fewer looks than a fixed 500 ms poll (52 in 26 s) take from the account's bucket.
    expect(clock.sleeps.length + 1).toBeLessThan(15);
  });

  it('a throttled look counts as running: the route learns nothing more and answers 202 at its deadline', async () => {
    const clock = fakeClock();
    let looks = 0;
    const status = await followExecution({ ...clock, describe: async () => { looks += 1; if (looks > 1) throw throttled(); return running; } }, 'x', 10_000);
    expect(status).toBeUndefined();
    expect(looks).toBeGreaterThan(2);
    // After a throttled look the pause doubles.
    expect(clock.sleeps[1]).toBe(FOLLOW_INTERVAL_MS * 2);
  });

  it('a transient fault (HTTP 5xx) is looked past too; the run is still followed to its end', async () => {
    const clock = fakeClock();
    const answers: (() => ExecutionStatus)[] = [
      () => { throw Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } }); },
      () => running,
      () => ({ status: 'SUCCEEDED', input: {}, output: { ok: true } }),
    ];
    const status = await followExecution({ ...clock, describe: async () => answers.shift()!() }, 'x', 10_000);
    expect(status).toMatchObject({ status: 'SUCCEEDED', output: { ok: true } });
  });

  it('a configuration error (access denied, as sfn-describe-execution reports it) still surfaces', async () => {
    const clock = fakeClock();
    const denied = Object.assign(new Error('Cannot describe: AccessDeniedException'), { name: 'ConfigurationError' });
    await expect(followExecution({ ...clock, describe: async () => { throw denied; } }, 'x', 10_000)).rejects.toBe(denied);
    expect(isRetryableDescribeError(denied)).toBe(false);
    expect(isRetryableDescribeError(throttled())).toBe(true);
  });
});

describe('the local DescribeExecution throttle', () => {
  it('allows the documented burst of 250, refuses the next with ThrottlingException, refills at 10/s', () => {
    let t = 0;
    const bucket = new ApiThrottle('DescribeExecution', DESCRIBE_EXECUTION_QUOTA, () => t);
    for (let i = 0; i < 250; i++) bucket.take();
    let refused: unknown;
    try { bucket.take(); } catch (error) { refused = error; }
    expect(refused).toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    expect(isRetryableDescribeError(refused)).toBe(true);
    t += 1_000;
    for (let i = 0; i < 10; i++) bucket.take();
    expect(() => bucket.take()).toThrow('Rate exceeded');
  });

  it('a route polling twice a second for 26 s from a drained bucket is throttled; the backoff stays within the refill', async () => {
    // A route following a run from a drained bucket refilled at 1/s: a fixed 500 ms poll would be refused every other look.
    const clock = fakeClock();
    const bucket = new ApiThrottle('DescribeExecution', { bucketSize: 10, refillPerSecond: 1 }, clock.now);
    for (let i = 0; i < 10; i++) bucket.take();
    let refusedLooks = 0;
    const describe = async () => {
      try { bucket.take(); } catch (error) { refusedLooks += 1; throw error; }
      return running;
    };
    await followExecution({ ...clock, describe }, 'x', 26_000);
    expect(refusedLooks).toBeLessThanOrEqual(1);
  });
});
