import { redactPersonalData } from '../../../functions/lib/workflows/webex-requests/redact';
import { checkWebexRequest, DEFAULT_ALLOWED_PREFIXES, MAX_BODY_STRING_LENGTH, type WebexRequestInput } from '../../../functions/lib/workflows/webex-requests/guard';
import { REDACTION_WORST } from '../../support/adversarial-text';
import { countTextWork } from '../../support/text-work';

/**
 * Every regex the guarded request applies to user input must be linear (a backtracking e-mail pattern
 * takes seconds on "a"×60000+"@a"): that is test/integration/schemas/regex-safety.test.ts's static analysis
 * of every pattern in functions/lib, the redaction's included. Here, without timing anything (the inputs bench
 * times them): the redaction still finds what follows the worst inputs we could construct, and the guard
 * refuses an over-long string by its length before any pattern runs over it.
 */
const LENGTH = 4096 * 16;


describe('the audit redaction on the worst inputs', () => {
  it.each(Object.keys(REDACTION_WORST))('%s: an address and a number after it are still redacted', (name) => {
    const large = REDACTION_WORST[name](LENGTH);
    expect(redactPersonalData({ note: `${large} ann@example.com +14085550101` })).toEqual({ note: expect.stringMatching(/ \[redacted-email\] \[redacted-number\]$/) });
  });
});

describe('the guarded request on the worst body', () => {
  const put = (displayName: unknown) => () => checkWebexRequest({ method: 'PUT', path: '/people/abc', body: { displayName }, dryRun: true } as WebexRequestInput, DEFAULT_ALLOWED_PREFIXES);
  const refusal = (check: () => unknown) => {
    try {
      check();
    } catch (error) {
      return error as { name: string; fields?: { field: string; message: string }[] };
    }
    throw new Error('accepted');
  };

  it('refuses a 60 KB string by its length, before any pattern runs over it', () => {
    const { result, work } = countTextWork(() => refusal(put(`${'a'.repeat(60_000)}@a`)));
    expect(result.name).toBe('ValidationError');
    expect(result.fields).toEqual([{ field: 'body.displayName', message: `must NOT have more than ${MAX_BODY_STRING_LENGTH} characters` }]);
    // The path's patterns ran before it, and were counted; none ran over the string.
    expect(work.regexRuns.length).toBeGreaterThan(0);
    expect(work.regexRuns.filter((r) => r.length > MAX_BODY_STRING_LENGTH)).toEqual([]);
    expect(work.unitReads).toBe(0);
  });
});
