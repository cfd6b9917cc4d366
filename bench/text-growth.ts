import { performance } from 'node:perf_hooks';
import { text } from '../functions/lib/schemas/fields';
import { redactPersonalData } from '../functions/lib/workflows/webex-requests/redact';
import { checkWebexRequest, DEFAULT_ALLOWED_PREFIXES, type WebexRequestInput } from '../functions/lib/workflows/webex-requests/guard';
import { ADVERSARIAL_TEXTS, plainText, REDACTION_WORST } from '../test/support/adversarial-text';

/**
 * Time per call of `fn(input)`, robust on a loaded machine: calls are batched until a batch lasts about
 * `batchMs` (so one sample is not a timer tick), and the fastest of `rounds` batches is kept (load only
 * ever adds time).
 */
function timePerCall(fn: (input: string) => unknown, input: string, rounds = 5, batchMs = 3): number {
  let calls = 1;
  for (;;) {
    const started = performance.now();
    for (let i = 0; i < calls; i++) fn(input);
    if (performance.now() - started >= batchMs || calls >= 1 << 16) break;
    calls *= 2;
  }
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    for (let i = 0; i < calls; i++) fn(input);
    best = Math.min(best, (performance.now() - started) / calls);
  }
  return best;
}

/** `fn`'s time on `a` over its time on `b`, interleaved, the median of `repeats` such ratios. */
function ratio(fn: (input: string) => unknown, a: string, b: string, repeats = 3): number {
  const ratios: number[] = [];
  for (let i = 0; i < repeats; i++) ratios.push(timePerCall(fn, a) / timePerCall(fn, b));
  ratios.sort((x, y) => x - y);
  return ratios[Math.floor(ratios.length / 2)];
}

/** Adversarial over plain text of the same length, at each of `lengths`. */
const toPlain = (fn: (s: string) => unknown, make: (n: number) => string, lengths: number[]) => lengths.map((n) => ratio(fn, make(n), plainText(n)));

/**
 * How each text check's time grows with its input, as ratios measured in the same run (the tests count the
 * work instead: test/integration/schemas/linear-validators.test.ts and redact-linear.test.ts):
 * - a name field (firstName, 64) on 4x and 16x its limit, refused by its length: the adversarial text's ratio
 *   to a plain one at 16x over that at 4x (1 when the length is all that is looked at);
 * - the visibility check (a text field with no limit in the way) on 1024, 4096 and 16384 units: the larger of the 4x and 16x lengths' ratios to plain
 *   over the 1x one's (about 1 when linear; a quadratic check multiplies it by about the length's growth);
 * - the audit redaction on its worst inputs, 65536 units over 4096: 16 when linear, 256 when quadratic;
 * - the guarded request refusing a 60 KB string over a small bad body: about 1 when refused by its length.
 */
export function measureTextGrowth() {
  const firstName = text(64);
  const unbounded = text(1_000_000);
  const rows: { check: string; corpus: string; growth: number; linear: string }[] = [];
  for (const [corpus, make] of Object.entries(ADVERSARIAL_TEXTS)) {
    const [r4, r16] = toPlain((s) => firstName.safeParse(s), make, [256, 1024]);
    rows.push({ check: 'firstName (64), 16x over 4x its limit', corpus, growth: r16 / r4, linear: '~1' });
    const [r1, rr4, rr16] = toPlain((s) => unbounded.safeParse(s), make, [1024, 4096, 16_384]);
    rows.push({ check: 'visibility check, 4x/16x over 1x (1024)', corpus, growth: Math.max(rr4, rr16) / r1, linear: '~1' });
  }
  for (const [corpus, make] of Object.entries(REDACTION_WORST)) {
    const growth = ratio((s) => redactPersonalData({ note: s }), make(65_536), make(4096));
    rows.push({ check: 'audit redaction, 65536 over 4096 units', corpus, growth, linear: '~16 (quadratic ~256)' });
  }
  const refuse = (displayName: unknown) => {
    try {
      checkWebexRequest({ method: 'PUT', path: '/people/abc', body: { displayName }, dryRun: true } as WebexRequestInput, DEFAULT_ALLOWED_PREFIXES);
    } catch {
      // refused: what is timed
    }
  };
  const long = `${'a'.repeat(60_000)}@a`;
  const refusal = (s: string) => refuse(s === long ? s : 1);
  rows.push({ check: 'guarded request, a 60 KB string over a number (both refused)', corpus: "'a' x 60000 + '@a'", growth: ratio(refusal, long, 'small'), linear: '~1' });
  return { rows };
}
