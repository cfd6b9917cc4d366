import * as z from 'zod';
import type { Env } from '../config';
import { maxConcurrency } from '../bulk/joiners';
import { ACTION_REQUESTS, NAMED_NUMBER_MOVE_REQUESTS } from '../bulk/request-figures';
import { LIFECYCLE_DETAIL_TYPES } from '../schemas/lifecycle-events';
import { PlanIntegrityError } from '../errors';
import type { ObjectStore } from '../storage/object-store';
import { actionExecutionName, RECONCILE_SOURCE } from './apply-execution';
import { numberNeed } from './number-picks';
import { verifyStoredPlan } from './plan-integrity';
import { readStoredPlan } from './plan-store';
import { thresholdCeiling } from './threshold-ceiling';
import { ACTION_KINDS, PlanAction, type ActionKind, type ReconcilePlan } from './schemas';

/**
 * What the ReconcileApply state machine runs (statemachines/reconcile-apply.asl.json): the plan's actions
 * as the Distributed Map's items, each with the machine that applies it (the existing Joiner, Mover,
 * Leaver or Enable Calling, reused as nested executions), its input, its execution name and the Webex
 * requests it asks the deployment's pacing budget for before it starts (pacing/budget.ts).
 */

/**
 * Webex requests one action makes when nothing fails, on warm functions: CheckAction's read of the user, then
 * its machine's steps (each row's `webex`, added up along the action's path by `npm run request-figures`,
 * scripts/request-figures.ts). test/integration/reconcile/apply-cost.test.ts counts them against the simulator
 * for every kind (SHOW_CALLS=1 lists them), so pacing cannot drift from the workflows. The plan names the number
 * a move lands on, or sets one aside (number-picks.ts), so a move makes no free-number look-up; one to a named
 * number skips the dry run that tells whether the user's own number travels.
 */
export const ACTION_WEBEX_REQUESTS: Record<ActionKind, number> = ACTION_REQUESTS;

/** Webex requests this action makes when nothing fails (ACTION_WEBEX_REQUESTS; a move to a named number, NAMED_NUMBER_MOVE_REQUESTS). */
export const actionRequests = (action: Pick<PlanAction, 'kind' | 'after'>) =>
  action.kind === 'move' && action.after.phoneNumber ? NAMED_NUMBER_MOVE_REQUESTS : ACTION_WEBEX_REQUESTS[action.kind];

/** The machine an action runs, by kind (definitions.ts ids). */
export const ACTION_MACHINES = {
  join: 'Joiner',
  enableCalling: 'EnableCalling',
  move: 'Mover',
  updateProfile: 'Mover',
  leave: 'Leaver',
} as const satisfies Record<ActionKind, string>;

export const ApplyItem = z.object({
  /** The action's index in the plan's `actions`: what the results are keyed by. */
  index: z.number().int().min(0),
  kind: z.enum(ACTION_KINDS),
  email: z.string(),
  /** Webex requests this action makes when nothing fails (actionRequests): what its Pace step draws from the budget. */
  requests: z.number().int().min(1),
  /** The nested execution's name. */
  executionName: z.string(),
  action: PlanAction,
  run: z.object({ machine: z.enum(Object.values(ACTION_MACHINES)), input: z.record(z.string(), z.unknown()) }),
});
export type ApplyItem = z.infer<typeof ApplyItem>;

/** One Distributed Map item: a user's actions, applied one after the other in plan order. */
export interface ApplyGroup {
  actions: ApplyItem[];
}

const defined = (o: Record<string, unknown>) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>;

/** The nested machine's input for an action: exactly what an HR event (or POST /users/{user}/calling) would give it. */
export function actionRun(action: PlanAction, executionName: string): ApplyItem['run'] {
  const origin = (detailType: string) => ({ eventId: executionName, source: RECONCILE_SOURCE, detailType });
  switch (action.kind) {
    case 'join':
      // The plan kept the roster's row as the Joiner takes it (joinerDetailWithDefaults).
      return { machine: ACTION_MACHINES[action.kind], input: { origin: origin(LIFECYCLE_DETAIL_TYPES.joined), detail: action.roster ?? {} } };
    case 'enableCalling': {
      const { locationId, phoneNumber, extension } = action.after;
      return {
        machine: ACTION_MACHINES[action.kind],
        input: defined({ user: action.userId, location: locationId, phoneNumber, extension, autoAssignNumber: !phoneNumber && !extension ? true : undefined }),
      };
    }
    case 'move': {
      const { locationId, phoneNumber, extension } = action.after;
      // The number set aside by the plan is the Mover's only if Webex cannot move the user's own (number-picks.ts).
      const fallbackPhoneNumber = phoneNumber ? undefined : action.fallbackPhoneNumber;
      return {
        machine: ACTION_MACHINES[action.kind],
        input: { origin: origin(LIFECYCLE_DETAIL_TYPES.moved), detail: defined({ email: action.email, location: locationId, phoneNumber, extension, fallbackPhoneNumber }) },
      };
    }
    case 'updateProfile': {
      const { firstName, lastName, displayName, department, title } = action.after;
      return {
        machine: ACTION_MACHINES[action.kind],
        input: { origin: origin(LIFECYCLE_DETAIL_TYPES.moved), detail: { email: action.email, profile: defined({ firstName, lastName, displayName, department, title }) } },
      };
    }
    case 'leave':
      // The policy the plan was made (and reviewed) with, whatever the deployment's default is now.
      return {
        machine: ACTION_MACHINES[action.kind],
        input: { origin: origin(LIFECYCLE_DETAIL_TYPES.left), detail: { email: action.email, policy: action.leaverPolicy ?? 'deactivate', policySource: 'event' } },
      };
  }
}

