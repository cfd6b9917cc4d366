import * as z from 'zod';
import { runStep, type StepLog } from './step-error';

/**
 * A step table for a machine whose Task states each send their own fields beside `step` (the bulk
 * machines: no shared state document): a row is the schema of those fields and the function given them.
 * The payload the Lambda accepts (one branch per row, on `step`) derives from the table, so a step is its
 * Task state and its row.
 */
export interface TaskStep<C, I extends z.ZodObject = z.ZodObject> {
  readonly input: I;
  // Method syntax: a table of rows with different inputs stays assignable to Record<string, TaskStep<C>>.
  run(ctx: C, input: z.infer<I>): unknown;
}

/** A row, its input inferred from its schema. */
export const taskStep = <C, I extends z.ZodObject>(input: I, run: (ctx: C, input: z.infer<I>) => unknown): TaskStep<C, I> => ({ input, run });

export type TaskStepTable<C> = Record<string, TaskStep<C, z.ZodObject>>;

/** The payload of any step of the table: that row's fields and its name. */
export type TaskStepInput<T extends TaskStepTable<never>> = { [S in keyof T & string]: z.infer<T[S]['input']> & { step: S } }[keyof T & string];

/** `{ step, …fields }`: one branch per row, so a payload is checked against its own step's schema. */
export function taskStepInput<T extends TaskStepTable<never>>(table: T): z.ZodType<TaskStepInput<T>> {
  const [first, ...rest] = Object.entries(table).map(([step, row]) => row.input.extend({ step: z.literal(step) }));
  if (!first) throw new Error('A step table needs a step');
  return z.discriminatedUnion('step', [first, ...rest]) as unknown as z.ZodType<TaskStepInput<T>>;
}

/** How runTaskStep logs a failed step (passed to runStep): `levelByStatus` puts faults and rate limits at warn. */
export type TaskStepOptions = Omit<StepLog, 'workflow'>;

/**
 * Runs the payload's step (already checked against its row by taskHandler) through runStep: its error
 * leaves as a StepError under the error's own name.
 */
export function runTaskStep<C, T extends TaskStepTable<C>>(workflow: string, table: T, ctx: C, input: TaskStepInput<T>, options: TaskStepOptions = {}): Promise<unknown> {
  const row: TaskStep<C, z.ZodObject> = table[input.step];
  return runStep(input.step, { ...options, workflow }, () => row.run(ctx, input));
}
