import { z } from 'zod';

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
