// A namespace import lets esbuild drop what is unused (zod's locales alone are ~200 KB).
import * as z from 'zod';
import { isVisibleText } from './visible-text';

const VISIBLE_TEXT_MESSAGE = 'must not contain control, format (bidi, zero-width) or unpaired surrogate characters';

/**
 * A failed length check aborts the checks after it (zod runs them otherwise), so no pattern ever runs over
 * text longer than the field allows.
 */
const tooLong = (max: number) => ({ message: `must be at most ${max} characters`, abort: true });

/** A person's name, department or title as Webex stores it. */
export const text = (max = 256) =>
  z
    .string()
    .trim()
    .min(1, { message: 'must not be empty', abort: true })
    .max(max, tooLong(max))
    .refine(isVisibleText, VISIBLE_TEXT_MESSAGE);

export const email = z
  .string()
  .trim()
  .max(254, tooLong(254))
  .pipe(z.email('must be a valid e-mail address'))
  // The document shows the check the pipe makes (its input side alone would read as any string).
  .meta({ format: 'email' });

/**
 * "One name required" (Webex requires a name) as OpenAPI can say it, for the schemas that refine it:
 * `.refine(hasName, …).meta(ONE_NAME_REQUIRED)`.
 */
export const ONE_NAME_REQUIRED = { anyOf: [{ required: ['firstName'] }, { required: ['lastName'] }, { required: ['displayName'] }] };

/**
 * Webex ids are base64 of `ciscospark://<region>/<TYPE>/<uuid>`, unpadded (`Y2lzY29zcGFyazovL3VzL1BFT1BMRS8...`;
 * kctrey/wxcadm's decode_spark_id decodes `id + "=="`). For that ASCII the plain and URL-safe alphabets
 * agree (no `+` or `/` can occur), so an id is letters, digits, `_`, `-` and at most two `=` at the
 * end: nothing that could name another path (`/`, `%2F`, `..`) once it is put in a Webex URL.
 */
export const WEBEX_ID_PATTERN = /^[A-Za-z0-9_-]+={0,2}$/;
export const webexId = z
  .string()
  .min(8, { message: 'must be a Webex id', abort: true })
  .max(512, { message: 'must be a Webex id', abort: true })
  .regex(WEBEX_ID_PATTERN, 'must be a Webex id');

/** `{user}` in a route: an e-mail address or a Webex person id. */
export const userRef = z
  .string()
  .trim()
  .min(1, { message: 'must be an e-mail address or a Webex person id', abort: true })
  .max(512, tooLong(512))
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
  .min(1, { message: 'must be a Webex location id or a location name', abort: true })
  .max(256, tooLong(256))
  .refine(isVisibleText, VISIBLE_TEXT_MESSAGE);
