/**
 * Whether a name reads as what it is. Control characters (Cc) never belong in a name and break CSV exports
 * downstream; format characters (Cf: bidi overrides such as U+202E, zero-width spaces and joiners) make a name
 * read differently from what it is; a lone surrogate is not text at all and cannot be sent as UTF-8.
 *
 * The one exception: ZERO WIDTH NON-JOINER and JOINER (U+200C, U+200D) are part of correct spelling in Persian
 * and the Indic scripts (Unicode's chapter on Arabic; the Indic scripts' conjunct rules), so a name keeps them
 * after a letter of such a script (and the marks on that letter) and before a character of the same scripts.
 * Anywhere else they hide a difference and are refused.
 *
 * One pass over the code units, each looked up once: a Unicode property pattern costs tens of nanoseconds a
 * character on text beyond Latin-1, so a bulk body of such names took 5 to 13 times a plain one (the bench's
 * `inputs` row); a joiner's letter is found by walking back over its marks, which stops at the joiner before
 * it, so no character is walked twice. The classes come from the runtime's own Unicode tables (the property
 * patterns below), each character's read once, the first time it is met.
 */

const JOINING_SCRIPT = '\\p{Script=Arabic}\\p{Script=Syriac}\\p{Script=Devanagari}\\p{Script=Bengali}\\p{Script=Gurmukhi}\\p{Script=Gujarati}\\p{Script=Oriya}\\p{Script=Tamil}\\p{Script=Telugu}\\p{Script=Kannada}\\p{Script=Malayalam}\\p{Script=Sinhala}';

const INVISIBLE = 1;
const MARK = 2;
const JOINING = 4;
/** Set on every looked-up entry: 0 is "not looked up yet". */
const KNOWN = 8;
const INVISIBLE_CHAR = /[\p{Cc}\p{Cf}]/u;
const MARK_CHAR = /\p{M}/u;
const JOINING_CHAR = new RegExp(`[${JOINING_SCRIPT}]`, 'u');

const ZWNJ = 0x200c;
const ZWJ = 0x200d;

/** A code point's classes (INVISIBLE | MARK | JOINING), from the patterns. */
function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return KNOWN | (INVISIBLE_CHAR.test(ch) ? INVISIBLE : 0) | (MARK_CHAR.test(ch) ? MARK : 0) | (JOINING_CHAR.test(ch) ? JOINING : 0);
}

/**
 * The classes of the Basic Multilingual Plane's code units, each looked up the first time it is met (a name
 * has few distinct ones; reading the whole plane up front cost the first request 40–80 ms).
 */
const bmp = new Uint8Array(0x10000);
const unitClasses = (c: number) => bmp[c] || (bmp[c] = classify(c));

/** Supplementary code points met lately: at most this many kept, so bodies of ever new ones cannot grow it. */
const MAX_SUPPLEMENTARY = 4096;
const supplementary = new Map<number, number>();
function supplementaryClasses(cp: number): number {
  let bits = supplementary.get(cp);
  if (bits === undefined) {
    if (supplementary.size >= MAX_SUPPLEMENTARY) supplementary.clear();
    supplementary.set(cp, (bits = classify(cp)));
  }
  return bits;
}

/** Latin-1's invisible characters: C0 and C1 controls, and SOFT HYPHEN (Cf). */
const latin1Invisible = (c: number) => c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0xad;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** The classes of the code point starting at `i`, or -1 for a lone surrogate. */
function classesAt(v: string, i: number): number {
  const c = v.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return unitClasses(c);
  if (isHigh(c) && isLow(v.charCodeAt(i + 1))) return supplementaryClasses(v.codePointAt(i)!);
  return -1;
}

/** A joiner at `i` between a letter of a joining script (with its marks) and a character of those scripts. */
function joinsLetters(v: string, i: number): boolean {
  const next = i + 1 < v.length ? classesAt(v, i + 1) : -1;
  if (next < 0 || !(next & JOINING)) return false;
  let j = i - 1;
  while (j >= 0) {
    // The code point ending at j: a low surrogate's pair is read from its start.
    if (isLow(v.charCodeAt(j)) && j > 0 && isHigh(v.charCodeAt(j - 1))) j--;
    const bits = classesAt(v, j);
    if (bits < 0) return false;
    // A mark goes with the letter before it; anything else is that letter (or not one: refused).
    if (!(bits & MARK)) return (bits & JOINING) !== 0;
    j--;
  }
  return false;
}

export function isVisibleText(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x100) {
      if (latin1Invisible(c)) return false;
      continue;
    }
    const bits = classesAt(v, i);
    if (bits < 0) return false;
    if (c >= 0xd800 && c <= 0xdfff) {
      // A pair (a lone surrogate was -1): its second unit is read with it.
      if (isHigh(c)) i++;
      if (bits & INVISIBLE) return false;
      continue;
    }
    if (!(bits & INVISIBLE)) continue;
    if ((c !== ZWNJ && c !== ZWJ) || !joinsLetters(v, i)) return false;
  }
  return true;
}
