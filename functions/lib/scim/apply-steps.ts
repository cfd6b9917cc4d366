import * as z from 'zod';
import { clip } from '../errors';
import type { Env } from '../config';
import { LIFECYCLE_WEBEX_REQUESTS } from '../bulk/pacing';
import type { PacingBudget } from '../pacing/budget';
import { nestedExecutionFailure } from '../state-machines/nested-execution';
import type { WebexClient } from '../webex/client';
import { createUser } from '../workflows/users/create-user';
import { restoreSignIn } from '../workflows/users/restore-sign-in';
import { runTaskStep, stepRequests, taskStep, taskStepInput, type TaskStepInput, type TaskStepTable } from '../workflows/task-steps';
import { nextAction, targetOf, WebexTarget, type ApplyAction } from './apply-plan';
import { callingRules, scimDeactivatePolicy } from './calling-rules';
import type { ScimGroupState } from './schema';
import type { ScimItem, ScimStore } from './store';

/** What the ScimApply steps are given: the SCIM store, the settings (rules, policy), Webex (a user without calling) and the pacing budget. */
export interface ScimApplyStepContext {
  scim: () => ScimStore;
  env: () => Env;
  webex: () => WebexClient;
  pacing: () => PacingBudget;
  now?: () => Date;
}

/**
 * Webex requests one apply action makes when nothing fails, drawn from the deployment's pacing budget before it
 * starts: the createUser and restoreSignIn rows' own (their `webex`), the lifecycle machines' counts
 * (bulk/pacing.ts, each counted against the simulator).
 */
export function actionWebexRequests(action: Exclude<ApplyAction, { action: 'done' }>): number {
  switch (action.action) {
    case 'createUser':
      return CREATE_USER_WEBEX_REQUESTS;
    case 'joiner':
      return LIFECYCLE_WEBEX_REQUESTS.join;
    case 'restoreSignIn':
      return stepRequests(SCIM_APPLY_STEP_TABLE.restoreSignIn);
    case 'leaver':
      return LIFECYCLE_WEBEX_REQUESTS.leave;
    case 'mover':
      return action.input.detail.location === undefined ? LIFECYCLE_WEBEX_REQUESTS.updateProfile : LIFECYCLE_WEBEX_REQUESTS.move;
  }
}

/**
 * How long an apply holds a resource, renewed at every step: longer than the longest run it waits for without a
 * step of its own (the Mover, whose nested move may run an hour and be run again after each of its rate-limit waits,
 * within RunMover's TimeoutSeconds),
 * so that no other apply takes the user while one still runs and writes stay in order
 * (test/unit/scim/apply-lease.test.ts checks it against every Task of the ASL). A crashed apply's lease lapses;
 * the next write's apply, waiting for it (WaitForLease), then takes it.
 */
export const SCIM_LEASE_MS = 13 * 3_600_000;

const Resource = { resourceType: z.literal('User'), resourceId: z.string().min(1).max(128), owner: z.string().min(1).max(80) };

/**
 * The steps of statemachines/scim-apply.asl.json. `next` takes the resource's lease and answers the one action that
 * brings Webex to its latest requested state (apply-plan.ts), or `done` once nothing is left (the version recorded as
 * applied, the lease released, and read again after the release so that a write that found the lease held is not
 * left behind), or `held` while another apply holds the lease (the machine waits and asks again). `record` keeps
 * what an action did; `createUser` is the user without a calling location.
 */
export const SCIM_APPLY_STEP_TABLE = {
  next: taskStep(z.object(Resource), (ctx: ScimApplyStepContext, i) => next(ctx, i)),
  /**
   * The action's requests from the deployment's pacing budget, the lease renewed first (an apply waiting for its
   * slot keeps the user): `at` is when it may start, or, when not `granted`, when to ask again; the ASL's Wait
   * honours `at` either way. `leaseLost`: another apply took the user while this one waited (its lease had lapsed),
   * so this one asks `next` again rather than run.
   */
  pace: taskStep(z.object({ ...Resource, requests: z.number().int().min(1).max(100) }), async (ctx: ScimApplyStepContext, i) => {
    const now = ctx.now?.() ?? new Date();
    const lease = { owner: i.owner, until: new Date(now.getTime() + SCIM_LEASE_MS).toISOString() };
    if (!(await ctx.scim().takeLease(i.resourceType, i.resourceId, lease, now.toISOString()))) return { granted: false, leaseLost: true, at: now.toISOString() };
    // Spaced: the grant is the first request's slot; each action step waits for its own (runTaskStep), as the bulk runs'.
    const { grant } = await ctx.pacing().acquire(i.requests, true);
    return { granted: grant.granted, leaseLost: false, at: new Date(grant.granted ? grant.notBeforeMs : grant.retryAtMs).toISOString() };
  }),
  // The look-up by e-mail and the create (the CreateUser route's requests); licence names, where the org's
  // auto-assign template gave the new user some, from the reference cache.
  createUser: taskStep(z.object({ detail: z.object({ email: z.string(), firstName: z.string().optional(), lastName: z.string().optional(), displayName: z.string().optional(), department: z.string().optional(), title: z.string().optional() }) }), async (ctx: ScimApplyStepContext, i) => {
    const { created, user } = await createUser(ctx.webex(), { ...i.detail, ...(!i.detail.firstName && !i.detail.lastName && !i.detail.displayName ? { displayName: i.detail.email } : {}) });
    return { created, userId: user.id };
  }, { webex: { calls: ['GET /people', 'POST /people', { cached: 'GET /licenses' }] } }),
  // The look-up by e-mail, the read, the PUT and its read-back (users/restore-sign-in.ts).
  restoreSignIn: taskStep(z.object({ email: z.string() }), (ctx: ScimApplyStepContext, i) => restoreSignIn(ctx.webex(), i.email), {
    webex: { calls: ['GET /people', 'GET /people/{id}', 'PUT /people/{id}', 'GET /people/{id}'] },
  }),
  record: taskStep(
    z.object({ ...Resource, version: z.number().int(), outcome: z.enum(['applied', 'failed']), target: WebexTarget.optional(), failure: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional() }),
    async (ctx: ScimApplyStepContext, i) => {
      if (i.outcome === 'applied') {
        await ctx.scim().recordApplied(i.resourceType, i.resourceId, { appliedState: i.target as ScimItem['appliedState'] });
      } else {
        await ctx.scim().recordApplied(i.resourceType, i.resourceId, { appliedVersion: i.version, callingStatus: 'failed', lastError: failureText(i.failure) });
      }
      return { recorded: i.outcome };
    },
  ),
} satisfies TaskStepTable<ScimApplyStepContext>;

