import * as z from 'zod';
import { ADD_NUMBER_STATUSES, UserNumbersView } from './numbers';

/**
 * What the number routes answer: their rows' responses declare these schemas, the OpenAPI document is built from them, and the
 * integration tests check every answer against that document. A module per kind of route, so that a function's
 * bundle carries only its own.
 */

const idName = z.object({ id: z.string(), name: z.string().optional() });

/** POST /users/{user}/numbers, DELETE …/numbers/{phoneNumber}: whether anything changed, and the user's numbers after. */
export const NumbersChangeView = UserNumbersView.extend({ changed: z.boolean() });

export const NumberView = z.object({
  phoneNumber: z.string().optional(),
  extension: z.string().optional(),
  esn: z.string().optional(),
  state: z.string().optional(),
  phoneNumberType: z.string().optional(),
  mainNumber: z.boolean().optional(),
  tollFreeNumber: z.boolean().optional(),
  serviceNumber: z.boolean().optional(),
  /** Webex's isReservedNumber: listed, but never assignable. */
  reservedNumber: z.boolean().optional(),
  telephonyType: z.string().optional(),
  location: idName.optional(),
  owner: z.object({ id: z.string().optional(), type: z.string().optional(), firstName: z.string().optional(), lastName: z.string().optional() }).optional(),
});
export type NumberView = z.infer<typeof NumberView>;

/** GET /numbers. */
export const ListNumbersView = z.object({
  items: z.array(NumberView),
  count: z.number().int(),
  /** Present when more numbers match: pass it back as `cursor` (with the same filters) for the next part. */
  nextCursor: z.string().optional(),
});
export type ListNumbersResult = z.infer<typeof ListNumbersView>;

/** POST /locations/{location}/numbers: each number's outcome, in request order. */
export const AddNumbersView = z.object({
  location: z.object({ id: z.string(), name: z.string() }),
  numberType: z.enum(['DID', 'TOLLFREE', 'MOBILE']),
  state: z.enum(['ACTIVE', 'INACTIVE']).optional(),
  added: z.number().int(),
  numbers: z.array(z.object({ phoneNumber: z.string(), status: z.enum(ADD_NUMBER_STATUSES), detail: z.string().optional() })),
});
export type AddNumbersResult = z.infer<typeof AddNumbersView>;
