import { stepRequests, type StepDeclarations } from '../workflows/task-steps';
import type { PacingBudget } from './budget';

/**
 * Before a step of a run sends its Webex requests: its send slot in the shared budget for the requests its row
 * declares (the run was let in for all of them by its Pace step), waited for in the Lambda (at most a second).
 * A composition without a budget, or a step without Webex requests or whose requests scale with the organisation
 * (those wait per request), goes at once.
 */
export async function spaceStep(pacing: (() => PacingBudget) | undefined, row: StepDeclarations): Promise<void> {
  if (!pacing || !row.webex || !('calls' in row.webex)) return;
  await pacing().spaced(stepRequests(row));
}
