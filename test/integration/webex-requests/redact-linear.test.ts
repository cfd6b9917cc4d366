import { redactPersonalData } from '../../../functions/lib/workflows/webex-requests/redact';
import { checkWebexRequest, DEFAULT_ALLOWED_PREFIXES, type WebexRequestInput } from '../../../functions/lib/workflows/webex-requests/guard';

/**
 * Every regex the guarded request applies to user input must be linear (a backtracking e-mail pattern
 * takes seconds on "a"×60000+"@a"). The worst inputs we could construct, at 16× the length of a small baseline of
 * the same shape, timed in the same run: linear work takes ~16× the time, quadratic ~256×. The bound (64×)
 * is generous for a loaded 2-core machine and still four times below quadratic.
 */
const SMALL = 4096;
const LARGE = SMALL * 16;
const BOUND = 64;

const WORST: Record<string, (length: number) => string> = {
  'local part without @': (n) => 'a'.repeat(n),
  'local part, then @a': (n) => `${'a'.repeat(n - 2)}@a`,
  'many @': (n) => 'a@'.repeat(n / 2),
  'domain without a dot': (n) => `a@${'b'.repeat(n - 2)}`,
  'dotted labels': (n) => `a@${'b.'.repeat((n - 2) / 2)}`,
  'digits and separators without an end digit': (n) => `1${'('.repeat(n - 1)}`,
  'digit runs': (n) => '1 '.repeat(n / 2),
  'plus signs': (n) => '+1'.repeat(n / 2),
};

/** The fastest of a few runs of `work`, in ms: the least disturbed by other processes. */
function fastest(work: () => void, runs = 5): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe('the audit redaction on the worst inputs', () => {
  it.each(Object.keys(WORST))('%s: time grows linearly with the length', (name) => {
    const make = WORST[name];
    const small = make(SMALL);
    const large = make(LARGE);
    fastest(() => redactPersonalData({ note: large }), 2); // warm-up: compile the regexes' paths
    const smallMs = fastest(() => redactPersonalData({ note: small }));
    const largeMs = fastest(() => redactPersonalData({ note: large }));
    // Sub-millisecond timings are noise: compare against at least a millisecond's worth.
    expect(largeMs).toBeLessThan(Math.max(smallMs, 1) * BOUND);
    // And it still redacts: an address and a number after the worst prefix are found.
    expect(redactPersonalData({ note: `${large} ann@example.com +14085550101` })).toEqual({ note: expect.stringMatching(/ \[redacted-email\] \[redacted-number\]$/) });
  });
});

describe('the guarded request on the worst body', () => {
  it('refuses a 60 KB string before any regex runs, as fast as a small bad body', () => {
    const check = (body: Record<string, unknown>) => () => {
      try {
        checkWebexRequest({ method: 'PUT', path: '/people/abc', body, dryRun: true } as WebexRequestInput, DEFAULT_ALLOWED_PREFIXES);
      } catch {
        // refused, as expected
      }
    };
    // Both are refused (what is timed is the refusal).
    expect(() => checkWebexRequest({ method: 'PUT', path: '/people/abc', body: { displayName: 1 }, dryRun: true } as WebexRequestInput, DEFAULT_ALLOWED_PREFIXES)).toThrow();
    expect(() => checkWebexRequest({ method: 'PUT', path: '/people/abc', body: { displayName: `${'a'.repeat(60_000)}@a` }, dryRun: true } as WebexRequestInput, DEFAULT_ALLOWED_PREFIXES)).toThrow();
    const smallMs = fastest(check({ displayName: 1 }));
    const largeMs = fastest(check({ displayName: `${'a'.repeat(60_000)}@a` }));
    expect(largeMs).toBeLessThan(Math.max(smallMs, 1) * BOUND);
  });
});
