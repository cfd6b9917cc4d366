import * as z from 'zod';
import { e164, email, extension, locationRef, ONE_NAME_REQUIRED, text } from './fields';

/**
 * Lifecycle events an HR system or IdP publishes on the lifecycle bus (EventBridge), and the events the
 * suite publishes back when an execution ends. The detail-types are the contract: rules match them
 * exactly (infra/constructs/lifecycle-events.ts) and so does POST /events locally.
 */
export const LIFECYCLE_DETAIL_TYPES = {
  joined: 'Webex User Joined',
  moved: 'Webex User Moved',
  left: 'Webex User Left',
} as const;

/** What every execution publishes when it ends (source LIFECYCLE_RESULT_SOURCE). */
export const LIFECYCLE_RESULT_DETAIL_TYPES = {
  completed: 'Webex Lifecycle Completed',
  failed: 'Webex Lifecycle Failed',
} as const;

/** `source` of the events the suite publishes; rules on the inbound detail-types never match it. */
export const LIFECYCLE_RESULT_SOURCE = 'webex-provisioning.lifecycle';

/**
 * What the leaver does with the user once the calling license and numbers are freed: `delete` it,
 * `deactivate` it (sign-in off; Webex itself deletes users deactivated for 30 days: help.webex.com article
 * v5wksr, so this is not a way to keep a user), or `removeCalling`: keep it active with calling removed.
 */
export const LEAVER_POLICIES = ['delete', 'deactivate', 'removeCalling'] as const;
export type LeaverPolicy = (typeof LEAVER_POLICIES)[number];
/** A leaver policy as every input takes it, with what each does (the OpenAPI document carries the description). */
export const leaverPolicy = z
  .enum(LEAVER_POLICIES)
  .describe(
    'What happens to a leaver once the calling license and numbers are freed: delete the user; deactivate it (sign-in off; ' +
      'Webex deletes users deactivated for 30 days, help.webex.com article v5wksr, so deactivate does not keep the user for good); ' +
      'or removeCalling (the user stays active, without calling).',
  );

const nameFields = {
  firstName: text(64).optional(),
  lastName: text(64).optional(),
  displayName: text(256).optional(),
};

/** `Webex User Joined`: create the user and enable Webex Calling in `location`. */
export const UserJoinedDetail = z
  .strictObject({
    email,
    ...nameFields,
    department: text(128).optional(),
    title: text(128).optional(),
    /** Calling location: a Webex location id or its name. */
    location: locationRef,
    phoneNumber: e164.optional(),
    extension: extension.optional(),
    /** Take the first free number of the location. The default when neither phoneNumber nor extension is given. */
    autoAssignNumber: z.boolean().optional(),
    /** A calling license name or id; default WEBEX_CALLING_LICENSE. */
    license: text(256).optional(),
  })
  .refine((u) => u.firstName || u.lastName || u.displayName, {
    path: ['displayName'],
    message: 'give displayName, or firstName and/or lastName (Webex requires a name)',
  })
  .refine((u) => !(u.phoneNumber && u.autoAssignNumber), { path: ['autoAssignNumber'], message: 'cannot be combined with phoneNumber' })
  .refine((u) => !(u.autoAssignNumber === false && !u.phoneNumber && !u.extension), {
    path: ['autoAssignNumber'],
    message: 'false needs a phoneNumber or an extension (a Webex Calling user needs one)',
  })
  .meta(ONE_NAME_REQUIRED);
export type UserJoinedDetail = z.infer<typeof UserJoinedDetail>;

/** `Webex User Moved`: what changed, and nothing else. */
export const UserMovedDetail = z
  .strictObject({
    email,
    profile: z
      .strictObject({
        ...nameFields,
        department: text(128).nullable().optional(),
        title: text(128).nullable().optional(),
      })
      .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'give at least one profile field' })
      .optional(),
    /** The new calling location (id or name): moved with Webex's move-users job. */
    location: locationRef.optional(),
    /** With a location change: the number to land on in the new location (else the first free one). */
    phoneNumber: e164.optional(),
    /** With a location change: the extension in the new location (else the current one is kept). */
    extension: extension.optional(),
    /**
     * With a location change and no `phoneNumber`: the number to land on if the user's own cannot move with
     * them (a Local Gateway number to another gateway, a non-integrated CCP number, another PSTN type, provider
     * or country) or they have none, instead of the location's first free one. A reconciliation plan sets one
     * aside for each move where one is free, so that moves into one location never pick the same.
     */
    fallbackPhoneNumber: e164.optional(),
  })
  .refine((m) => m.profile || m.location, { path: ['profile'], message: 'give profile changes and/or a new location' })
  .refine((m) => m.location || (!m.phoneNumber && !m.extension), {
    path: ['phoneNumber'],
    message: 'a number or extension change is only supported together with a location change',
  })
  .refine((m) => !m.fallbackPhoneNumber || (m.location && !m.phoneNumber), {
    path: ['fallbackPhoneNumber'],
    message: 'only with a location change and without phoneNumber',
  });
