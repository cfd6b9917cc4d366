import { nextLink } from '../../../functions/lib/webex/link-header';

describe('nextLink', () => {
  it.each([
    ['<https://webexapis.com/v1/people?cursor=abc>; rel="next"', 'https://webexapis.com/v1/people?cursor=abc'],
    ['<https://a.example/1>; rel=next', 'https://a.example/1'],
    ['<https://a.example/0>; rel="prev", <https://a.example/2>; REL="prev next"', 'https://a.example/2'],
    ['<https://a.example/0>; rel="prev"', undefined],
    ['<https://a.example/0>; rel="nextish"', undefined],
    ['<https://a.example/0>; title="next"', undefined],
    [`<https://a.example/0>; ${'rel= '.repeat(20_000)}`, undefined],
  ])('%s', (header, expected) => {
    expect(nextLink(header)).toBe(expected);
  });
});
