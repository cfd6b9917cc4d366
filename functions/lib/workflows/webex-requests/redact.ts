import { EMAIL_IN_TEXT, isSecretKey } from '../../redaction';

/**
 * Personal data and secrets out of audit logs: values of fields that identify or reach a person, or
 * that are a secret (a voicemail passcode, an access code), are replaced, and so is anything shaped
 * like an e-mail address or a phone number wherever it appears.
 */
const PERSONAL_KEYS = new Set([
  'email', 'emails', 'firstname', 'lastname', 'displayname', 'nickname', 'phonenumber', 'phonenumbers', 'directnumber',
  'extension', 'addresses', 'address', 'streetaddress', 'postalcode', 'locality', 'manager', 'avatar', 'value',
  'sipaddresses', 'mobile', 'title', 'department', 'esn', 'ownername',
]);
// No phone number is 30 characters long.
const PHONE = /\+?\d[\d\s().-]{6,30}\d/g;
/** Deeper than the guard lets a body be; anything below is dropped from the log whole. */
const MAX_DEPTH = 32;

export function redactPersonalData(value: unknown, key?: string, depth = 0): unknown {
  // Keys whose value is a secret: `passcode` (…/voicemail/passcode), `code` and `deleteCodes`
  // (…/outgoingPermission/accessCodes), a DECT network's `defaultAccessCode`, PINs, passwords, tokens.
  if (key && isSecretKey(key)) return '[redacted-secret]';
  if (key && PERSONAL_KEYS.has(key.toLowerCase())) return '[redacted]';
  if (typeof value === 'string') return value.replace(EMAIL_IN_TEXT, '[redacted-email]').replace(PHONE, '[redacted-number]');
  if (value && typeof value === 'object' && depth >= MAX_DEPTH) return '[redacted-deep]';
  if (Array.isArray(value)) return value.map((v) => redactPersonalData(v, undefined, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactPersonalData(v, k, depth + 1)]));
  }
  return value;
}
