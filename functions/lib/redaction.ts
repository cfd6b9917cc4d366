import { createHash } from 'node:crypto';

/**
 * Which keys and path segments hold a secret, for every log line, error and audit record. A key is a secret
 * when it names a passcode, password, secret, token, access or authorization code (`defaultAccessCode`,
 * `accessCodes`, `voicemailPasscode`), is a bare `code`/`codes`/`deleteCodes`, or has `pin` as a word of its
 * own (`pin`, `PIN`, `newPin`, `pinCode`, `pin_number`, `pins`), while words that merely contain the letters
 * (`mapping`, `shipping`, `opinion`, `spinner`, `pinned`) are not secrets.
 */
const SECRET_IN_KEY = /pass(?:code|word)|secret|token|access_?codes?|auth(?:orization)?_?codes?/i;
const SECRET_KEY_EXACT = /^(?:code|codes|deletecodes)$/i;
const PIN_WORD = /^pins?$/;

/** A key split into its words: camelCase, PascalCase runs (`PINCode`), `_`, `-`, `.` and spaces. */
function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]/);
}

export function isSecretKey(key: string): boolean {
  return SECRET_IN_KEY.test(key) || SECRET_KEY_EXACT.test(key) || words(key).some((w) => PIN_WORD.test(w));
}

export const REDACTED_SEGMENT = '<redacted>';

/**
 * A path with the segment after a secret collection replaced (`…/outgoingPermission/accessCodes/1234` →
 * `…/accessCodes/<redacted>`): REST paths name the collection, then the member, and an access code is its own id.
 */
export function redactSecretPath(path: string): string {
  const segments = path.split('/');
  for (let i = 1; i < segments.length; i++) {
    if (segments[i - 1] && isSecretKey(decodeSegment(segments[i - 1])) && segments[i]) segments[i] = REDACTED_SEGMENT;
  }
  return segments.join('/');
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Shaped like an e-mail address anywhere in a text. Every quantifier bounded, so each match attempt scans a
 * bounded window: linear in the text's length (an unbounded `[^\s@"]+@…` took seconds on "a"×60000+"@a").
 * Local parts are at most 64 characters, domain labels 63 (RFC 5321); brackets and separators around an
 * address in a sentence are not part of it.
 */
export const EMAIL_IN_TEXT = /[^\s@"()<>,;:[\]]{1,64}@[^\s@".()<>,;:[\]]{1,63}(?:\.[^\s@".()<>,;:[\]]{1,63}){1,8}/g;

/**
 * An address as log lines show it: a hash, the same for the same address whatever its case, so an admin who
 * knows the address finds its lines (`emailHash('ann@example.com')`, or `sha256sum` of it lower-cased), while
 * the address itself is never stored with the logs.
 */
export function emailHash(address: string): string {
  return `email-sha256:${createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 16)}`;
}

/**
 * A text for a log line: every e-mail address in it replaced by its hash. A text without `@` has none: the
 * pattern, tried at every position, cost a 400 naming 100 fields more than checking its body did.
 */
export function hashEmails(text: string): string {
  return text.includes('@') ? text.replace(EMAIL_IN_TEXT, (address) => emailHash(address)) : text;
}
