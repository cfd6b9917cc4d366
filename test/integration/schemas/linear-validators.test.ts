import type { APIGatewayProxyEvent } from 'aws-lambda';
import type * as z from 'zod';
import { inputFromApiEvent, MAX_BODY_BYTES } from '../../../functions/lib/http/api-event';
import { locationRef, text } from '../../../functions/lib/schemas/fields';
import { CreateUserInput } from '../../../functions/lib/schemas/users';
import { BulkJoinersInput } from '../../../functions/lib/schemas/bulk';
import { ADVERSARIAL_TEXTS, plainText, ratioToPlain, textBodies, type TextBody } from '../../support/adversarial-text';

/**
 * Every text check is linear in its input, and a text over its field's limit is refused by its length
 * before any pattern runs. Time is measured only as a ratio: the adversarial text's time over a plain
 * text's of the same length, in the same run (the fastest of several batches, the median of several such
 * ratios, so a loaded machine slows both). Linear checks keep that ratio flat as the length grows 16-fold;
 * a quadratic one multiplies it by about 16 (in practice by hundreds: the plain text's time hardly grows
 * at these lengths). The bound, 8, sits between the two.
 */
const GROWTH_BOUND = 8;
const SIZES = [1, 4, 16] as const;

const ratios = (check: (s: string) => unknown, make: (n: number) => string, field: number) =>
  SIZES.map((k) => ratioToPlain(check, make(field * k), plainText(field * k)));

const corpora = Object.entries(ADVERSARIAL_TEXTS);

describe('text checks in linear time', () => {
  const firstName = text(64);

  it.each(corpora)('a name field (firstName, 64) over its limit is refused by its length: %s', (_, make) => {
    const [, r4, r16] = ratios((s) => firstName.safeParse(s), make, 64);
    for (const k of SIZES) {
      const parsed = firstName.safeParse(make(64 * k));
      if (k > 1) expect(parsed.error?.issues.map((i) => i.message)).toEqual(['must be at most 64 characters']);
    }
    expect(r16).toBeLessThanOrEqual(GROWTH_BOUND * r4);
  });

  // Long enough that the plain text's time is mostly its scan, not the call's fixed cost.
  it.each(corpora)('the visibility check itself, with no limit in the way (1024, 4096, 16384): %s', (_, make) => {
    const unbounded = text(1_000_000);
    const [r1, r4, r16] = ratios((s) => unbounded.safeParse(s), make, 1024);
    expect(Math.max(r4, r16)).toBeLessThanOrEqual(GROWTH_BOUND * r1);
  });

  it('a location reference (256) over its limit is refused by its length, before its text check', () => {
    for (const make of Object.values(ADVERSARIAL_TEXTS)) {
      expect(locationRef.safeParse(make(1024)).error?.issues.map((i) => i.message)).toEqual(['must be at most 256 characters']);
    }
  });
});

describe('a 64 KB body of adversarial names', () => {
  const schemas: Record<TextBody['route'], z.ZodType> = { CreateUser: CreateUserInput, StartBulkJoiners: BulkJoinersInput };
  const event = (body: string) => ({ httpMethod: 'POST', requestContext: {}, body, isBase64Encoded: false }) as unknown as APIGatewayProxyEvent;
  const parse = (b: TextBody) => () => {
    try {
      inputFromApiEvent(event(b.body), schemas[b.route]);
    } catch {
      // refused: what is timed
    }
  };
  /**
   * Adversarial over plain, for a whole request. One over-long name is refused by its length: about 1 (the
   * bench's target is 3). A bulk body whose 100 names each fail their check also builds 100 issues: about 10
   * on a loaded machine. The quadratic check took 10,000 times a plain body.
   */
  const ONE_NAME_BOUND = 6;
  const BODY_RATIO_BOUND = 30;

  it("the issue's request (a + 32,500 U+0301 as firstName, 65 KB) is refused as fast as a plain one", () => {
    const adversarial = JSON.stringify({ email: 'ann@example.com', firstName: `a${'\u0301'.repeat(32_500)}` });
    const plain = JSON.stringify({ email: 'ann@example.com', firstName: 'a'.repeat(Buffer.byteLength(adversarial) - 40) });
    expect(Buffer.byteLength(adversarial)).toBeGreaterThan(65_000);
    expect(Buffer.byteLength(adversarial)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(() => inputFromApiEvent(event(adversarial), CreateUserInput)).toThrow(expect.objectContaining({ name: 'ValidationError' }));
    const run = (body: string) => () => parse({ corpus: '', route: 'CreateUser', body })();
    const ratio = ratioToPlain((b) => run(b)(), adversarial, plain);
    expect(ratio).toBeLessThanOrEqual(ONE_NAME_BOUND);
  });

  it.each(corpora)('POST /users and POST /bulk/joiners, %s: within a small ratio of plain bodies of the same size', (corpus, make) => {
    const plain = textBodies('plain', plainText, MAX_BODY_BYTES);
    for (const body of textBodies(corpus, make, MAX_BODY_BYTES)) {
      expect(Buffer.byteLength(body.body)).toBeLessThanOrEqual(MAX_BODY_BYTES);
      const baseline = plain.find((p) => p.route === body.route)!;
      const ratio = ratioToPlain((s) => parse({ ...body, body: s })(), body.body, baseline.body);
      expect(ratio).toBeLessThanOrEqual(BODY_RATIO_BOUND);
    }
  });
});
