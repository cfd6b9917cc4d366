import * as z from 'zod';

/**
 * What the routes that start an execution answer: their rows' responses declare these schemas, the OpenAPI document is built from them, and the
 * integration tests check every answer against that document. A module per kind of route, so that a function's
 * bundle carries only its own.
 */

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
