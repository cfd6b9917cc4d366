import { v5 as uuidV5 } from 'uuid';
import { planExecutionName } from './plan-run';

/**
 * The plan id of a scheduled run, derived from the schedule and the time it was due
 * (`<aws.scheduler.schedule-arn>`, `<aws.scheduler.scheduled-time>`: docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html):
 * EventBridge Scheduler sends both unchanged on every retry of one invocation, so a retried start derives the
 * same id and names the same `plan-<id>` execution, which Step Functions runs once. A name-based uuid
 * (RFC 9562 version 5) is a plan id like any other (a uuid), and `plan-<uuid>` is 41 characters.
 */

/** The namespace of the suite's scheduled plan ids (a fixed uuid: the same inputs give the same id in every deployment). */
export const SCHEDULED_PLAN_NAMESPACE = '6f1e9a52-3c1d-4b7e-9a0f-5d2c8b4e7a13';

/** Scheduler's time format, e.g. 2022-03-22T18:59:43Z. */
const SCHEDULED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function scheduledPlanId(scheduleArn: string, scheduledTime: string): { planId: string; executionName: string } {
  if (!SCHEDULED_TIME.test(scheduledTime)) throw new Error(`scheduledTime must be Scheduler's UTC time such as 2022-03-22T18:59:43Z (got ${JSON.stringify(scheduledTime).slice(0, 60)})`);
  const planId = uuidV5(`${scheduleArn}\n${scheduledTime}`, SCHEDULED_PLAN_NAMESPACE);
  return { planId, executionName: planExecutionName(planId) };
}
