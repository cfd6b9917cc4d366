import { emailHash, hashEmails, isSecretKey, redactSecretPath } from '../../functions/lib/redaction';
import { redactPersonalData } from '../../functions/lib/workflows/webex-requests/redact';

describe('secret keys', () => {
  it.each([
    'pin', 'PIN', 'Pin', 'pins', 'newPin', 'voicemailPin', 'pinCode', 'PINCode', 'pin_number', 'voicemail-pin', 'user.pin',
    'passcode', 'Passcode', 'voicemailPasscode', 'newPasscode', 'password',
    'accessCode', 'AccessCode', 'defaultAccessCode', 'accessCodes', 'access_code', 'authCode', 'authorizationCodes',
    'code', 'codes', 'deleteCodes', 'clientSecret', 'refresh_token', 'accessToken',
  ])('%s is a secret', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each(['mapping', 'shipping', 'opinion', 'spinner', 'pinned', 'typing', 'spin', 'displayName', 'description', 'countryCode', 'postalCode', 'access', 'location'])(
    '%s is not',
    (key) => {
      expect(isSecretKey(key)).toBe(false);
    },
  );

  it("keeps a DECT network's defaultAccessCode out of the audit body", () => {
    const body = { name: 'Warehouse', model: 'DMS Cisco DBS110', defaultAccessCode: '5580', accessCodes: ['1234'], settings: { newPin: '0000' } };
    expect(JSON.stringify(redactPersonalData(body))).not.toMatch(/5580|1234|0000/);
  });
});

describe('secret path segments', () => {
  it.each([
    ['/telephony/config/locations/Y2lz/outgoingPermission/accessCodes/98765', '/telephony/config/locations/Y2lz/outgoingPermission/accessCodes/<redacted>'],
    ['/telephony/config/people/abc/outgoingPermission/accessCodes/98765?x=1', '/telephony/config/people/abc/outgoingPermission/accessCodes/<redacted>'],
    ['/telephony/config/locations/Y2lz/outgoingPermission/accessCodes', '/telephony/config/locations/Y2lz/outgoingPermission/accessCodes'],
    ['/telephony/config/people/abc/voicemail/passcode', '/telephony/config/people/abc/voicemail/passcode'],
    ['/people/Y2lzY29zcGFyaw', '/people/Y2lzY29zcGFyaw'],
  ])('%s', (path, expected) => {
    expect(redactSecretPath(path)).toBe(expected);
  });
});

describe('e-mail addresses in log text', () => {
  it('are replaced by a hash that is the same whatever the case, and matches the address', () => {
    const line = hashEmails('No Webex user with e-mail Ann.Lee@Example.com (asked by bob@example.org)');
    expect(line).not.toMatch(/ann\.lee|bob@/i);
    expect(line).toContain(emailHash('ann.lee@example.com'));
    expect(line).toContain(emailHash('bob@example.org'));
    expect(emailHash('Ann.Lee@Example.com')).toBe(emailHash('ann.lee@example.com'));
    expect(emailHash('ann.lee@example.com')).not.toBe(emailHash('ann.lea@example.com'));
  });
});
