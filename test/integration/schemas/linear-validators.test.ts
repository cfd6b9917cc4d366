import type { APIGatewayProxyEvent } from 'aws-lambda';
import type * as z from 'zod';
import type * as ApiEvent from '../../../functions/lib/http/api-event';
import type * as Fields from '../../../functions/lib/schemas/fields';
import type * as Users from '../../../functions/lib/schemas/users';
import type * as Bulk from '../../../functions/lib/schemas/bulk';
import type * as VisibleText from '../../../functions/lib/schemas/visible-text';
import { ADVERSARIAL_TEXTS, plainText, textBodies, type TextBody } from '../../support/adversarial-text';
import { countTextWork, type TextWork } from '../../support/text-work';

/**
 * Every text check is linear in its input, and a text over its field's limit is refused by its length
 * before its text check runs. Both are shown by counting, not timing (speed is the inputs bench's:
 * `npm run bench -- inputs`): the text check is a spy that must not be called on an over-long value, and
 * the work over a text is its code units read and the text each pattern ran over (test/support/text-work.ts).
 * That every pattern itself is linear is test/integration/schemas/regex-safety.test.ts's static analysis.
 */
const lib = '../../../functions/lib';
let textCheck: jest.Mock<boolean, [string]>;
let fields: typeof Fields;
let api: typeof ApiEvent;
let schemas: Record<TextBody['route'], z.ZodType>;

beforeAll(() => {
  // The schemas take the text check when they are built: load them afresh, with the check behind a spy.
  jest.isolateModules(() => {
    jest.doMock(`${lib}/schemas/visible-text`, () => {
      const actual = jest.requireActual<typeof VisibleText>(`${lib}/schemas/visible-text`);
      textCheck = jest.fn(actual.isVisibleText);
      return { ...actual, isVisibleText: textCheck };
    });
    fields = require(`${lib}/schemas/fields`) as typeof Fields;
    api = require(`${lib}/http/api-event`) as typeof ApiEvent;
    schemas = {
      CreateUser: (require(`${lib}/schemas/users`) as typeof Users).CreateUserInput,
      StartBulkJoiners: (require(`${lib}/schemas/bulk`) as typeof Bulk).BulkJoinersInput,
    };
  });
});
beforeEach(() => textCheck.mockClear());

/** Code units read plus the units every pattern ran over: each pattern being linear, the work is proportional to it. */
const unitsOfWork = (w: TextWork) => w.unitReads + w.regexRuns.reduce((sum, r) => sum + r.length, 0);

/**
 * The one-pass check reads each code unit a bounded number of times: 2 for a mark (the loop, then its
 * classes), 4 where a joiner looks at the characters around it, never more than this however long the
 * text. A check that rescanned on every joiner or mark would read hundreds of units a unit at these lengths.
 */
const READS_PER_UNIT = 6;
/**
 * A whole request's work per UTF-16 unit of its body: the text check's reads, zod's code-point count of
 * each name (a probe for surrogates, then a pass where there are some) and the other fields' patterns: at
 * most 3.3 on the corpora; a name check that rescanned would do about half a name (128 units) a unit.
 */
const WORK_PER_BODY_UNIT = 8;

const corpora = Object.entries(ADVERSARIAL_TEXTS);

describe('text checks in linear time', () => {
  it.each(corpora)('a name field (firstName, 64) over its limit is refused by its length, and its text check never runs: %s', (_, make) => {
    const firstName = fields.text(64);
    for (const k of [4, 16]) {
      const parsed = firstName.safeParse(make(64 * k));
      expect(parsed.error?.issues.map((i) => i.message)).toEqual(['must be at most 64 characters']);
    }
    expect(textCheck).not.toHaveBeenCalled();
    // At its limit the same text is checked (so the spy is the check the schema runs).
    firstName.safeParse(make(64));
    expect(textCheck).toHaveBeenCalledTimes(1);
  });

  it('a location reference (256) over its limit is refused by its length, before its text check', () => {
    for (const make of Object.values(ADVERSARIAL_TEXTS)) {
      expect(fields.locationRef.safeParse(make(1024)).error?.issues.map((i) => i.message)).toEqual(['must be at most 256 characters']);
    }
    expect(textCheck).not.toHaveBeenCalled();
  });

  it.each(corpora)('the visibility check itself reads each code unit a bounded number of times (1024 to 65536 units): %s', (_, make) => {
    for (const n of [1024, 4096, 16_384, 65_536]) {
      const { work } = countTextWork(() => textCheck(make(n)));
      expect(work.unitReads).toBeLessThanOrEqual(READS_PER_UNIT * n);
      // Its patterns look at one code point at a time (a character's classes), never at the text.
      for (const run of work.regexRuns) expect(run.length).toBeLessThanOrEqual(2);
    }
  });
});

describe('a 64 KB body of adversarial names', () => {
  const event = (body: string) => ({ httpMethod: 'POST', requestContext: {}, body, isBase64Encoded: false }) as unknown as APIGatewayProxyEvent;
  const refusal = (body: string, schema: z.ZodType) => {
    try {
      api.inputFromApiEvent(event(body), schema);
    } catch (error) {
      return error as { name: string; fields?: { field: string; message: string }[] };
    }
    throw new Error('accepted');
  };

  it("the issue's request (a + 32,500 U+0301 as firstName, 65 KB) is refused by the name's length, its text check never run", () => {
    const adversarial = JSON.stringify({ email: 'ann@example.com', firstName: `a${'\u0301'.repeat(32_500)}` });
    expect(Buffer.byteLength(adversarial)).toBeGreaterThan(65_000);
    expect(Buffer.byteLength(adversarial)).toBeLessThanOrEqual(api.MAX_BODY_BYTES);
    const { result, work } = countTextWork(() => refusal(adversarial, schemas.CreateUser));
    expect(result.name).toBe('ValidationError');
    expect(result.fields).toEqual([{ field: 'firstName', message: 'must be at most 64 characters' }]);
    expect(textCheck).not.toHaveBeenCalled();
    // What did look at the name: zod's count of its code points, once (a probe for surrogates).
    expect(unitsOfWork(work)).toBeLessThanOrEqual(2 * adversarial.length);
  });

  it.each(corpora)('POST /users and POST /bulk/joiners, %s: refused after work proportional to the body', (corpus, make) => {
    for (const body of [...textBodies(corpus, make, api.MAX_BODY_BYTES), ...textBodies('plain', plainText, api.MAX_BODY_BYTES)]) {
      expect(Buffer.byteLength(body.body)).toBeLessThanOrEqual(api.MAX_BODY_BYTES);
      const { result, work } = countTextWork(() => refusal(body.body, schemas[body.route]));
      expect(result.name).toBe('ValidationError');
      expect(unitsOfWork(work)).toBeLessThanOrEqual(WORK_PER_BODY_UNIT * body.body.length);
    }
  });
});
