import { z } from 'zod';

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
