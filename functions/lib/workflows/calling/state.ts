// A namespace import lets esbuild drop what is unused (as in schemas/calling.ts).
import * as z from 'zod';
import { CaughtError, EnableCallingRequest } from '../../schemas/calling';

/**
 * What the Enable Calling machine itself writes into the execution's JSON: Init's Pass state (the request,
 * the caller's deadline, the start), the Catch clauses (`failure`, `compensationError`) and the rate-limit
 * loop (`throttle`). The parts the steps write are their rows' (`writes`, steps.ts).
 */
export const MACHINE_PARTS = {
  request: EnableCallingRequest,
  /** POST /users/{user}/calling's deadline (ISO 8601), when it stops waiting (InitWithDeadline). */
  deadline: z.string().optional(),
  /** $$.Execution.StartTime: the machine's own TimeoutSeconds counts from it. */
  startedAt: z.string().optional(),
  /** This machine's own TimeoutSeconds (Init, from its definition): the Express and Standard machines differ. */
  timeoutSeconds: z.number().optional(),
  /** The rate-limit loop's count, caught error and Webex's wait: read by the ASL alone. */
  throttle: z.unknown().optional(),
  failure: CaughtError.optional(),
  compensationError: CaughtError.optional(),
};

/** The state document: the machine's parts and, each optional until its step has run, the steps' parts. */
export function enableCallingStateOf<P extends Record<string, z.ZodType>>(stepParts: P) {
  const optional = Object.fromEntries(Object.entries(stepParts).map(([name, schema]) => [name, schema.optional()])) as {
    [K in keyof P]: z.ZodOptional<P[K]>;
  };
  return z.looseObject({ ...MACHINE_PARTS, ...optional });
}
