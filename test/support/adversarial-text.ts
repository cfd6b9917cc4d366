/**
 * Texts built to make a text check slow: long runs of what a backtracking pattern may look at more than
 * once (combining marks, joiners, variation selectors, bidi controls), alone and after a letter of a
 * joining script (where a joiner is allowed), each of exactly `n` UTF-16 units. Shared by the validators'
 * linear-work test and the inputs bench.
 */
export const ADVERSARIAL_TEXTS: Record<string, (n: number) => string> = {
  'combining marks after a letter': (n) => `a${'\u0301'.repeat(n - 1)}`,
  'combining marks after an Arabic letter, then a joiner': (n) => `\u0628${'\u064B'.repeat(n - 3)}\u200D\u0628`.slice(0, n),
  'combining marks after an Arabic letter, then a Latin letter': (n) => `\u0628${'\u064B'.repeat(n - 2)}x`,
  'combining marks, a joiner at the end': (n) => `\u0628${'\u0301'.repeat(n - 2)}\u200D`,
  'zero-width joiner run': (n) => `a${'\u200D'.repeat(n - 1)}`,
  'zero-width non-joiner run after an Arabic letter': (n) => `\u0628${'\u200C'.repeat(n - 1)}`,
  'Persian letters and non-joiners, alternating (valid)': (n) => pad(n, '\u0645\u200C', '\u0645'),
  'marks and joiners, alternating after an Arabic letter': (n) => `\u0628${pad(n - 1, '\u064B\u200D', '\u0628')}`,
  'emoji joined by ZWJ': (n) => pad(n, '\u{1F469}\u200D', 'a'),
  'variation selectors after a letter': (n) => `a${'\uFE0F'.repeat(n - 1)}`,
  'variation selectors after an Arabic letter, then a joiner': (n) => `\u0628${'\uFE0F'.repeat(n - 2)}\u200D`,
  'bidi override run': (n) => `a${'\u202E'.repeat(n - 1)}`,
  'bidi isolates and letters, alternating': (n) => pad(n, '\u2066a', 'a'),
  'lone surrogate run': (n) => `a${'\uD800'.repeat(n - 1)}`,
};

/**
 * The worst texts we could construct for the audit redaction's e-mail and phone patterns (of `n` units): long
 * runs of what an e-mail's local part, domain or a phone number may hold, without the end that would match.
 */
export const REDACTION_WORST: Record<string, (n: number) => string> = {
  'local part without @': (n) => 'a'.repeat(n),
  'local part, then @a': (n) => `${'a'.repeat(n - 2)}@a`,
  'many @': (n) => 'a@'.repeat(n / 2),
  'domain without a dot': (n) => `a@${'b'.repeat(n - 2)}`,
  'dotted labels': (n) => `a@${'b.'.repeat((n - 2) / 2)}`,
  'digits and separators without an end digit': (n) => `1${'('.repeat(n - 1)}`,
  'digit runs': (n) => '1 '.repeat(n / 2),
  'plus signs': (n) => '+1'.repeat(n / 2),
};

/** `unit` repeated to `n` UTF-16 units, then filled with `fill` (so no pair is cut in half). */
function pad(n: number, unit: string, fill: string): string {
  const whole = unit.repeat(Math.floor(n / unit.length));
  return whole + fill.repeat(n - whole.length);
}

/** The plain text every adversarial one is measured against: ordinary letters, the same length. */
export const plainText = (n: number) => 'a'.repeat(n);

/** The largest `n` whose `build(n)` fits in `bytes` of UTF-8. */
function fill(bytes: number, build: (n: number) => string): string {
  const per = Buffer.byteLength(build(1024), 'utf8') / 1024;
  let n = Math.floor(bytes / per);
  while (n > 2 && Buffer.byteLength(build(n), 'utf8') > bytes) n -= Math.max(1, Math.floor(n / 256));
  return build(n);
}

export interface TextBody {
  corpus: string;
  /** The route whose input schema reads it. */
  route: 'CreateUser' | 'StartBulkJoiners';
  body: string;
}

/**
 * JSON bodies of at most `bytes`: POST /users with one name as long as the body allows (refused by its
 * length), and POST /bulk/joiners with as many joiners as fit, each name at its field's limit (so every
 * name's text check runs), `make` giving the names. Both are refused (400), after every name is checked.
 */
export function textBodies(corpus: string, make: (n: number) => string, bytes: number): TextBody[] {
  const user = (n: number) => JSON.stringify({ email: 'ann@example.com', firstName: make(n) });
  const displayName = make(256);
  const joiners = (n: number) =>
    // The empty idempotencyKey makes every body a 400 after all its names are checked: none starts a run.
    JSON.stringify({ idempotencyKey: '', users: Array.from({ length: n }, (_, i) => ({ email: `u${i}@example.com`, displayName, location: 'HQ' })) });
  return [
    { corpus, route: 'CreateUser', body: fill(bytes, user) },
    { corpus, route: 'StartBulkJoiners', body: fill(bytes, joiners) },
  ];
}