export type UserMovedDetail = z.infer<typeof UserMovedDetail>;

/** `Webex User Left`: free the user's numbers and calling license, then delete, deactivate or keep the user (LEAVER_POLICIES). */
export const UserLeftDetail = z.strictObject({
  email,
  /** Default: the deployment's (LIFECYCLE_DEFAULT_LEAVER_POLICY, `deactivate` unless configured). */
  policy: leaverPolicy.optional(),
});
export type UserLeftDetail = z.infer<typeof UserLeftDetail>;

/**
 * What a lifecycle event's `source` may be: letters, digits and `.` `_` `-` `/` (reverse-DNS names like
 * `com.example.hr`, and partner sources like `aws.partner/okta.com/…`), starting with a letter or digit, at
 * most 256 (EventBridge's limit). Nothing that could smuggle spaces, quotes or controls into logs, patterns
 * or the outcome event.
 */
export const EVENT_SOURCE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,255}$/;

// EventBridge limits: id is a UUID in practice, source ≤256; detail-type ≤128.
const envelope = {
  // Taken as sent, never trimmed: the execution name is made from it, and a trimmed ` ab` would share `ab`'s.
  id: z
    .string()
    .min(1, 'must not be empty')
    .max(256)
    .refine((id) => id.trim() === id, 'must not start or end with white space'),
  source: z.string().regex(EVENT_SOURCE, 'must be 1-256 of A-Z a-z 0-9 . _ - /, starting with a letter or digit'),
  // What EventBridge adds; accepted and ignored so the target gets the event as delivered.
  // `replay-name`: what EventBridge adds to an event an archive replay delivers (the replay's name, 1-64 of
  // [.-_A-Za-z0-9]: docs.aws.amazon.com/eventbridge/latest/APIReference/API_Replay.html). A replayed event keeps
  // its id, so it meets the execution its first delivery started.
  'replay-name': z.string().regex(/^[.\-_A-Za-z0-9]{1,64}$/, 'must be an EventBridge replay name').optional(),
  version: z.string().optional(),
  account: z.string().optional(),
  time: z.string().optional(),
  region: z.string().optional(),
  resources: z.array(z.string()).optional(),
};

/** The inbound event as EventBridge delivers it to the router (and as POST /events takes it). */
export const LifecycleEvent = z.discriminatedUnion('detail-type', [
  z.strictObject({ ...envelope, 'detail-type': z.literal(LIFECYCLE_DETAIL_TYPES.joined), detail: UserJoinedDetail }),
  z.strictObject({ ...envelope, 'detail-type': z.literal(LIFECYCLE_DETAIL_TYPES.moved), detail: UserMovedDetail }),
  z.strictObject({ ...envelope, 'detail-type': z.literal(LIFECYCLE_DETAIL_TYPES.left), detail: UserLeftDetail }),
]);
export type LifecycleEvent = z.infer<typeof LifecycleEvent>;
export type LifecycleDetailType = LifecycleEvent['detail-type'];

/** Where the execution came from: carried through to the Completed/Failed event for the service desk. */
export const LifecycleOrigin = z.object({ eventId: z.string(), source: z.string(), detailType: z.string() });
export type LifecycleOrigin = z.infer<typeof LifecycleOrigin>;

/** What a lifecycle state machine's Task steps report as applied. */
export const AppliedChange = z.object({ step: z.string(), status: z.enum(['applied', 'unchanged', 'skipped', 'failed']), detail: z.string().optional() });
export type AppliedChange = z.infer<typeof AppliedChange>;

/** The detail of `Webex Lifecycle Completed` / `Webex Lifecycle Failed`. */
export const LifecycleResultDetail = z.object({
  status: z.enum(['COMPLETED', 'FAILED']),
  origin: LifecycleOrigin,
  executionName: z.string(),
  email: z.string(),
  userId: z.string().optional(),
  applied: z.array(AppliedChange),
  note: z.string().optional(),
  /**
   * The calling location the joiner's or mover's Enable Calling run resolved (the request may have named it by id
   * or by name): with its name, also on a failure after it was found. Absent when it was never resolved.
   */
  location: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  /** The failure: Webex's trackingId (whole, for Cisco support) and the step that failed, when known. */
  error: z.object({ code: z.string(), message: z.string(), step: z.string().optional(), trackingId: z.string().optional() }).optional(),
});
export type LifecycleResultDetail = z.infer<typeof LifecycleResultDetail>;
