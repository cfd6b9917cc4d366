import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { scopesIn } from '../../../functions/lib/webex-spec/scopes-in';

// The pattern as it was written before it was factored: the five prefixes spelled out. The factored one must find
// exactly the same names in any text.
const WRITTEN_OUT = /\b(?:spark-admin|spark|identity|spark-compliance|Identity):[A-Za-z_]+\b/g;
const writtenOut = (text: string) => [...new Set(text.match(WRITTEN_OUT) ?? [])].sort();

const SPEC_DIR = join(__dirname, '../../../functions/lib/webex-spec/openapi');
const specTexts = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? specTexts(join(dir, e.name)) : /\.(json|ya?ml)$/.test(e.name) ? [readFileSync(join(dir, e.name), 'utf8')] : [],
  );

describe('scopesIn', () => {
  it('finds the scopes Cisco writes, bounded by non-word characters', () => {
    expect(scopesIn('Requires a scope of `spark-admin:telephony_config_read` or spark:people_read, identity:contacts_rw.')).toEqual([
      'identity:contacts_rw', 'spark-admin:telephony_config_read', 'spark:people_read',
    ]);
    expect(scopesIn('Identity:one spark-compliance:meetings_read')).toEqual(['Identity:one', 'spark-compliance:meetings_read']);
    // Not at a word's middle, not followed by a digit, not an unknown prefix.
    expect(scopesIn('xspark:abc spark:abc1 spark-user:abc IDENTITY:abc spark:')).toEqual([]);
    expect(scopesIn('-spark:abc.')).toEqual(['spark:abc']);
  });

  it("finds the same scopes as the written-out pattern in every one of Cisco's documents", () => {
    const texts = specTexts(SPEC_DIR);
    expect(texts.length).toBeGreaterThan(5);
    let found = 0;
    for (const text of texts) {
      const expected = writtenOut(text);
      found += expected.length;
      expect(scopesIn(text)).toEqual(expected);
    }
    expect(found).toBeGreaterThan(10);
  });

  it('finds the same scopes as the written-out pattern in any text made of their pieces', () => {
    const piece = fc.constantFrom('spark', '-admin', '-compliance', '-', 'identity', 'Identity', 'IDENTITY', ':', 'a', 'Z', '_', '1', ' ', 'x', '`', '.');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        expect(scopesIn(text)).toEqual(writtenOut(text));
      }),
      { numRuns: 5_000, seed: 20_261_207 },
    );
  });
});
