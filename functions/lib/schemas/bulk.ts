import * as z from 'zod';
import { UserJoinedDetail } from './lifecycle-events';

/**
 * Users per request. The Step Functions state limit (256 KB) must hold the input and the report, and
 * the API takes bodies up to 64 KB (MAX_BODY_BYTES) anyway, ~400–700 typical joiners; larger batches
 * are the CSV-in-S3 / Distributed Map path's job.
 */
export const BULK_JOINERS_MAX_USERS = 500;

/** POST /bulk/joiners: each user is a `Webex User Joined` detail. */
export const BulkJoinersInput = z
  .strictObject({
    users: z
      .array(UserJoinedDetail)
      .min(1, 'give at least one user')
      .max(BULK_JOINERS_MAX_USERS, `at most ${BULK_JOINERS_MAX_USERS} users per request`),
    /** Names the execution: a request retried with the same key never runs twice. Default: a hash of the users. */
    idempotencyKey: z.string().trim().min(1, 'must not be empty').max(128, 'must be at most 128 characters').optional(),
  })
  .superRefine((input, ctx) => {
    const seen = new Map<string, number>();
    input.users.forEach((user, i) => {
      const key = user.email.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else ctx.addIssue({ code: 'custom', path: ['users', i, 'email'], message: `duplicate of users.${first}.email (each user once per request)` });
    });
  });
export type BulkJoinersInput = z.infer<typeof BulkJoinersInput>;

export const BULK_EXECUTION_NAME = /^bulk-[A-Za-z0-9_-]{1,75}$/;

/** GET /bulk/joiners/{executionName}. */
export const BulkJoinersRef = z.strictObject({
  executionName: z.string().regex(BULK_EXECUTION_NAME, 'must be an execution name POST /bulk/joiners answered (bulk-…)'),
});

/**
 * POST /bulk/joiners/csv: a CSV file already in the imports bucket (BULK_IMPORTS_BUCKET), one joiner a
 * row (columns: functions/lib/bulk/csv.ts).
 */
export const BulkJoinersCsvInput = z.strictObject({
  /** The object key in the imports bucket, e.g. `joiners/2026-11-30.csv`. */
  key: z
    .string()
    .trim()
    .min(1, 'must be the object key of a CSV file in the imports bucket')
    .max(1024, 'must be at most 1024 characters')
    .refine((k) => !k.split('/').includes('..'), { message: 'must not contain ".." segments' }),
  /** Names the execution; default: the file's key and content (ETag), so the same upload never runs twice. */
  idempotencyKey: z.string().trim().min(1, 'must not be empty').max(128, 'must be at most 128 characters').optional(),
});
export type BulkJoinersCsvInput = z.infer<typeof BulkJoinersCsvInput>;
