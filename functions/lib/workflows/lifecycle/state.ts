import * as z from 'zod';
import { LifecycleOrigin } from '../../schemas/lifecycle-events';
import { CaughtError } from '../../schemas/calling';

/**
 * A rate-limit wait's working part (the machines' Throttled … Resume states write it): the Lambda error that
 * caught the limit, Webex's wait, and a nested run's failure. The steps never read it; BuildOutcome keeps it
 * whole because the Webex TrackingIDs it carries belong in the run's activity record.
 */
const ThrottlePart = z.object({
  count: z.number().int().optional(),
  error: CaughtError.optional(),
  /** The step's error payload (FirstWait / CountWait), and what ReadRetryAfter and the calling waits read from it. */
  payload: z.unknown().optional(),
  detail: z.unknown().optional(),
  /** The nested Enable Calling run's failure as its Cause carries it (ReadCallingFailure / ReadCallingRetryAfter). */
  child: z.unknown().optional(),
});

/**
 * What every lifecycle execution's JSON holds besides its flow's parts: the event's origin and detail (its
 * own schema: the flow's), the rate-limit wait's part, and a Catch clause's error. Objects, not loose: a
 * step returns only its own part (the Task's ResultPath), so what the parse leaves out never leaves the
 * machine's JSON; every key the steps or the outcome read is declared here or in the flow's schema.
 */
export const lifecycleState = <D extends z.ZodType<{ email: string }>, P extends z.ZodRawShape>(detail: D, parts: P) =>
  z.object({ origin: LifecycleOrigin, detail, throttle: ThrottlePart.optional(), failure: CaughtError.optional(), ...parts });

/**
 * The detail as BuildOutcome reads it: the event's own, or for a run whose first step refused the detail
 * (an execution started by hand) the e-mail alone, so that the Failed event is published all the same.
 */
export const outcomeDetail = <D extends z.ZodType<{ email: string }>>(detail: D) =>
  z.union([detail, z.looseObject({ email: z.string() }).transform(({ email }) => ({ email, refused: true as const }))]);

/** A nested Enable Calling execution's part (the Task state's ResultSelector): its output, read by the outcome. */
export const NestedCalling = z.object({ executionArn: z.string().optional(), result: z.unknown() });

/** Enable Calling's input as the steps build it: without the keys left undefined (the nested machine's JSON has none). */
export const definedFields = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
