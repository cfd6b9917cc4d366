import * as z from 'zod';
import { email, ONE_NAME_REQUIRED, text, userRef } from './fields';

const profileFields = {
  firstName: text(64).optional(),
  lastName: text(64).optional(),
  displayName: text(256).optional(),
  department: text(128).optional(),
  title: text(128).optional(),
};

/** POST /users. Webex needs at least one name; we ask for it here instead of letting Webex reject it. */
export const CreateUserInput = z
  .strictObject({ email, ...profileFields })
  .refine((u) => u.firstName || u.lastName || u.displayName, {
    path: ['displayName'],
    message: 'give displayName, or firstName and/or lastName (Webex requires a name)',
  })
  .meta(ONE_NAME_REQUIRED);
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UserRefInput = z.strictObject({ user: userRef });
export type UserRefInput = z.infer<typeof UserRefInput>;

/** PATCH /users/{user}: only profile fields; `null` clears department or title. */
export const UpdateUserInput = z
  .strictObject({
    user: userRef,
    firstName: text(64).optional(),
    lastName: text(64).optional(),
    displayName: text(256).optional(),
    department: text(128).nullable().optional(),
    title: text(128).nullable().optional(),
  })
  .refine((u) => Object.keys(u).some((k) => k !== 'user'), {
    path: ['body'],
    message: 'give at least one of firstName, lastName, displayName, department, title',
  });
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

/** What the API returns for a user: Webex's person, reduced to what a service desk reads. */
export const UserView = z.object({
  id: z.string(),
  email: z.string().optional(),
  displayName: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  department: z.string().optional(),
  title: z.string().optional(),
  status: z.string().optional(),
  invitePending: z.boolean().optional(),
  loginEnabled: z.boolean().optional(),
  createdAt: z.string().optional(),
  lastModifiedAt: z.string().optional(),
  licenses: z.array(z.object({ id: z.string(), name: z.string().optional() })),
  calling: z.object({
    enabled: z.boolean(),
    location: z.object({ id: z.string(), name: z.string().optional() }).optional(),
    primaryNumber: z.string().optional(),
    extension: z.string().optional(),
  }),
});
export type UserView = z.infer<typeof UserView>;
