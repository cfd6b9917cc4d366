import type { CallingPath, CallingStepDef } from '../functions/lib/workflows/calling/step-def';
import { ENABLE_CALLING_STEP_TABLE } from '../functions/lib/workflows/calling/steps';
import { LIFECYCLE_PATHS, LIFECYCLE_STEP_TABLE, type LifecycleStep } from '../functions/lib/workflows/lifecycle/steps';
import { stepCalls, type StepCall, type StepDeclarations } from '../functions/lib/workflows/task-steps';

/**
 * The Webex requests a whole run makes, from the step rows along its path: what the pacing figures count
 * (scripts/request-figures.ts) and the fault matrices inject faults on (test/integration/faults). Kept out of
 * functions/, where no function imports it: it carries every calling and lifecycle step.
 */

/** One request of a run, and the step whose row declares it. */
export interface FlowCall {
  step: string;
  call: StepCall;
}

/** A row on a run's path, the conditions it runs under and how many times it runs. */
export interface PathStep {
  step: string;
  row: StepDeclarations;
  when?: readonly string[];
  times?: number;
}

export const pathCalls = (path: readonly PathStep[]): FlowCall[] =>
  path.flatMap(({ step, row, when, times = 1 }) => Array.from({ length: times }, () => stepCalls(row, when).map((call) => ({ step, call }))).flat());

/**
 * Status reads of Webex's move job until it ends, as the simulator runs it (STARTING, then two reads): the
 * cost tests count them. A real job may take more; the pacing budget's 429 feedback covers the difference.
 */
const MOVE_JOB_STATUS_READS = 2;

const calling: Record<string, CallingStepDef> = ENABLE_CALLING_STEP_TABLE;

/**
 * Enable Calling's rows on one path of its result, in the table's order (a move reads its job
 * MOVE_JOB_STATUS_READS times). `alreadyEnabled`: the run ends after checkCurrentCalling (the ASL's IsAlreadyEnabled).
 */
export function callingPath(path: CallingPath, when: readonly string[] = [], options: { alreadyEnabled?: boolean } = {}): PathStep[] {
  const rows = Object.entries(calling).filter(([, row]) => row.shown?.paths.includes(path));
  const end = options.alreadyEnabled ? rows.findIndex(([step]) => step === 'checkCurrentCalling') + 1 : rows.length;
  return rows.slice(0, end).map(([step, row]) => ({ step, row, when, times: step === 'checkMoveJob' ? MOVE_JOB_STATUS_READS : 1 }));
}

/**
 * Where a flow runs Enable Calling as a nested execution, as its ASL has it: after which step (the Task reading
 * `$.user.callingRequest`), on which path of Enable Calling's result.
 */
const NESTED_CALLING: Partial<Record<keyof typeof LIFECYCLE_PATHS, { after: LifecycleStep; path: CallingPath }>> = {
  joiner: { after: 'joinerCreateUser', path: 'enable' },
  mover: { after: 'moverPrepare', path: 'move' },
};

/**
 * A lifecycle flow's rows in the order it runs them, its nested Enable Calling's (under `callingWhen`) in their
 * place; `callingWhen` false: a run without it (a mover without a location change).
 */
export function lifecyclePath(flow: keyof typeof LIFECYCLE_PATHS, when: readonly string[] = [], callingWhen: readonly string[] | false = when): PathStep[] {
  const nested = callingWhen === false ? undefined : NESTED_CALLING[flow];
  return LIFECYCLE_PATHS[flow].flatMap((step: LifecycleStep) => [
    { step, row: LIFECYCLE_STEP_TABLE[step], when },
    ...(nested?.after === step ? callingPath(nested.path, callingWhen || []) : []),
  ]);
}