/** The createUser row's requests on a warm function (test/integration/scim/scim-pacing.test.ts counts them against the simulator). */
export const CREATE_USER_WEBEX_REQUESTS = stepRequests(SCIM_APPLY_STEP_TABLE.createUser);

type Next = (ReturnType<typeof nextAction> & { version?: number; requests?: number }) | { action: 'held' };

async function next(ctx: ScimApplyStepContext, i: { resourceType: 'User'; resourceId: string; owner: string }): Promise<Next> {
  const store = ctx.scim();
  const now = ctx.now?.() ?? new Date();
  const lease = { owner: i.owner, until: new Date(now.getTime() + SCIM_LEASE_MS).toISOString() };
  for (let round = 0; round < 3; round += 1) {
    // A member a group names that no user is (or no longer is) has nothing to wait for.
    if (!(await store.takeLease(i.resourceType, i.resourceId, lease, now.toISOString()))) return (await store.get(i.resourceType, i.resourceId)) ? { action: 'held' } : { action: 'done' };
    const item = await store.get(i.resourceType, i.resourceId);
    if (!item) return { action: 'done' };
    const action = await userAction(ctx, item);
    if (action.action !== 'done') return { ...action, version: item.version, requests: actionWebexRequests(action) };
    // Nothing left for this version: recorded, the lease released, and the resource read once more.
    if (!(item.callingStatus === 'failed' && item.appliedVersion >= item.version)) {
      await store.recordApplied(item.resourceType, item.id, { appliedVersion: item.version, callingStatus: 'applied' });
    }
    await store.releaseLease(i.resourceType, i.resourceId, i.owner);
    const after = await store.get(i.resourceType, i.resourceId);
    if (!after || after.version <= item.version) return { action: 'done' };
  }
  return { action: 'held' };
}

async function userAction(ctx: ScimApplyStepContext, item: ScimItem) {
  // A failed version waits for the next write: the same request would fail the same way.
  if (item.callingStatus === 'failed' && item.appliedVersion >= item.version) return { action: 'done' as const };
  const env = ctx.env();
  const groups = await groupsOf(ctx.scim(), item.id);
  const target = targetOf(item, callingRules(env), groups);
  const applied = item.appliedState ? WebexTarget.parse(item.appliedState) : undefined;
  return nextAction(item, target, applied, scimDeactivatePolicy(env), item.version);
}

/** The displayNames of the groups a user is a member of (every group read: pushed groups are few). */
async function groupsOf(store: ScimStore, userId: string): Promise<string[]> {
  const { items } = await store.list('Group', 1, 10_000);
  return items.filter((g) => (g.state as ScimGroupState).members?.some((m) => m.value === userId)).map((g) => (g.state as ScimGroupState).displayName);
}

/**
 * A failed run's error as `lastError`: the nested lifecycle run's own message where it has one (its outcome names
 * the step and Webex's answer), else the error's name; short, and never the run's input.
 */
function failureText(failure: { Error?: string; Cause?: string } | undefined): string {
  if (!failure) return 'the apply failed';
  const nested = nestedExecutionFailure(failure.Cause);
  let message = nested ? messageIn(nested.causeJson) ?? nested.cause : undefined;
  if (!message) {
    try {
      message = messageIn(JSON.parse(failure.Cause ?? ''));
    } catch {
      message = failure.Cause;
    }
  }
  return clip([nested?.error ?? failure.Error, message].filter(Boolean).join(': ') || 'the apply failed', 500);
}

/** The first `message` (or `errorMessage`) a failure's JSON holds, depth first. */
function messageIn(value: unknown, depth = 0): string | undefined {
  if (!value || typeof value !== 'object' || depth > 6) return undefined;
  const record = value as Record<string, unknown>;
  for (const key of ['message', 'errorMessage']) if (typeof record[key] === 'string') return record[key] as string;
  for (const v of Object.values(record)) {
    const found = typeof v === 'string' && v.startsWith('{') ? safeMessage(v, depth) : messageIn(v, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function safeMessage(text: string, depth: number): string | undefined {
  try {
    return messageIn(JSON.parse(text), depth + 1);
  } catch {
    return undefined;
  }
}

export const ScimApplyStepInput = taskStepInput(SCIM_APPLY_STEP_TABLE);
export type ScimApplyStepInput = TaskStepInput<typeof SCIM_APPLY_STEP_TABLE>;

export const runScimApplyStep = (ctx: ScimApplyStepContext, input: ScimApplyStepInput) => runTaskStep('scim apply', SCIM_APPLY_STEP_TABLE, ctx, input);
