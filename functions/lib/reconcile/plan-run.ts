import { CSV_MAX_BYTES } from '../bulk/csv-joiners';
import type { ExecutionStatus } from '../state-machines/execution-status';
import { executionName } from '../state-machines/execution-name';
import type { ExecutionStarter } from '../state-machines/starter';
import { followExecution, type FollowDeps } from '../state-machines/follow-execution';
import type { ObjectStore } from '../storage/object-store';
import type { ApiResult } from '../workflows/error-status';
import { errorDetailFromCause } from '../workflows/step-error';
import type { PlanSummary } from './plan-store';
import { rosterFromCsv, rosterFromUsers } from './roster';
import type { ReconcilePlanInput } from './schemas';
import type { UploadedObject } from './upload-plan';

/**
 * POST /reconcile/plans: the roster checked here (a bad row is a 400 naming `lines.<line>.<column>`, and
 * nothing starts, nothing reaches Webex), then the ReconcilePlan Standard execution `plan-<id>` started and
 * followed while the request can wait — planning reads the whole org, which can outlast API Gateway's 29 s.
 */

/** The ReconcilePlan execution of a plan (the reconcile contract: `plan-<planId>`; a uuid leaves it 41 characters). */
export const planExecutionName = (planId: string) => executionName('plan-', planId);

export const planStatusUrl = (planId: string) => `/reconcile/plans/${planId}`;
export const planApplyUrl = (planId: string) => `/reconcile/plans/${planId}/apply`;

/**
 * The ReconcilePlan machine's input. `planId` is absent for a scheduled run (the machine makes one);
 * `autoApply` is the schedule's (false from the API): with it, the machine starts ReconcileApply for a plan
 * that needs no confirmation (statemachines/reconcile-plan.asl.json, StartApply).
 */
export interface PlanMachineInput {
  planId?: string;
  request: ReconcilePlanInput;
  autoApply: boolean;
  /** A scheduled start's `<aws.scheduler.schedule-arn>` and `<aws.scheduler.scheduled-time>`: the plan id derives from them. */
  scheduleArn?: string;
  scheduledTime?: string;
  /** A roster upload's object (reconcileOnUpload): the plan id derives from it (upload-plan.ts). */
  upload?: UploadedObject;
}

/** The machine's output on success: the stored plan's summary. */
interface PlanMachineOutput {
  planId: string;
  plan: PlanSummary;
}

/**
 * The roster as the planner will read it, refused before anything starts: the CSV's every row through the
 * bulk joiners' preflight (`lines.<line>.<column>`), JSON users each once (`users.<i>.email`). The Task
 * reads it again (the file could change in between, and a scheduled run has no route in front of it).
 */
export async function preflightRoster(store: ObjectStore, bucket: string, input: ReconcilePlanInput): Promise<{ rows: number }> {
  if (input.users) return { rows: rosterFromUsers(input.users).length };
  const { text } = await store.getText(bucket, input.key as string, { maxBytes: CSV_MAX_BYTES });
  return { rows: rosterFromCsv(text).length };
}

export interface PlanRunDeps extends FollowDeps {
  starter: ExecutionStarter;
}

/**
 * Starts the plan's execution and follows it until `deadlineMs` from now: ended → its answer (201 with
 * the summary, or the planner's error at its status); still running → 202 with where to follow it.
 */
export async function startPlan(deps: PlanRunDeps, input: ReconcilePlanInput, options: { planId: string; deadlineMs: number }): Promise<ApiResult> {
  const { planId } = options;
  const name = planExecutionName(planId);
  const machineInput: PlanMachineInput = { planId, request: input, autoApply: false };
  await deps.starter.start('ReconcilePlan', machineInput, name);
  const status = await followExecution(deps, name, options.deadlineMs);
  return status ? endedAnswer(planId, status) : { statusCode: 202, body: planning(planId) };
}

export const planning = (planId: string) => ({ id: planId, status: 'PLANNING' as const, statusUrl: planStatusUrl(planId) });

/** 201 with the plan's summary and where to read and apply it. */
export function createdAnswer(summary: PlanSummary): ApiResult {
  return { statusCode: 201, body: { ...summary, status: 'planned', statusUrl: planStatusUrl(summary.id), applyUrl: planApplyUrl(summary.id) } };
}

/** A plan execution that ended: its summary, or the planner's error with the status the error → status table gives it. */
export function endedAnswer(planId: string, status: ExecutionStatus): ApiResult {
  if (status.status === 'SUCCEEDED') {
    const output = status.output as Partial<PlanMachineOutput> | undefined;
    if (output?.plan && output.plan.id === planId) return createdAnswer(output.plan);
    return failedAnswer(planId, { code: 'InvalidWorkflowOutput', message: 'The plan execution succeeded but returned no plan', httpStatus: 500 });
  }
  return failedAnswer(planId, planFailure(status));
}

/** Why a plan execution did not succeed: the Task's error through the step-error Cause parser. */
export function planFailure(status: ExecutionStatus): { code: string; message: string; httpStatus: number; fields?: { field: string; message: string }[] } {
  if (status.status === 'TIMED_OUT') return { code: 'PlanTimedOut', message: 'Planning did not finish in time: nothing was changed in Webex; plan again', httpStatus: 504 };
  if (status.status === 'ABORTED') return { code: 'PlanAborted', message: 'The plan execution was stopped: nothing was changed in Webex', httpStatus: 500 };
  const { code, message, httpStatus, fields } = errorDetailFromCause(status.error ?? 'States.Runtime', status.cause);
  return { code, message, httpStatus, ...(fields ? { fields } : {}) };
}

function failedAnswer(planId: string, error: ReturnType<typeof planFailure>): ApiResult {
  const { httpStatus, ...rest } = error;
  return { statusCode: httpStatus, body: { id: planId, status: 'FAILED', error: rest } };
}
