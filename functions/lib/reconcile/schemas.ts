import * as z from 'zod';
import { CSV_MAX_ROWS } from '../bulk/csv-joiners';
import { BulkJoinersCsvInput } from '../schemas/bulk';
import { email, locationRef } from '../schemas/fields';
import { leaverPolicy, UserJoinedDetail } from '../schemas/lifecycle-events';

/**
 * What a reconciliation plan is asked with and what it is: the roster's scope and policy, and the plan
 * (the actions, the counts, the safeguard) as it is stored in the imports bucket.
 */

/** An e-mail domain as it follows the `@`: lower-cased, no `@`, at least one dot. */
const emailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, 'must be at most 253 characters')
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be an e-mail domain such as example.com (without the @)');

/**
 * Which Webex users the roster governs. A Webex user is in scope when every criterion given holds: its
 * e-mail's domain is one of `emailDomains`, its calling location is one of `locations` (a user without
 * calling has none, so a location scope never includes one), and it is not in `exclude`.
 */
export const ReconcileScope = z
  .strictObject({
    emailDomains: z.array(emailDomain).min(1, 'give at least one domain, or leave the field out').max(100).optional(),
    /** Webex Calling locations, by id or name. */
    locations: z.array(locationRef).min(1, 'give at least one location, or leave the field out').max(1000).optional(),
    /** E-mails never touched (administrators, service accounts), whatever the roster says. */
    exclude: z.array(email).max(CSV_MAX_ROWS).optional(),
  })
  .refine((s) => s.emailDomains || s.locations, { path: ['emailDomains'], message: 'give emailDomains and/or locations: the scope the roster governs' });
export type ReconcileScope = z.infer<typeof ReconcileScope>;

/** When a plan's leavers need a person's confirmation: more than either limit. */
export const LeaverThresholds = z.strictObject({
  /** Percent of the in-scope users. */
  maxLeaverPercent: z.number().min(0).max(100).optional(),
  maxLeavers: z.number().int().min(0).optional(),
});
export type LeaverThresholds = z.infer<typeof LeaverThresholds>;

/** Directory Connector's and Okta's defaults are of this order: 10 % of the users, or 50 people. */
export const DEFAULT_LEAVER_THRESHOLDS: Required<LeaverThresholds> = { maxLeaverPercent: 10, maxLeavers: 50 };

const policyFields = {
  /** Default: the deployment's (the caller passes it to the planner). */
  leaverPolicy: leaverPolicy.optional(),
  /** May a roster location that differs from the user's calling location move the user? Default false: reported, not planned. */
  allowMoves: z.boolean().optional(),
  thresholds: LeaverThresholds.optional(),
};

/**
 * A plan request: the roster as a CSV in the imports bucket (`key`, the bulk joiners' columns) or as
 * JSON `users` (`Webex User Joined` details), with its scope and policy.
 */
export const ReconcilePlanInput = z
  .strictObject({
    key: BulkJoinersCsvInput.shape.key.optional(),
    users: z.array(UserJoinedDetail).min(1, 'give at least one user').max(CSV_MAX_ROWS, `at most ${CSV_MAX_ROWS} users`).optional(),
    scope: ReconcileScope,
    ...policyFields,
  })
  .refine((i) => (i.key === undefined) !== (i.users === undefined), { path: ['users'], message: 'give the roster as users or as the key of a CSV file, not both' });
export type ReconcilePlanInput = z.infer<typeof ReconcilePlanInput>;

export const ACTION_KINDS = ['join', 'enableCalling', 'move', 'updateProfile', 'leave'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** The fields a plan compares and changes; absent ones are not set (in Webex) or not given (in the roster). */
export const UserFields = z.object({
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  displayName: z.string().optional(),
  department: z.string().optional(),
  title: z.string().optional(),
  locationId: z.string().optional(),
  phoneNumber: z.string().optional(),
  extension: z.string().optional(),
});
export type UserFields = z.infer<typeof UserFields>;

/** The Webex user as the plan saw it: what apply compares with before it acts (changedSincePlan). */
export const SeenUser = UserFields.extend({
  id: z.string(),
  email: z.string(),
  /** False once deactivated (Webex answers the string "false"). */
  loginEnabled: z.boolean(),
});
export type SeenUser = z.infer<typeof SeenUser>;

/** Where in the roster a row came from, as its refusals name it: `lines.<line>` of a CSV, `users.<index>` of JSON. */
const rosterWhere = z.string().max(40);

export const PlanAction = z.object({
  kind: z.enum(ACTION_KINDS),
  /** The roster row the action comes from (none for a leave: the roster does not have the user). */
  where: rosterWhere.optional(),
  email: z.string(),
  userId: z.string().optional(),
  /** Only the fields the action changes (a join's `after` is the new user). */
  before: UserFields,
  after: UserFields,
  reason: z.string(),
  /** Null for a join: the plan saw no such user, and apply skips it if one exists by then. */
  seen: SeenUser.nullable(),
  /** For a join: the roster's row, as the Joiner takes it. */
  roster: z.record(z.string(), z.unknown()).optional(),
  /**
   * For a move of a user who has a number and is given none: the free number the plan set aside in the new
   * location, which the Mover takes only if Webex cannot move the user's own number (number-picks.ts).
   */
  fallbackPhoneNumber: z.string().optional(),
  /** For a leave. */
  leaverPolicy: leaverPolicy.optional(),
});
export type PlanAction = z.infer<typeof PlanAction>;

/** A difference the plan found and will not act on, with why (a move without allowMoves, a number taken). */
export const SkippedDifference = z.object({ kind: z.enum(ACTION_KINDS), where: rosterWhere.optional(), email: z.string(), userId: z.string().optional(), reason: z.string() });
export type SkippedDifference = z.infer<typeof SkippedDifference>;

const count = z.number().int();
export const ActionCounts = z.object({ join: count, enableCalling: count, move: count, updateProfile: count, leave: count });
export type ActionCounts = z.infer<typeof ActionCounts>;

export const ReconcilePlan = z.object({
  id: z.string(),
  createdAt: z.string(),
  scope: ReconcileScope,
  /** The scope's locations as the planner resolved them to ids: what apply checks every action against. */
  scopeLocationIds: z.array(z.string()).optional(),
  policy: z.object({ leaverPolicy, allowMoves: z.boolean(), thresholds: LeaverThresholds.required() }),
  /** Webex users in scope when the plan was made. */
  inScope: z.number().int(),
  /** In-scope users the roster has and Webex already matches. */
  unchanged: z.number().int(),
  /** Roster rows the scope does not govern (another domain or location, excluded, or the Webex user is out of scope). */
  rosterOutOfScope: z.number().int(),
  counts: ActionCounts,
  needsConfirmation: z.boolean(),
  actions: z.array(PlanAction),
  skipped: z.array(SkippedDifference),
  /** The names of the locations the actions and skips name, by id: reports show names (absent in older plans). */
  locationNames: z.record(z.string(), z.string()).optional(),
  /** SHA-256 over everything else (plan-digest.ts), written by the planner with the plan. */
  digest: z.string().optional(),
});
export type ReconcilePlan = z.infer<typeof ReconcilePlan>;
