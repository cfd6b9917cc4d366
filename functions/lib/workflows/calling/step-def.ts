import type { EnableCallingResult } from '../../schemas/calling';
import type { EnableCallingState, StepPart } from './steps';
import type { WebexClient } from '../../webex/client';
import type { StepDeclarations } from '../task-steps';

export interface StepContext {
  client: WebexClient;
  /** WEBEX_CALLING_LICENSE: the calling license (name or id) used when the request names none. */
  defaultLicense: string;
}

/** The two paths a run's result lists steps for: enabling calling, or moving a calling user (`move: true`). */
export type CallingPath = 'enable' | 'move';

/**
 * One Enable Calling step: what its Task state runs, and, for a step the result lists, how the result
 * tells it is done and describes it. The table of these (steps.ts) is the one declaration of the steps.
 */
export interface CallingStepDef extends StepDeclarations {
  /**
   * The part of the state this step writes, its Task state's ResultPath (`$.<part>`); the part's schema is
   * in the step parts (ENABLE_CALLING_STEP_PARTS, MOVE_STEP_PARTS), from which EnableCallingState derives.
   */
  writes: StepPart;
  run(ctx: StepContext, state: EnableCallingState, executionName: string): unknown;
  /** A step that reads a move job: a job still running at the run's deadline is reported instead of polled again. */
  pollsMoveJob?: true;
  shown?: {
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
  };
}
