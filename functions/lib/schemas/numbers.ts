import * as z from 'zod';
import { e164, extension, locationRef, userRef } from './fields';

export const RING_PATTERNS = ['NORMAL', 'LONG_LONG', 'SHORT_SHORT_LONG', 'SHORT_LONG_SHORT'] as const;

/** POST /users/{user}/numbers: an alternate number (and optionally its own extension). */
export const AssignNumberInput = z.strictObject({
  user: userRef,
  phoneNumber: e164,
  extension: extension.optional(),
  ringPattern: z.enum(RING_PATTERNS).optional(),
});
export type AssignNumberInput = z.infer<typeof AssignNumberInput>;

/** DELETE /users/{user}/numbers/{phoneNumber}. */
export const UnassignNumberInput = z.strictObject({ user: userRef, phoneNumber: e164 });
export type UnassignNumberInput = z.infer<typeof UnassignNumberInput>;

export const OWNER_TYPES = [
  'PEOPLE', 'PLACE', 'AUTO_ATTENDANT', 'CALL_QUEUE', 'PAGING_GROUP', 'HUNT_GROUP', 'VOICE_MESSAGING',
  'BROADWORKS_ANYWHERE', 'CONTACT_CENTER_LINK', 'ROUTE_LIST', 'VOICEMAIL_GROUP', 'VIRTUAL_LINE',
] as const;

/** Most numbers one GET /numbers answer carries (each Webex page holds at most 2000). */
export const MAX_LIST_LIMIT = 5000;

// Query strings arrive as text through API Gateway and as JSON values in a direct invocation.
const queryBoolean = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], {
  error: 'must be true or false',
});
const queryLimit = z
  .union([z.number(), z.string().regex(/^\d+$/, 'must be a whole number').transform(Number)])
  .pipe(z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_LIST_LIMIT, `must be at most ${MAX_LIST_LIMIT}`));

/** GET /numbers query. */
export const ListNumbersInput = z
  .strictObject({
    available: queryBoolean.optional(),
    location: locationRef.optional(),
    ownerType: z.enum(OWNER_TYPES).optional(),
    limit: queryLimit.optional(),
    cursor: z.string().max(512, 'must be at most 512 characters').regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor from this API').optional(),
  })
  .refine((q) => !(q.available === true && q.ownerType), {
    path: ['ownerType'],
    message: 'cannot be combined with available=true (Webex refuses the combination)',
  });
export type ListNumbersInput = z.infer<typeof ListNumbersInput>;

/** Most numbers one POST /locations/{location}/numbers accepts (the size of Webex's manage-numbers jobs). */
export const MAX_NUMBERS_PER_ADD = 1000;

/** POST /locations/{location}/numbers. */
export const AddLocationNumbersInput = z.strictObject({
  location: locationRef,
  phoneNumbers: z
    .array(e164)
    .min(1, 'give at least one phone number')
    .max(MAX_NUMBERS_PER_ADD, `at most ${MAX_NUMBERS_PER_ADD} numbers per request`),
  numberType: z.enum(['DID', 'TOLLFREE', 'MOBILE']).optional(),
  state: z.enum(['ACTIVE', 'INACTIVE']).optional(),
});
export type AddLocationNumbersInput = z.infer<typeof AddLocationNumbersInput>;

/** A user's numbers as the API returns them. */
export const UserNumbersView = z.object({
  user: z.object({ id: z.string(), email: z.string().optional() }),
  callingEnabled: z.boolean(),
  location: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  primaryNumber: z.string().optional(),
  extension: z.string().optional(),
  esn: z.string().optional(),
  alternates: z.array(z.object({ phoneNumber: z.string(), extension: z.string().optional(), ringPattern: z.string().optional() })),
  distinctiveRingEnabled: z.boolean().optional(),
});
export type UserNumbersView = z.infer<typeof UserNumbersView>;

export const ADD_NUMBER_STATUSES = [
  'added', 'alreadyInLocation', 'duplicateInRequest', 'inAnotherLocation', 'unavailable', 'invalid', 'failed',
] as const;
export type AddNumberStatus = (typeof ADD_NUMBER_STATUSES)[number];
