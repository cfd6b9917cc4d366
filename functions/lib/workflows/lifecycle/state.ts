import * as z from 'zod';
import { LifecycleOrigin } from '../../schemas/lifecycle-events';
import { CaughtError } from '../../schemas/calling';

/**
 * What every lifecycle execution's JSON starts with: the event's origin and detail (validated by the
 * router against its detail type; each step parses the detail it needs), and a Catch clause's error.
 */
export const lifecycleStateBase = {
  origin: LifecycleOrigin,
  detail: z.looseObject({ email: z.string() }),
  failure: CaughtError.optional(),
};

/** A nested Enable Calling execution's part (the Task state's ResultSelector): its output, read by the outcome. */
export const NestedCalling = z.object({ executionArn: z.string().optional(), result: z.unknown() });

/** The payload a lifecycle Task state sends: the state is re-read by the flow's own schema (joiner.ts, mover.ts, leaver.ts). */
export const LifecycleEnvelope = z.looseObject(lifecycleStateBase);
