// A namespace import lets esbuild drop what is unused (zod's locales alone are ~200 KB).
import * as z from 'zod';

/** The deployment's shared Webex pacing budget as it stands (functions/lib/pacing/): what a running job shows. */
export const PaceView = z.object({
  /** The organisation's Webex rate as the controller has found it, requests a second. */
  requestsPerSecond: z.number(),
  /** What the runs may draw of it: the rest is left to interactive calls. */
  runRequestsPerSecond: z.number(),
  /** Requests Webex answered 429, counted by the budget since it was first written. */
  rateLimited: z.number().int(),
});
export type PaceView = z.infer<typeof PaceView>;
