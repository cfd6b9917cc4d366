import * as z from 'zod';

/** A running Distributed Map's progress, as GET answers it (state-machines/map-progress.ts computes it). */
export const MapProgressView = z.object({
  total: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  pending: z.number().int(),
  startedAt: z.string(),
  /** Seconds left at the pace so far; absent until an item has ended. */
  etaSeconds: z.number().int().optional(),
});
