import type * as z from 'zod';
import type { StepDeclarations } from '../workflows/task-steps';

/**
 * What invokes a function that is neither a route nor a Task function: its trigger as the stack wires it
 * (infra/constructs/), the one fact a reader needs to know what its event looks like.
 */
export type FunctionTrigger = 'EventBridge rule' | 'EventBridge Scheduler' | 'API Gateway authorizer' | 'DynamoDB stream';

/**
 * One invocation of the function as its trigger delivers it, against the simulator's demo org, that does the
 * function's real work and succeeds: the cold-start bench serves it (bench/row-invocations.ts) and the
 * integration tests run it.
 */
export interface FunctionSample {
  readonly event: unknown;
  /** The conditions it meets in the row's Webex requests (`when`); none: the row's `calls`. */
  readonly conditions?: readonly string[];
  /**
   * The secrets it reads beside the Webex secret, by the environment variable the stack names each one's ARN in,
   * each the value stored there (the SCIM token's digests for the authorizer).
   */
  readonly secrets?: Readonly<Record<string, string>>;
}

/**
 * The row of a Lambda function that has no route row and no step row (the lifecycle router, the schedules, the
 * authorizer, the stream consumer): its trigger, the Webex requests one invocation makes (`webex`, declared as a
 * step row declares them: absent for a function that makes none), what its handler parses of the event, and a
 * sample event. Declared once, `export const functionRow = defineFunctionRow({ … })` in
 * `functions/<folder>/function-row.ts` beside the handler module it names, and found by functions/function-rows.ts.
 * It is a file of its own, not the handler module, because a Lambda bundle is its handler module's: the sample (and
 * what builds it) stays out of the function's bundle and cold start.
 */
export interface FunctionRow extends StepDeclarations {
  /** The construct id the stack names the Lambda by (the cold bench's row); its description is the stack's. */
  readonly id: string;
  /** The handler module, relative to the repository root. */
  readonly entry: string;
  readonly trigger: FunctionTrigger;
  /** What the handler parses of its event, the sample checked against it; absent where it reads nothing of it (a schedule's tick). */
  readonly event?: z.ZodType;
  /** Made on each call: a sample may carry a fresh token or a time. */
  sample(): FunctionSample;
}

/** Declares a function row. */
export const defineFunctionRow = <const R extends FunctionRow>(row: R): R => row;
