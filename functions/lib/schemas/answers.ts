// A namespace import lets esbuild drop what is unused (zod's locales alone are ~200 KB).
import * as z from 'zod';
import { ADD_NUMBER_STATUSES, UserNumbersView } from './numbers';
import { UserView } from './users';

/**
 * The bodies the API answers with, where no workflow schema already describes them: route rows declare them as
 * their responses, the OpenAPI document is built from them, and the integration tests check every answer
 * against that document.
 */

const idName = z.object({ id: z.string(), name: z.string().optional() });

/** POST /users: the user, and whether this request created them (false: the e-mail existed already). */
export const CreatedUserView = UserView.extend({ created: z.boolean() });

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

/** GET /connection: expiry times and the last rotation, never a token. */
export const ConnectionView = z.object({
  status: z.enum(['healthy', 'refresh-token-expiring', 'access-token-expired', 'disconnected', 'not-connected', 'static-token']),
  organisation: z.object({ name: z.string().optional(), id: z.string().optional() }).optional(),
  accessTokenExpiresAt: z.string().optional(),
  refreshTokenExpiresAt: z.string().optional(),
  accessTokenDaysLeft: z.number().optional(),
  refreshTokenDaysLeft: z.number().optional(),
  lastRotation: z.looseObject({}).optional(),
  message: z.string(),
});

/** An execution a route started: STARTED, or DUPLICATE when one of that name had been started before. */
export const StartedView = z.object({
  stateMachine: z.string(),
  executionName: z.string(),
  executionArn: z.string().optional(),
  status: z.enum(['STARTED', 'DUPLICATE']),
});

/** POST /events. */
export const EventRoutedView = StartedView.extend({ eventId: z.string(), detailType: z.string() });

/** POST /bulk/joiners. */
export const BulkStartedView = StartedView.extend({ users: z.number().int(), maxConcurrency: z.number().int(), statusUrl: z.string() });

/** POST /bulk/joiners/csv. */
export const BulkCsvStartedView = StartedView.extend({ key: z.string(), rows: z.number().int(), maxConcurrency: z.number().int(), statusUrl: z.string() });

export const BulkUserResult = z.object({
  index: z.number().int(),
  email: z.string(),
  status: z.enum(['SUCCEEDED', 'FAILED']),
  userId: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type BulkUserResult = z.infer<typeof BulkUserResult>;

const counts = { executionName: z.string(), total: z.number().int(), succeeded: z.number().int(), failed: z.number().int() };
/** A JSON run's report: every user. */
export const BulkJoinersReport = z.object({ ...counts, results: z.array(BulkUserResult) });
export type BulkJoinersReport = z.infer<typeof BulkJoinersReport>;
/** A CSV run's report: the counts, where the full report is, and the first failures. */
export const BulkJoinersCsvReport = z.object({
  ...counts,
  report: z.object({ bucket: z.string(), json: z.string(), csv: z.string() }),
  failures: z.array(BulkUserResult),
});
export type BulkJoinersCsvReport = z.infer<typeof BulkJoinersCsvReport>;

/** GET /bulk/joiners/{executionName}. */
export const BulkJoinersStatusView = z.object({
  executionName: z.string(),
  status: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']),
  startDate: z.string().optional(),
  stopDate: z.string().optional(),
  /** Once SUCCEEDED: the per-user report, or for a CSV run its summary and where the full report is. */
  report: z.union([BulkJoinersReport, BulkJoinersCsvReport]).optional(),
  error: z.string().optional(),
  cause: z.string().optional(),
});
export type BulkJoinersStatus = z.infer<typeof BulkJoinersStatusView>;

/** POST /webex/requests: a dry run, one answer, or every page of a listing. */
export const WebexRequestView = z.union([
  z.object({
    dryRun: z.literal(true),
    request: z.object({ method: z.string(), url: z.string(), operation: z.string(), query: z.record(z.string(), z.unknown()), body: z.unknown().optional() }),
  }),
  z.object({ status: z.number().int(), items: z.array(z.unknown()), count: z.number().int(), truncated: z.boolean(), cursor: z.string().optional() }),
  z.object({ status: z.number().int(), trackingId: z.string().optional(), data: z.unknown().optional() }),
]);
export type WebexRequestResult = z.infer<typeof WebexRequestView>;

/** GET /webex/operations. */
export const WebexOperationsView = z.object({
  total: z.number().int(),
  operations: z.array(z.object({ method: z.string(), path: z.string(), summary: z.string().optional(), scopes: z.array(z.string()), body: z.boolean() })),
  nextOffset: z.number().int().optional(),
});
export type WebexOperationsView = z.infer<typeof WebexOperationsView>;
