import * as z from 'zod';

/**
 * The parts of Webex's objects the workflows read. `looseObject` keeps every other field, because a
 * Person we PUT back must carry fields we do not model (Webex replaces the whole record).
 */
export const PersonPhoneNumberSchema = z.looseObject({
  type: z.string(),
  value: z.string(),
  primary: z.boolean().optional(),
});

export const PersonSchema = z.looseObject({
  id: z.string(),
  emails: z.array(z.string()).default([]),
  displayName: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  nickName: z.string().optional(),
  department: z.string().optional(),
  title: z.string().optional(),
  phoneNumbers: z.array(PersonPhoneNumberSchema).optional(),
  extension: z.string().optional(),
  locationId: z.string().optional(),
  licenses: z.array(z.string()).optional(),
  roles: z.array(z.string()).optional(),
  orgId: z.string().optional(),
  created: z.string().optional(),
  lastModified: z.string().optional(),
  status: z.string().optional(),
  // Strings "true"/"false" in Webex's responses, a boolean in its PUT body.
  loginEnabled: z.union([z.string(), z.boolean()]).optional(),
  invitePending: z.union([z.string(), z.boolean()]).optional(),
});
export type Person = z.infer<typeof PersonSchema>;

export const PersonListSchema = z.looseObject({ items: z.array(PersonSchema) });

export const LicenseSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  totalUnits: z.number().optional(),
  consumedUnits: z.number().optional(),
});
export type License = z.infer<typeof LicenseSchema>;

export const LocationSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
});
export type Location = z.infer<typeof LocationSchema>;

/** `GET /telephony/config/numbers` item (NumberObject). A calling user without a number appears with only an extension. */
export const NumberObjectSchema = z.looseObject({
  phoneNumber: z.string().optional(),
  extension: z.string().optional(),
  routingPrefix: z.string().optional(),
  esn: z.string().optional(),
  state: z.string().optional(),
  phoneNumberType: z.string().optional(),
  mainNumber: z.boolean().optional(),
  includedTelephonyTypes: z.string().optional(),
  tollFreeNumber: z.boolean().optional(),
  isServiceNumber: z.boolean().optional(),
  /** Reserved numbers "cannot be assigned to people, features, or services" (Cisco's numbers document, 2026-06). */
  isReservedNumber: z.boolean().optional(),
  location: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
  owner: z
    .looseObject({ id: z.string().optional(), type: z.string().optional(), firstName: z.string().optional(), lastName: z.string().optional() })
    .optional(),
});
export type NumberObject = z.infer<typeof NumberObjectSchema>;

/** `GET /people/{personId}/features/numbers`: the primary entry first, then alternates. */
export const PersonNumbersSchema = z.looseObject({
  distinctiveRingEnabled: z.boolean().optional(),
  phoneNumbers: z
    .array(
      z.looseObject({
        primary: z.boolean().optional(),
        directNumber: z.string().optional(),
        extension: z.string().optional(),
        routingPrefix: z.string().optional(),
        esn: z.string().optional(),
        ringPattern: z.string().optional(),
      }),
    )
    .default([]),
});
export type PersonNumbers = z.infer<typeof PersonNumbersSchema>;

/** `GET /telephony/config/people/primary/availableNumbers` item. */
export const AvailableNumberSchema = z.looseObject({
  phoneNumber: z.string(),
  state: z.string().optional(),
  isMainNumber: z.boolean().optional(),
  isServiceNumber: z.boolean().optional(),
  /** Skipped when Webex marks it: a reserved number cannot be assigned (as on NumberObject). */
  isReservedNumber: z.boolean().optional(),
  includedTelephonyTypes: z.string().optional(),
  telephonyType: z.string().optional(),
  tollFreeNumber: z.boolean().optional(),
});

/** `PATCH /licenses/users` answer (UserLicensesResponse): the licenses the user now holds. */
export const UserLicensesResponseSchema = z.looseObject({
  personId: z.string().optional(),
  licenses: z.array(z.string()).default([]),
  pendingLicenses: z.array(z.string()).optional(),
});

/** `POST /telephony/config/actions/validateNumbers/invoke` answer. */
export const ValidateNumbersResponseSchema = z.looseObject({
  status: z.string(),
  numbers: z.array(
    z.looseObject({ number: z.string(), state: z.string(), tollFreeNumber: z.boolean().optional(), detail: z.array(z.string()).optional() }),
  ),
});

/** `POST /telephony/config/locations/{id}/actions/validateExtensions/invoke` answer (StatusOfExtensionsObject). */
export const ValidateExtensionsResponseSchema = z.looseObject({
  status: z.string().optional(),
  extensionStatus: z
    .array(z.looseObject({ extension: z.string(), state: z.string(), errorCode: z.number().optional(), message: z.string().optional() }))
    .default([]),
});
