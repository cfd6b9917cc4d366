// A namespace import lets esbuild drop what is unused (as in schemas/calling.ts).
import * as z from 'zod';
import type { EnableCallingResult } from '../../schemas/calling';
import type { WebexClient } from '../../webex/client';
import { taskStep, type PacedStepContext, type StepDeclarations, type TaskStep } from '../task-steps';
import { EnableCallingState, type StepPart } from './parts';

/** `pacing`: each request of a step waits for its own send slot (runTaskStep), where the composition gives the budget. */
export interface StepContext extends PacedStepContext {
  client: WebexClient;
  /** WEBEX_CALLING_LICENSE: the calling license (name or id) used when the request names none. */
  defaultLicense: string;
}

/** The two paths a run's result lists steps for: enabling calling, or moving a calling user (`move: true`). */
export type CallingPath = 'enable' | 'move';

/** How the result lists a step: on which paths, how it tells the step is done, and in what words. */
export interface CallingShown {
  /** The result's paths this step is listed on, in the table's order. */
  paths: readonly CallingPath[];
  /** Done once the run's state has the part the step writes (`writes`), unless the step says otherwise. */
  done?(state: EnableCallingState): boolean;
  status: Extract<EnableCallingResult['steps'][number]['status'], 'completed' | 'applied'>;
  detail(state: EnableCallingState): string | undefined;
  /** Skipped when the user already has the requested calling setup. */
  skippedWhenEnabled?: true;
  /** Reported "compensated" when the run's undo removed what it applied. */
  undoneByCompensation?: true;
}

/** What every Enable Calling Task state sends beside `step`: the execution's JSON, and its name for the result. */
export const CallingStepFields = z.strictObject({ state: EnableCallingState, executionName: z.string().optional() });

/**
 * One Enable Calling step, a row of the table (steps.ts): a TaskStep over the execution's JSON that says which part
 * of it the step writes (`writes`: its Task's ResultPath; the part's schema is in ENABLE_CALLING_STEP_PARTS, from
 * which EnableCallingState derives) and, for a step the result lists, how (`shown`).
 */
export interface CallingStepDef extends TaskStep<StepContext, typeof CallingStepFields> {
  readonly writes: StepPart;
  readonly shown?: CallingShown;
}

/** A row: its function given the state (and the execution's name), with what the row declares. */
export const callingStep = (
  row: StepDeclarations & {
    writes: StepPart;
    run: (ctx: StepContext, state: EnableCallingState, executionName: string) => unknown;
    shown?: CallingShown;
  },
): CallingStepDef => {
  const { run, ...declares } = row;
  return { ...declares, ...taskStep(CallingStepFields, (ctx: StepContext, input) => run(ctx, input.state, input.executionName ?? 'unknown')) };
};
