import { MAX_EXECUTION_NAME, NESTED_SUFFIX_RESERVE } from '../state-machines/execution-name';

/**
 * Names of a plan's apply: the ReconcileApply execution is named from the plan id alone, so applying the
 * same plan twice starts the same name with the same input (`{ planId }`): Step Functions runs it once
 * (StartExecution answers the running one; a closed one is ExecutionAlreadyExists), and the starter port
 * answers DUPLICATE. Each action's nested execution is `<apply name>-<action index>`, unique in the run and
 * the same if the item is retried.
 */

export const APPLY_EXECUTION_PREFIX = 'reconcile-';

export function applyExecutionName(planId: string): string {
  return `${APPLY_EXECUTION_PREFIX}${planId}`;
}

export function actionExecutionName(applyName: string, index: number): string {
  return `${applyName}-${index}`;
}

/**
 * A plan holds at most a roster's 10,000 rows of actions plus its leavers (another 10,000 in the worst
 * case): `reconcile-<uuid>-<index>` and the Joiner's `-calling` must fit Step Functions' 80 characters.
 */
export const MAX_APPLY_ACTIONS = 100_000;
const LONGEST = `${applyExecutionName('00000000-0000-0000-0000-000000000000')}-${MAX_APPLY_ACTIONS - 1}`.length + NESTED_SUFFIX_RESERVE;
if (LONGEST > MAX_EXECUTION_NAME) throw new Error(`reconcile execution names reach ${LONGEST} characters, over ${MAX_EXECUTION_NAME}`);

/** `source` of the events the nested lifecycle executions publish for an apply's actions (their origin). */
export const RECONCILE_SOURCE = 'webex-provisioning.reconcile';

/** The Completed / Failed events of an apply, on the lifecycle bus (source LIFECYCLE_RESULT_SOURCE, as the lifecycle outcomes). */
export const RECONCILE_RESULT_DETAIL_TYPES = {
  completed: 'Webex Reconcile Completed',
  failed: 'Webex Reconcile Failed',
} as const;
