import * as z from 'zod';
import { e164, extension, locationRef, text, userRef } from './fields';

const enableCallingFields = {
  user: userRef,
  location: locationRef,
  phoneNumber: e164.optional(),
  extension: extension.optional(),
  autoAssignNumber: z.boolean().optional(),
  /** A calling license name or id; default WEBEX_CALLING_LICENSE, else Webex Calling - Professional. */
  license: text(256).optional(),
  /**
   * A user with Webex Calling in another location is moved there (Webex's move-users job: dry run,
   * job, read back) instead of answered with 409.
   */
  move: z.boolean().optional(),
  /**
   * With `move` and no `phoneNumber`: the number to land on when the user's own cannot move with them or they
   * have none, instead of the first free one (autoAssignNumber). It must be free in the new location.
   */
  fallbackPhoneNumber: e164.optional(),
};

/** The request as the state machine keeps it (`$.request`): the fields without the cross-field rules. */
export const EnableCallingRequest = z.strictObject(enableCallingFields);

/** POST /users/{user}/calling: also the state machine's input. */
export const EnableCallingInput = z
  .strictObject(enableCallingFields)
  // A move needs none of them: the user's number and extension travel where Webex carries them.
  .refine((r) => r.phoneNumber || r.extension || r.autoAssignNumber || r.move, {
    path: ['phoneNumber'],
    message: 'give phoneNumber, extension or autoAssignNumber: true (a Webex Calling user needs a number or an extension), or move: true',
  })
  .refine((r) => !(r.phoneNumber && r.autoAssignNumber), {
    path: ['autoAssignNumber'],
    message: 'cannot be combined with phoneNumber',
  })
  .refine((r) => !r.fallbackPhoneNumber || (r.move && !r.phoneNumber), {
    path: ['fallbackPhoneNumber'],
    message: 'only with move: true and without phoneNumber',
  });
export type EnableCallingInput = z.infer<typeof EnableCallingInput>;

// ---- what the steps pass each other through the execution's JSON ---------------------------------

export const ResolvedUser = z.object({
  id: z.string(),
  email: z.string().optional(),
  displayName: z.string().optional(),
  licenses: z.array(z.string()),
  calling: z.object({
    enabled: z.boolean(),
    locationId: z.string().optional(),
    primaryNumber: z.string().optional(),
    extension: z.string().optional(),
    /** Webex's work_extension (routing prefix + extension). */
    esn: z.string().optional(),
  }),
  /** A name Webex Calling may not take (callingNameWarning): said in the answer, never a refusal. */
  nameWarning: z.string().optional(),
});
export type ResolvedUser = z.infer<typeof ResolvedUser>;

export const ResolvedLocation = z.object({ id: z.string(), name: z.string() });
export type ResolvedLocation = z.infer<typeof ResolvedLocation>;

export const CallingUserView = z.object({
  id: z.string(),
  email: z.string().optional(),
  displayName: z.string().optional(),
  calling: z.object({
    enabled: z.boolean(),
    location: z.object({ id: z.string(), name: z.string().optional() }).optional(),
    primaryNumber: z.string().optional(),
    extension: z.string().optional(),
    esn: z.string().optional(),
    license: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  }),
});
export type CallingUserView = z.infer<typeof CallingUserView>;

export const CurrentCalling = z.object({
  alreadyEnabled: z.boolean(),
  detail: z.string(),
  /** Calling in another location and the request says `move: true`: the move path runs. */
  move: z.boolean().optional(),
  /** Already enabled as requested: the user as resolveUser read them, which is the result (nothing is written). */
  view: CallingUserView.optional(),
});

const MoveNote = z.object({ code: z.number(), message: z.string() });

/** The move dry run passed; what Webex said the move will change. */
export const MoveValidation = z.object({ impacts: z.array(MoveNote) });
export type MoveValidation = z.infer<typeof MoveValidation>;

/** The move-users job as last read; `phase` drives the state machine's poll loop. */
export const MoveJobState = z.object({
  id: z.string(),
  status: z.string(),
  exitCode: z.string().optional(),
  phase: z.enum(['running', 'completed']),
  /** Status reads so far; the loop is bounded by it. */
  polls: z.number(),
  /** The job was found already applied by an earlier attempt of the start step: not started again. */
  recovered: z.boolean().optional(),
  /**
   * Ended COMPLETED_WITH_PENDING_ORDERS ("Job has completed with pending number orders",
   * webex-user-call-settings-2-2.yml): the user is moved, their number may show only once its order completes.
   */
  pendingOrders: z.boolean().optional(),
});
export type MoveJobState = z.infer<typeof MoveJobState>;

