// A namespace import lets esbuild drop what is unused (zod's locales alone are ~200 KB).
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
export type MoveErrorOrImpact = z.infer<typeof ErrorOrImpact>;

const ValidationResponse = z.looseObject({
  response: z.array(
    z.looseObject({
      userId: z.string(),
      impacts: z.array(ErrorOrImpact).default([]),
      errors: z.array(ErrorOrImpact).default([]),
    }),
  ),
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
  const entry = res.data.response.find((r) => r.userId === user.userId) ?? res.data.response[0];
  return { errors: entry?.errors ?? [], impacts: entry?.impacts ?? [] };
}

/** Starts the job. Not idempotent: a resent start is a second job (Webex answers 409 for a user being moved). */
export async function startMoveJob(client: WebexClient, locationId: string, users: MoveUser[]): Promise<MoveJob> {
  const res = await client.post(MOVE_JOBS, { body: body(locationId, false, users), schema: z.looseObject({ response: MoveJobSchema }), idempotent: false });
  return res.data.response;
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
