import { lambdaPacing } from '../lib/aws/lambda-activity';
import { pacedLambdaWebex } from '../lib/aws/lambda-webex';
import { taskHandler } from '../lib/http/api-handler';
import { ReconcileApplyCheckInput, runApplyCheckStep, type ApplyCheckContext } from '../lib/reconcile/apply-steps';
import type { Deps } from '../lib/runtime/deps';

/**
 * The ReconcileApply state machine's CheckAction (never behind API Gateway): re-reads the action's user in
 * Webex and answers whether it changed since the plan. No bucket access: its table's context has none.
 * Given the pacing budget, its read first waits for its send slot in it (runTaskStep).
 */
export const createHandler = ({ webex, pacing }: Pick<Deps, 'webex'> & Partial<Pick<Deps, 'pacing'>>) => {
  const ctx: ApplyCheckContext = { client: webex, pacing };
  return taskHandler({
    input: ReconcileApplyCheckInput,
    run: (input) => runApplyCheckStep(ctx, input),
  });
};

// Its read is spaced by, and its 429s reported to, the deployment's pacing budget.
export const handler = createHandler({ webex: pacedLambdaWebex(lambdaPacing.pacing).webex, ...lambdaPacing });
