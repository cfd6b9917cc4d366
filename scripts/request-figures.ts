import { RECONCILE_APPLY_CHECK_TABLE } from '../functions/lib/reconcile/apply-steps';
import type { ActionKind } from '../functions/lib/reconcile/schemas';
import type { CallingPath, CallingStepDef } from '../functions/lib/workflows/calling/step-def';
import { ENABLE_CALLING_STEP_TABLE } from '../functions/lib/workflows/calling/steps';
import { LIFECYCLE_PATHS, LIFECYCLE_STEP_TABLE } from '../functions/lib/workflows/lifecycle/steps';
import { stepRequests, type StepDeclarations } from '../functions/lib/workflows/task-steps';

/**
 * The pacing figures (functions/lib/bulk/request-figures.ts), added up from the step rows' `webex` declarations
 * along the path each joiner or reconcile action takes. They are written into a module of plain numbers, not
 * computed where they are used, because the functions that pace (the bulk and reconcile steps, the bulk start
 * routes) would otherwise carry every calling and lifecycle step in their bundles. `npm run request-figures`
 * writes it; test/unit/bulk/request-figures.test.ts fails when it is not current.
 */

export const REQUEST_FIGURES_FILE = 'functions/lib/bulk/request-figures.ts';

/** A row, the conditions it runs under and how many times it runs. */
type PathStep = { row: StepDeclarations; when?: readonly string[]; times?: number };

/**
 * Status reads of Webex's move job until it ends, as the simulator runs it (STARTING, then two reads): the
 * cost tests count them. A real job may take more; the pacing budget's 429 feedback covers the difference.
 */
const MOVE_JOB_STATUS_READS = 2;

const calling: Record<string, CallingStepDef> = ENABLE_CALLING_STEP_TABLE;
/** Enable Calling's rows on one path of its result, in the table's order (a move reads its job MOVE_JOB_STATUS_READS times). */
const callingPath = (path: CallingPath, when: readonly string[]): PathStep[] =>
  Object.entries(calling)
    .filter(([, row]) => row.shown?.paths.includes(path))
    .map(([step, row]) => ({ row, when, times: step === 'checkMoveJob' ? MOVE_JOB_STATUS_READS : 1 }));

const lifecycle = (flow: keyof typeof LIFECYCLE_PATHS, when: readonly string[] = []): PathStep[] =>
  LIFECYCLE_PATHS[flow].map((step) => ({ row: LIFECYCLE_STEP_TABLE[step], when }));

const sum = (path: PathStep[]) => path.reduce((n, { row, when, times = 1 }) => n + times * stepRequests(row, when), 0);

/** CheckAction's re-read, before every reconcile action. */
const checkAction: PathStep = { row: RECONCILE_APPLY_CHECK_TABLE.checkAction };

export function requestFigures() {
  // A joiner names its location (by name or id: the bulk CSV and reconcile rosters by name) and its number or extension.
  const joiner = sum([...lifecycle('joiner'), ...callingPath('enable', [])]);
  // The Mover moving a calling user (the plan gives the location's id, cached; no profile change).
  const move = (when: string[]) => sum([checkAction, ...lifecycle('mover', ['noProfileChange', ...when]), ...callingPath('move', ['locationById', ...when])]);
  const actions: Record<ActionKind, number> = {
    join: sum([checkAction]) + joiner,
    enableCalling: sum([checkAction, ...callingPath('enable', ['locationById'])]),
    move: move([]),
    updateProfile: sum([checkAction, ...lifecycle('mover')]),
    // The deployment's default policy, deactivate.
    leave: sum([checkAction, ...lifecycle('leaverDeactivate')]),
  };
  return { joiner, actions, moveToNamedNumber: move(['numberNamed']) };
}

export function renderRequestFigures(): string {
  const { joiner, actions, moveToNamedNumber } = requestFigures();
  return `// Written by \`npm run request-figures\` (scripts/request-figures.ts) from the step rows' Webex requests: do not edit.

/** Webex requests one joiner makes when nothing fails, on warm functions: the Joiner's steps and Enable Calling's. */
export const JOINER_REQUESTS = ${joiner};

/** Webex requests one reconcile action makes when nothing fails, on warm functions: CheckAction's read, then its machine's steps. */
export const ACTION_REQUESTS = { ${Object.entries(actions).map(([kind, n]) => `${kind}: ${n}`).join(', ')} } as const;

/** A move to a number the plan names: no dry run to see whether the user's own number travels. */
export const NAMED_NUMBER_MOVE_REQUESTS = ${moveToNamedNumber};
`;
}
