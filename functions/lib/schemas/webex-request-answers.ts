import * as z from 'zod';

/**
 * What the guarded Webex request and its operations list answer: their rows' responses declare these schemas, the OpenAPI document is built from them, and the
 * integration tests check every answer against that document. A module per kind of route, so that a function's
 * bundle carries only its own.
 */

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