export const ResolvedLicense = z.object({
  id: z.string(),
  name: z.string(),
  totalUnits: z.number().optional(),
  consumedUnits: z.number().optional(),
});
export type ResolvedLicense = z.infer<typeof ResolvedLicense>;

export const CallingTarget = z.object({
  phoneNumber: z.string().optional(),
  extension: z.string().optional(),
  autoAssigned: z.boolean(),
  /** A move that carries the user's current number to the new location (none is named to Webex). */
  keptNumber: z.boolean().optional(),
  /** Why the number is what it is, when that is not what was asked (a number that could not travel). */
  note: z.string().optional(),
});
export type CallingTarget = z.infer<typeof CallingTarget>;

export const Assignment = z.object({
  applied: z.boolean(),
  webexStatus: z.number().optional(),
  /** An earlier attempt of this step was applied although it failed; nothing was sent twice. */
  recovered: z.boolean(),
  /**
   * The number assigned instead of the target's, when the auto-assigned one was taken by a concurrent run between
   * the choice and the assignment (the next free one was taken); `taken` lists those lost that way.
   */
  phoneNumber: z.string().optional(),
  taken: z.array(z.string()).optional(),
});
export type Assignment = z.infer<typeof Assignment>;

/** What a failed run leaves on the user. */
export const Remaining = z.object({
  license: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  location: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  phoneNumber: z.string().optional(),
  extension: z.string().optional(),
  /** False when Webex could not be read and this is what was requested, not what was seen. */
  confirmed: z.boolean(),
});
export type Remaining = z.infer<typeof Remaining>;

export const Compensation = z.object({
  action: z.enum(['none', 'removed', 'failed']),
  detail: z.string(),
  remaining: Remaining.optional(),
});
export type Compensation = z.infer<typeof Compensation>;

/** A Catch clause's output: the error name and its cause (Lambda's error payload, as JSON text). */
export const CaughtError = z.object({ Error: z.string(), Cause: z.string().optional() });

// The Enable Calling state (EnableCallingState) is derived from its steps' parts: workflows/calling/parts.ts.

// ---- the workflow's result -------------------------------------------------------------------------

export const STEP_STATUSES = ['completed', 'applied', 'skipped', 'failed', 'compensated', 'not-run'] as const;

export const ErrorDetail = z.object({
  code: z.string(),
  message: z.string(),
  httpStatus: z.number(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  webexStatus: z.number().optional(),
  trackingId: z.string().optional(),
  retryAfterSeconds: z.number().optional(),
});
export type ErrorDetail = z.infer<typeof ErrorDetail>;

export const EnableCallingResult = z.object({
  /** RUNNING: the run outlasted the request; `statusUrl` reports it (GET /users/{user}/calling/{executionName}). */
  status: z.enum(['SUCCEEDED', 'FAILED', 'RUNNING']),
  executionName: z.string(),
  statusUrl: z.string().optional(),
  /** False when the user already had calling with the requested location and number; absent when unknown (timeouts). */
  changed: z.boolean().optional(),
  user: CallingUserView.optional(),
  /**
   * The calling location the request named (by name or by id), as resolved: present once it was found, so a
   * failure after that (a number of another location, a refused license) still names it.
   */
  location: ResolvedLocation.optional(),
  steps: z.array(z.object({ name: z.string(), status: z.enum(STEP_STATUSES), detail: z.string().optional() })),
  error: ErrorDetail.optional(),
  compensation: Compensation.optional(),
  /** After a failure: what this run left on the user (null: nothing). */
  remaining: Remaining.nullable().optional(),
});
export type EnableCallingResult = z.infer<typeof EnableCallingResult>;

/** Names of the Standard Enable Calling executions the API starts (executionNameFor). */
export const ENABLE_CALLING_EXECUTION_NAME = /^enable-calling-[A-Za-z0-9_-]{1,65}$/;

/** GET /users/{user}/calling/{executionName}. */
export const EnableCallingRunRef = z.strictObject({
  user: userRef,
  executionName: z.string().regex(ENABLE_CALLING_EXECUTION_NAME, 'must be an execution name POST /users/{user}/calling answered (enable-calling-…)'),
});
export type EnableCallingRunRef = z.infer<typeof EnableCallingRunRef>;
