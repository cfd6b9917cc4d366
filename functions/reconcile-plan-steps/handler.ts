import * as z from 'zod';
import { lambdaEnv } from '../lib/aws/lambda-env';
import { lambdaWebex } from '../lib/aws/lambda-webex';
import { s3ObjectStore } from '../lib/aws/s3-object-store';
import { taskHandler } from '../lib/http/api-handler';
import { createReconcilePlan } from '../lib/reconcile/create-plan';
import { reconcilePlanDefaults } from '../lib/reconcile/plan-defaults';
import { planIdField } from '../lib/reconcile/plan-route-schemas';
import type { Deps } from '../lib/runtime/deps';
import { importsBucket } from '../lib/storage/imports-bucket';
import { runStep } from '../lib/workflows/step-error';

/** The CreatePlan Task's payload: the plan id the execution carries, and the request as POST (or the schedule) gave it. */
const ReconcilePlanStepInput = z.object({
  step: z.literal('createPlan'),
  planId: planIdField,
  // Checked by the planner itself (createReconcilePlan validates it), so its 400 names the request's own fields.
  request: z.unknown(),
});

/**
 * The ReconcilePlan state machine's Task function (never behind API Gateway): reads the roster (the CSV
 * from the imports bucket, or the JSON users) and the organisation, diffs them and stores the plan as
 * `plans/<id>.json` and `.csv`; answers the plan's summary. Nothing in Webex changes. Its error leaves as
 * a StepError (the planner's status and fields in its message), which POST and GET read back from the
 * execution's Cause. Repeating it (a Retry) rewrites the same plan under the same id.
 */
export const createHandler = ({ env, objectStore, webex }: Pick<Deps, 'env' | 'objectStore' | 'webex'>) =>
  taskHandler({
    input: ReconcilePlanStepInput,
    run: (input) =>
      runStep('createPlan', { workflow: 'reconcile', levelByStatus: true }, async () => {
        const settings = env();
        const { summary } = await createReconcilePlan(
          { client: webex(), store: objectStore(), bucket: importsBucket(settings), defaults: reconcilePlanDefaults(settings), newId: () => input.planId },
          input.request,
        );
        return summary;
      }),
  });

export const handler = createHandler({ env: lambdaEnv, objectStore: s3ObjectStore, webex: lambdaWebex.webex });
