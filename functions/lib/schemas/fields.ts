// A namespace import lets esbuild drop what is unused (zod's locales alone are ~200 KB).
import * as z from 'zod';

// Control characters never belong in a name or an address and break CSV exports downstream.
const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;

/** A person's name, department or title as Webex stores it. */
export const text = (max = 256) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(NO_CONTROL_CHARS, 'must not contain control characters');

export const email = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be a valid e-mail address'));

/** Webex ids are base64url-ish strings (`Y2lzY29zcGFyazovL3VzL1BFT1BMRS8...`). */
export const webexId = z.string().regex(/^[A-Za-z0-9_=+/-]{8,512}$/, 'must be a Webex id');

/** `{user}` in a route: an e-mail address or a Webex person id. */
export const userRef = z
  .string()
  .trim()
  .min(1, 'must be an e-mail address or a Webex person id')
  .max(512, 'must be at most 512 characters')
  .refine((v) => (v.includes('@') ? email.safeParse(v).success : webexId.safeParse(v).success), {
    message: 'must be an e-mail address or a Webex person id',
  });

/** A phone number in E.164 (`+` country code and subscriber number, 7–15 digits), as Webex's telephony APIs want it. */
export const e164 = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +14085551234');

/**
 * A Webex Calling extension, without the location's routing prefix. The OpenAPI documents give no
 * rule; Control Hub accepts 2 to 10 digits (leading zeros allowed: Cisco's examples use "0007"), and
 * the simulator enforces the same.
 */
export const extension = z
  .string()
  .trim()
  .regex(/^\d{2,10}$/, 'must be 2 to 10 digits, without the routing prefix');

/** `{location}`: a Webex location id or the location's name. */
export const locationRef = z
  .string()
  .trim()
  .min(1, 'must be a Webex location id or a location name')
  .max(256, 'must be at most 256 characters')
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters');