/** Webex requests the whole plan makes at best: what the route checks against the longest run. */
export const planRequests = (plan: Pick<ReconcilePlan, 'actions'>) => plan.actions.reduce((n, a) => n + actionRequests(a), 0);

/**
 * The location whose pool of free numbers an action draws from at apply time, if it takes "the first free
 * number" there: one that still needs a number by number-picks.ts's rule. A plan picks a distinct number for
 * each such action (or sets one aside for a move), so its actions draw from no pool; a stored plan whose
 * actions carry no picked number may still hold such actions, and two of them at once would pick the same number
 * (Webex refuses the second assignment or move job), so those run one after the other.
 */
export function numberPool(action: PlanAction): string | undefined {
  return numberNeed(action) ? action.after.locationId : undefined;
}

/**
 * The plan's actions as Map items, each item's actions run one after the other: one user's actions share an
 * item (a move and a profile update of one person both write it), and so do the actions that draw from one
 * location's pool of free numbers (numberPool). Items are in the order of their first action, so the Map
 * (which starts items in order) applies the plan in its order. Each action asks the shared pacing budget for
 * its requests when its turn comes (the Pace step), so the run goes at the rate Webex allows, shared with
 * every other run of the deployment, rather than on a schedule fixed when it started.
 */
export function applyGroups(plan: Pick<ReconcilePlan, 'actions'>, applyName: string): ApplyGroup[] {
  // Union-find over the actions: joined by user, and by number pool.
  const parent = plan.actions.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  const firstBy = new Map<string, number>();
  plan.actions.forEach((action, index) => {
    for (const key of [`user:${action.userId ?? action.email}`, ...(numberPool(action) ? [`pool:${numberPool(action)}`] : [])]) {
      const first = firstBy.get(key);
      if (first === undefined) firstBy.set(key, index);
      else {
        const [a, b] = [root(first), root(index)];
        parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const groups = new Map<number, ApplyGroup>();
  plan.actions.forEach((action, index) => {
    const key = root(index);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { actions: [] }));
    const executionName = actionExecutionName(applyName, index);
    group.actions.push({ index, kind: action.kind, email: action.email, requests: actionRequests(action), executionName, action, run: actionRun(action, executionName) });
  });
  // A group's key is its first action's index, so the Map order follows the plan's.
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, g]) => g);
}

export const applyKeys = (planId: string, applyName: string) => ({
  // Under applies/, which only the apply's steps may write (the bucket policy): the Map runs what it lists.
  items: `applies/${planId}.items.json`,
  // Under bulk-results/, which the bucket expires (infra/constructs/bulk-imports.ts): the raw files are not the report.
  resultsPrefix: `bulk-results/${applyName}`,
});

export interface PreparedApply {
  planId: string;
  bucket: string;
  itemsKey: string;
  resultsPrefix: string;
  maxConcurrency: number;
  /** Actions in the plan. */
  total: number;
  /** Items of the Map (users). */
  groups: number;
}

/** The execution's input as Prepare reads it (the route and autoApply give applyMachineInput; anyone else may give less). */
export const ApplyRunInput = z.object({
  planId: z.string(),
  digest: z.string().optional(),
  confirm: z.union([z.number(), z.string()]).optional(),
});

/**
 * Prepare: checks the stored plan is the one reviewed (plan-integrity.ts: every start of the machine comes
 * through here, so a PlanIntegrityError fails the run before any action), then writes the Map's items file
 * (a JSON array, what the ItemReader reads) and answers where it is.
 */
export async function prepareApply(
  store: ObjectStore,
  bucket: string,
  args: { planId: string; executionName: string; run: z.infer<typeof ApplyRunInput> },
  env: Env,
): Promise<PreparedApply> {
  const stored = await readStoredPlan(store, bucket, args.planId);
  const { run } = args;
  if (run.planId !== args.planId) throw new PlanIntegrityError(`plan ${args.planId}: the run was started for plan ${run.planId}; nothing was applied`);
  if (run.digest === undefined) throw new PlanIntegrityError(`plan ${args.planId}: the run was started without the digest of the plan it applies; nothing was applied (apply with POST /reconcile/plans/{id}/apply)`);
  const plan = verifyStoredPlan(stored, { planId: args.planId, digest: run.digest, confirmation: { confirm: run.confirm }, ceiling: thresholdCeiling(env) });
  const groups = applyGroups(plan, args.executionName);
  const keys = applyKeys(plan.id, args.executionName);
  await store.putText(bucket, keys.items, JSON.stringify(groups), 'application/json');
  return {
    planId: plan.id,
    bucket,
    itemsKey: keys.items,
    resultsPrefix: keys.resultsPrefix,
    maxConcurrency: maxConcurrency(env),
    total: plan.actions.length,
    groups: groups.length,
  };
}
