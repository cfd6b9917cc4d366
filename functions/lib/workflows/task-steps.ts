import * as z from 'zod';
import { runStep, type StepError, type StepLog } from './step-error';

/**
 * A row of a machine's step table: the schema of the fields its Task state sends beside `step` and the function
 * given them (Enable Calling's and the lifecycle machines' rows all take the execution's JSON: `callingStep`,
 * `lifecycleStep`; the bulk, reconcile and SCIM machines' rows their own fields). The payload the Lambda accepts
 * (one branch per row, on `step`) derives from the table, so a step is its Task state and its row.
 */
export interface TaskStep<C, I extends StepFields = StepFields> extends StepDeclarations {
  readonly input: I;
  // Method syntax: a table of rows with different inputs stays assignable to Record<string, TaskStep<C>>.
  run(ctx: C, input: z.infer<I>): unknown;
}

/**
 * What a row says of its step beside what it runs. `webex`: the Webex requests the step makes, absent when it
 * makes none. Its Task state's Retry and Catch follow from it (Webex faults retried, rate limits waited out),
 * which test/unit/state-machines/asl-follows-tables.test.ts checks for every table.
 */
export interface StepDeclarations {
  readonly webex?: StepWebexRequests;
}

/**
 * The Webex requests one run of a step makes when nothing fails, on warm functions (cached reference data
 * read from the cache): `requests`, or, where the input decides, the count under each named condition
 * (`when`). The pacing figures add these up along a machine's path (scripts/request-figures.ts). A step whose requests
 * grow with the organisation (the reconcile plan's reads) says with what instead (`scalesWith`).
 */
export type StepWebexRequests =
  | { readonly requests: number; readonly when?: Readonly<Record<string, number>> }
  | { readonly scalesWith: string };

/**
 * The requests of one run of a step under the named conditions (the first the row counts differently), 0 for
 * a step that calls no Webex. One that scales with the organisation has no such figure: asking for it is an error.
 */
export function stepRequests(declares: StepDeclarations, conditions: readonly string[] = []): number {
  const webex = declares.webex;
  if (!webex) return 0;
  if (!('requests' in webex)) throw new Error(`a step whose Webex requests scale with ${webex.scalesWith} has no count`);
  const when = conditions.find((c) => webex.when?.[c] !== undefined);
  return when === undefined ? webex.requests : (webex.when?.[when] as number);
}

/**
 * The fields a row's Task state sends beside `step`: an object, or one object per value of a field the state
 * sends (a row shared by several machines, each sending its own state: `flow`).
 */
export type StepFields = z.ZodObject | z.ZodDiscriminatedUnion<readonly z.ZodObject[]>;

/** A row, its input inferred from its schema. */
export const taskStep = <C, I extends StepFields>(input: I, run: (ctx: C, input: z.infer<I>) => unknown, declares: StepDeclarations = {}): TaskStep<C, I> => ({
  input,
  run,
  ...declares,
});

export type TaskStepTable<C> = Record<string, TaskStep<C, StepFields>>;

/** The payload of any step of the table: that row's fields and its name. */
export type TaskStepInput<T extends TaskStepTable<never>> = { [S in keyof T & string]: z.infer<T[S]['input']> & { step: S } }[keyof T & string];

/** `{ step, …fields }`: one branch per row, so a payload is checked against its own step's schema. */
export function taskStepInput<T extends TaskStepTable<never>>(table: T): z.ZodType<TaskStepInput<T>> {
  const [first, ...rest] = Object.entries(table).map(([step, row]) => withStep(row.input, step));
  if (!first) throw new Error('A step table needs a step');
  return z.discriminatedUnion('step', [first, ...rest]) as unknown as z.ZodType<TaskStepInput<T>>;
}

/** A row's fields with its `step`: a row with one object per value of a field gets `step` on each. */
function withStep(fields: StepFields, step: string) {
  if (fields instanceof z.ZodObject) return fields.extend({ step: z.literal(step) });
  const [first, ...rest] = fields.options.map((o) => o.extend({ step: z.literal(step) }));
  if (!first) throw new Error(`The step ${step} needs a schema`);
  return z.discriminatedUnion(fields.def.discriminator, [first, ...rest]);
}

/**
 * How runTaskStep logs a failed step (passed to runStep): `levelByStatus` puts faults and rate limits at warn;
 * `adjust` may rewrite the error as it leaves (Enable Calling marks a rate limit past the run's deadline).
 */
export type TaskStepOptions = Omit<StepLog, 'workflow'> & { adjust?: (wire: StepError) => void };

/**
 * Runs the payload's step (already checked against its row by taskHandler) through runStep: its error
 * leaves as a StepError under the error's own name.
 */
export function runTaskStep<C, T extends TaskStepTable<C>>(workflow: string, table: T, ctx: C, input: TaskStepInput<T>, options: TaskStepOptions = {}): Promise<unknown> {
  const row: TaskStep<C, StepFields> = table[input.step];
  const { adjust, ...log } = options;
  return runStep(input.step, { ...log, workflow }, () => row.run(ctx, input), adjust);
}
