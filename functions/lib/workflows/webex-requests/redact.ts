/**
 * Personal data out of audit logs: values of fields that identify or reach a person are replaced,
 * and so is anything shaped like an e-mail address or a phone number wherever it appears.
 */
const PERSONAL_KEYS = new Set([
  'email', 'emails', 'firstname', 'lastname', 'displayname', 'nickname', 'phonenumber', 'phonenumbers', 'directnumber',
  'extension', 'addresses', 'address', 'streetaddress', 'postalcode', 'locality', 'manager', 'avatar', 'value',
  'sipaddresses', 'mobile', 'title', 'department', 'esn', 'ownername',
]);
const EMAIL = /[^\s@"]+@[^\s@"]+\.[^\s@"]+/g;
const PHONE = /\+?\d[\d\s().-]{6,}\d/g;

export function redactPersonalData(value: unknown, key?: string): unknown {
  if (key && PERSONAL_KEYS.has(key.toLowerCase())) return '[redacted]';
  if (typeof value === 'string') return value.replace(EMAIL, '[redacted-email]').replace(PHONE, '[redacted-number]');
  if (Array.isArray(value)) return value.map((v) => redactPersonalData(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactPersonalData(v, k)]));
  }
  return value;
}
