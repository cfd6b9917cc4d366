import fc from 'fast-check';
import { isVisibleText } from '../../../functions/lib/schemas/visible-text';
import { ADVERSARIAL_TEXTS } from '../../support/adversarial-text';

/**
 * The one-pass check against the rule written as patterns (the definition it replaced, which was linear but
 * slow on text beyond Latin-1): the same answer for every text, including every adversarial corpus.
 */
const JOINING_SCRIPT = '\\p{Script=Arabic}\\p{Script=Syriac}\\p{Script=Devanagari}\\p{Script=Bengali}\\p{Script=Gurmukhi}\\p{Script=Gujarati}\\p{Script=Oriya}\\p{Script=Tamil}\\p{Script=Telugu}\\p{Script=Kannada}\\p{Script=Malayalam}\\p{Script=Sinhala}';
const INVISIBLE_OR_ILL_FORMED = /[\p{Cc}\p{Cf}\p{Cs}]/u;
const SPELLING_JOINER = new RegExp(`((?!\\p{M})[${JOINING_SCRIPT}]\\p{M}*)[\\u200C\\u200D](?=[${JOINING_SCRIPT}])`, 'gu');
const byPatterns = (v: string) => !INVISIBLE_OR_ILL_FORMED.test(v) || !INVISIBLE_OR_ILL_FORMED.test(v.replace(SPELLING_JOINER, '$1'));

/** What the rule turns on: letters of joining and other scripts, marks (of a joining script and not), joiners, other invisibles, pairs and lone halves. */
const UNITS = [
  'a', 'Z', 'é', '\u00ad', '\u0085', '\u0000', ' ',
  '\u0628', '\u0645', '\u064b', '\u0301', '\u0670', '\u06dd', '\u0600',
  '\u0915', '\u094d', '\u0d30', '\u0d4d', '\u0dbb',
  '\u200c', '\u200d', '\u200b', '\u202e', '\u2066', '\ufeff', '\ufe0f',
  '\u{1F469}', '\u{1EE00}', '\u{1D167}', '\u{E0001}', '\u{20000}',
  '\ud800', '\udc00',
];

describe('isVisibleText', () => {
  it('answers as the patterns do for any text of those characters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...UNITS), { maxLength: 24 }), (parts) => {
        const v = parts.join('');
        expect([v, isVisibleText(v)]).toEqual([v, byPatterns(v)]);
      }),
      { seed: 20261207, numRuns: 20_000 },
    );
  });

  it.each(Object.entries(ADVERSARIAL_TEXTS))('answers as the patterns do on %s', (_, make) => {
    for (const n of [3, 4, 17, 256, 1024]) {
      const v = make(n);
      expect(isVisibleText(v)).toBe(byPatterns(v));
    }
  });

  it('reads every Basic Multilingual Plane character as the patterns do, alone and as a joiner\'s neighbour', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const v of [ch, `\u0628\u200c${ch}`, `${ch}\u200d\u0915`, `${ch}\u0301\u200c\u0645`]) {
        if (isVisibleText(v) !== byPatterns(v)) throw new Error(`differs on U+${c.toString(16)} in ${JSON.stringify(v)}`);
      }
    }
  });
});
