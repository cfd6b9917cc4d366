import { parseRetryAfterMs } from '../../../functions/lib/webex/retry-after';
import { nextLink } from '../../../functions/lib/webex/link-header';

describe('parseRetryAfterMs', () => {
  it.each([
    ['60', 60_000],
    [' 5 ', 5_000],
    ['0', 0],
    ['1.5', 1_500],
  ])('reads seconds %p', (value, ms) => expect(parseRetryAfterMs(value)).toBe(ms));

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('Sun, 29 Nov 2026 10:00:00 GMT');
    expect(parseRetryAfterMs('Sun, 29 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('Sun, 29 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });

  it.each([[undefined], [null], [''], ['rand(30),add(30)'], ['-5'], ['soon'], ['2026-11-29']])('gives up on %p', (value) =>
    expect(parseRetryAfterMs(value as string | undefined)).toBeUndefined(),
  );
});

describe('nextLink', () => {
  it('finds rel="next" among several links', () => {
    expect(nextLink('<https://a/v1/people?cursor=1>; rel="prev", <https://a/v1/people?cursor=2>; rel="next"')).toBe(
      'https://a/v1/people?cursor=2',
    );
  });
  it('handles unquoted rel and commas inside URLs', () => {
    expect(nextLink('<https://a/v1/x?ids=a,b>; rel=next')).toBe('https://a/v1/x?ids=a,b');
  });
  it('returns undefined without a next link', () => {
    expect(nextLink('<https://a/v1/x>; rel="first"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });
});
