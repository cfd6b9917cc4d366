import * as z from 'zod';
import { withRequestGate, type RequestGate } from '../webex/request-gate';
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
 * A Webex request as the Webex client sends it and the simulator logs it: the method and the path under /v1, with
 * `{id}` for a segment the request fills in (`GET /people/{id}`).
 */
export type WebexCall = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /${string}`;

/**
 * A read the reference-data cache answers on a warm function (webex/reference-data.ts): the pacing figures, made for
 * warm functions, leave it out; a run on a function that has not read it yet makes it (the fault matrices list it).
 */
export interface CachedCall {
  readonly cached: WebexCall;
}
export type StepCall = WebexCall | CachedCall;

/**
 * The Webex requests one run of a step makes when nothing fails, in the order it makes them: `calls`, or, where
 * the input or what Webex holds decides, the calls under each named condition (`when`). The pacing figures count
 * them along a machine's path (scripts/request-figures.ts); the fault matrices inject a fault on each in turn
 * (test/support/fault-matrix.ts). A step whose requests grow with the organisation (the reconcile plan's reads) says
 * with what instead (`scalesWith`); one that sends the request its input names (the guarded request), which
 * (`fromInput`). Route rows declare theirs the same way (http/route.ts).
 */
export type StepWebexRequests =
  | { readonly calls: readonly StepCall[]; readonly when?: Readonly<Record<string, readonly StepCall[]>> }
  | { readonly scalesWith: string }
  | { readonly fromInput: string };

/**
 * The calls of one run of a step under the named conditions (the first the row declares differently), none for a
 * step that calls no Webex. One that scales with the organisation has no such list: asking for it is an error.
 */
export function stepCalls(declares: StepDeclarations, conditions: readonly string[] = []): readonly StepCall[] {
  const webex = declares.webex;
  if (!webex) return [];
  if ('scalesWith' in webex) throw new Error(`a step whose Webex requests scale with ${webex.scalesWith} has no count`);
  if ('fromInput' in webex) throw new Error(`a row sending the request its input names (${webex.fromInput}) has no list of its own`);
  const when = conditions.find((c) => webex.when?.[c] !== undefined);
  return when === undefined ? webex.calls : (webex.when?.[when] as readonly StepCall[]);
}

/** The requests of one run of a step on a warm function (its cached reads left out), under the named conditions. */
export const stepRequests = (declares: StepDeclarations, conditions: readonly string[] = []): number =>
  stepCalls(declares, conditions).filter((call) => typeof call === 'string').length;

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
 * The port that gives a step the send slots of its Webex requests (pacing/budget.ts `PacingBudget.spaced`: the
 * deployment's shared budget, which the runs were let in on by their Pace steps), as the gate the Webex client waits
 * at before each request (webex/request-gate.ts), so the requests leave at the runs' rate one by one rather than
 * each step's back to back.
 */
export interface StepSpacing {
  spaced(requests: number): Promise<RequestGate>;
}

/**
 * What runTaskStep reads of a table's context: its pacing port, where its composition gives one (every step function
 * whose steps send a run's Webex requests). Absent: the steps go at once.
 */
export interface PacedStepContext {
  readonly pacing?: () => StepSpacing;
}

/**
 * Runs the payload's step (already checked against its row by taskHandler) through runStep: its error
 * leaves as a StepError under the error's own name. A row declaring its Webex requests (`calls`) first takes their
 * send slots from the context's pacing port, and runs with them as its requests' gate: each waits for its own
 * slot as the client sends it. A row without Webex requests, or whose requests scale with the organisation (those
 * wait per request, in the client), goes at once.
 */
export function runTaskStep<C extends PacedStepContext, T extends TaskStepTable<C>>(workflow: string, table: T, ctx: C, input: TaskStepInput<T>, options: TaskStepOptions = {}): Promise<unknown> {
  const row: TaskStep<C, StepFields> = table[input.step];
  const { adjust, ...log } = options;
  return runStep(input.step, { ...log, workflow }, async () => {
    if (!ctx.pacing || !row.webex || !('calls' in row.webex)) return row.run(ctx, input);
    const gate = await ctx.pacing().spaced(stepRequests(row));
    return withRequestGate(gate, () => row.run(ctx, input));
  }, adjust);
}
