import { locationRef, text, userRef, webexId } from '../../../functions/lib/schemas/fields';
import { CreateUserInput } from '../../../functions/lib/schemas/users';
import { UserJoinedDetail } from '../../../functions/lib/schemas/lifecycle-events';
import { isLocationId } from '../../../functions/lib/workflows/numbers/resolve-location';

const personId = Buffer.from('ciscospark://us/PEOPLE/5b7ddefe-cc47-496a-8df0-18d8e4182a99').toString('base64url');
const locationId = Buffer.from('ciscospark://us/LOCATION/5b7ddefe-cc47-496a-8df0-18d8e4182a99').toString('base64url');

describe('ids in our routes', () => {
  it.each([personId, `${personId}=`, `${personId}==`, 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS8x'])('accepts the Webex id %p', (id) => {
    expect(webexId.safeParse(id).success).toBe(true);
    expect(userRef.safeParse(id).success).toBe(true);
  });

  it.each([
    'aaaaaaaa/features/numbers',
    `${personId}/../../organizations`,
    `${personId}+`,
    '..;aaaaaaaa',
    'aaaa=aaaaaa',
    `${personId}===`,
    'aaaaaaaa%2Ffeatures',
    'aaaa\r\nX-Injected: 1',
  ])('refuses %p as a person id, so it never fills a Webex path', (id) => {
    expect(webexId.safeParse(id).success).toBe(false);
    expect(userRef.safeParse(id).success).toBe(false);
  });

  it('takes a location reference as an id only when it matches the id pattern', () => {
    expect(isLocationId(locationId)).toBe(true);
    // Decodes to ciscospark://us/LOCATION/… as well, but a `/` could name another path.
    expect(isLocationId(`${locationId}/../../people`)).toBe(false);
    expect(isLocationId(`${locationId}+`)).toBe(false);
  });
});

describe('names', () => {
  it.each([
    ['a right-to-left override', 'Ann\u202efdp.exe'],
    ['a zero-width space', 'An\u200bn'],
    ['a zero-width joiner', 'An\u200dn'],
    ['a zero-width non-joiner between Latin letters', 'An\u200cn'],
    ['a zero-width non-joiner at the end of a Persian name', 'مهرنوش\u200c'],
    ['a byte order mark inside (trim drops a leading one)', 'An\ufeffn'],
    ['a lone high surrogate', 'Ann\ud800'],
    ['a lone low surrogate', '\udc00Ann'],
    ['a C1 control', 'Ann\u0085x'],
    ['a NUL', 'Ann\u0000'],
  ])('refuses %s in every name field', (_, name) => {
    expect(text().safeParse(name).success).toBe(false);
    expect(locationRef.safeParse(name).success).toBe(false);
    for (const field of ['firstName', 'lastName', 'displayName', 'department', 'title']) {
      const parsed = CreateUserInput.safeParse({ email: 'ann@example.com', displayName: 'Ann', [field]: name });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0].path).toEqual([field]);
    }
    for (const field of ['location', 'license']) {
      const parsed = UserJoinedDetail.safeParse({ email: 'ann@example.com', displayName: 'Ann', location: 'Headquarters', [field]: name });
      expect(parsed.error?.issues[0].path).toEqual([field]);
    }
  });

  it.each([
    'Zoë Ångström',
    'José Núñez-Ruiz',
    '李小龍',
    'O\u2019Brien',
    'Anne 😀',
    'Ünal Çelik',
    // Persian spells with ZERO WIDTH NON-JOINER between letters (Mehr\u200cnoush); Indic conjuncts use the joiners too.
    'مهر\u200cنوش',
    'क्\u200dष',
    'ര\u200d്',
  ])('accepts the visible name %p', (name) => {
    expect(text().safeParse(name).success).toBe(true);
    expect(locationRef.safeParse(name).success).toBe(true);
  });
});
