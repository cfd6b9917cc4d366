import * as z from 'zod';
import type { WebexClient } from './client';

/**
 * Webex's move-users job (webex-api.md §4.8, webex-user-call-settings-2-2.yml): the only way to change
 * a calling user's location. `validate: true` is a dry run for one calling user; `validate: false`
 * starts an asynchronous job whose status is polled.
 */

const MOVE_JOBS = '/telephony/config/jobs/person/moveLocation';

export interface MoveUser {
  userId: string;
  phoneNumber?: string;
  extension?: string;
}

const ErrorOrImpact = z.looseObject({ code: z.number(), message: z.string() });

const UserOutcome = z.looseObject({
  userId: z.string().optional(),
  impacts: z.array(ErrorOrImpact).nullish().transform((v) => v ?? []),
  errors: z.array(ErrorOrImpact).nullish().transform((v) => v ?? []),
});

/**
 * The POST answer comes in two shapes. Cisco's document (webex-user-call-settings-2-2.yml,
 * MoveUsersValidationResponse / MoveUsersStartJobResponse) has `response: [{userId, impacts, errors}]`
 * for the dry run and `response: {id, latestExecutionStatus, …}` for the start; wxc_sdk reads
 * `response: {usersList: [{userId, impacts, errors}], jobDetails: {id, …}}` for both
 * (wxc_sdk/telephony/jobs/__init__.py, StartMoveUsersJobResponse; asserted on a live org in
 * tests/test_telephony_move_users_jobs.py). Both are accepted.
 */
const ValidationResponse = z.looseObject({
  response: z.union([z.array(UserOutcome), z.looseObject({ usersList: z.array(UserOutcome).nullish() })]),
});
const JOB_STATUSES = ['STARTING', 'STARTED', 'COMPLETED', 'FAILED', 'UNKNOWN', 'ABANDONED'] as const;
const EXIT_CODES = ['UNKNOWN', 'COMPLETED', 'FAILED', 'STOPPED', 'COMPLETED_WITH_ERRORS', 'COMPLETED_WITH_PENDING_ORDERS'] as const;

export const MoveJobSchema = z.looseObject({
  id: z.string(),
  /** The TrackingID of the request that started the job. */
  trackingId: z.string().optional(),
  latestExecutionStatus: z.enum(JOB_STATUSES),
  latestExecutionExitCode: z.enum(EXIT_CODES).optional(),
  counts: z.looseObject({ totalMoves: z.number(), moved: z.number(), failed: z.number(), pending: z.number(), skipped: z.number() }).partial().optional(),
});
export type MoveJob = z.infer<typeof MoveJobSchema>;

const JobErrors = z.looseObject({
  items: z
    .array(
      z.looseObject({
        item: z.string().optional(),
        error: z
          .looseObject({
            key: z.string().optional(),
            message: z.array(z.looseObject({ description: z.string().optional(), code: z.string().optional() })).default([]),
          })
          .optional(),
      }),
    )
    .default([]),
});

const body = (locationId: string, validate: boolean, users: MoveUser[]) => ({ usersList: [{ locationId, validate, users }] });

/** The dry run: what would stop (errors) or change (impacts) moving this calling user. Changes nothing. */
export async function validateMove(client: WebexClient, locationId: string, user: MoveUser) {
  const res = await client.post(MOVE_JOBS, { body: body(locationId, true, [user]), schema: ValidationResponse, idempotent: true });
  const outcomes = Array.isArray(res.data.response) ? res.data.response : (res.data.response.usersList ?? []);
  const entry = outcomes.find((r) => r.userId === user.userId) ?? outcomes[0];
  return { errors: entry?.errors ?? [], impacts: entry?.impacts ?? [] };
}

// The documented shape first: `jobDetails` is wxc_sdk's (see ValidationResponse).
const StartResponse = z.looseObject({
  response: z.union([MoveJobSchema, z.looseObject({ jobDetails: MoveJobSchema, usersList: z.array(UserOutcome).nullish() })]),
});

/**
 * Starts the job. Not idempotent: a resent start is a second job (Webex answers 409 for a user being
 * moved). An answer we cannot read is a WebexResponseShapeError: the job may well have started, and the
 * caller must look for it (listRecentMoveJobs) rather than start it again.
 */
export async function startMoveJob(client: WebexClient, locationId: string, users: MoveUser[]): Promise<MoveJob> {
  const res = await client.post(MOVE_JOBS, { body: body(locationId, false, users), schema: StartResponse, idempotent: false });
  const answer = res.data.response as MoveJob | { jobDetails: MoveJob };
  return 'jobDetails' in answer && answer.jobDetails ? (answer.jobDetails as MoveJob) : (answer as MoveJob);
}

/** The org's move jobs, most recent first (Webex's order): one page, which holds a job just started. */
export async function listRecentMoveJobs(client: WebexClient): Promise<MoveJob[]> {
  const res = await client.get(MOVE_JOBS, { query: { max: 100 }, schema: z.looseObject({ items: z.array(MoveJobSchema).default([]) }) });
  return res.data.items;
}

export async function getMoveJob(client: WebexClient, jobId: string): Promise<MoveJob> {
  const res = await client.get(`${MOVE_JOBS}/${encodeURIComponent(jobId)}`, { schema: MoveJobSchema });
  return res.data;
}

/** The job's errors, one line per message: `[Error 27966] …` with the user it concerns. */
export async function listMoveJobErrors(client: WebexClient, jobId: string): Promise<{ userId?: string; code?: string; message: string }[]> {
  const res = await client.get(`${MOVE_JOBS}/${encodeURIComponent(jobId)}/errors`, { schema: JobErrors });
  return res.data.items.flatMap((item) =>
    (item.error?.message ?? []).map((m) => ({ userId: item.item, code: m.code, message: m.description ?? `error ${m.code ?? item.error?.key ?? 'unknown'}` })),
  );
}
