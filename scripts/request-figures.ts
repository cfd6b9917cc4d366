import { RECONCILE_APPLY_CHECK_TABLE } from '../functions/lib/reconcile/apply-steps';
import type { ActionKind } from '../functions/lib/reconcile/schemas';
import { callingPath, lifecyclePath, pathCalls, type PathStep } from './flow-calls';

/**
 * The pacing figures (functions/lib/bulk/request-figures.ts), added up from the step rows' `webex` declarations
 * along the path each joiner or reconcile action takes. They are written into a module of plain numbers, not
 * computed where they are used, because the functions that pace (the bulk and reconcile steps, the bulk start
 * routes) would otherwise carry every calling and lifecycle step in their bundles. `npm run request-figures`
 * writes it; test/unit/bulk/request-figures.test.ts fails when it is not current.
 */

export const REQUEST_FIGURES_FILE = 'functions/lib/bulk/request-figures.ts';

// Requests a warm function makes: its cached reads left out.
const sum = (path: PathStep[]) => pathCalls(path).filter(({ call }) => typeof call === 'string').length;

/** CheckAction's re-read, before every reconcile action. */
const checkAction: PathStep = { step: 'checkAction', row: RECONCILE_APPLY_CHECK_TABLE.checkAction };

export function requestFigures() {
  // A joiner names its location (by name or id: the bulk CSV and reconcile rosters by name) and its number or extension.
  const joiner = sum(lifecyclePath('joiner'));
  // The Mover moving a calling user (the plan gives the location's id, cached; no profile change).
  const move = (when: string[]) => sum([checkAction, ...lifecyclePath('mover', ['noProfileChange', ...when], ['locationById', ...when])]);
  const actions: Record<ActionKind, number> = {
    join: sum([checkAction]) + joiner,
    enableCalling: sum([checkAction, ...callingPath('enable', ['locationById'])]),
    move: move([]),
    updateProfile: sum([checkAction, ...lifecyclePath('mover', [], false)]),
    // The deployment's default policy, deactivate.
    leave: sum([checkAction, ...lifecyclePath('leaverDeactivate')]),
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
