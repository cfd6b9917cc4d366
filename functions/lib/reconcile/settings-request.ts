import { ValidationError } from '../errors';
import { ReconcilePlanInput, type LeaverThresholds } from './schemas';
import { planThresholds } from './threshold-ceiling';

/**
 * A plan request a stack setting gives (`reconcileSchedule`, `reconcileOnUpload`), checked with the schema of
 * POST /reconcile/plans and against the deployment's threshold ceiling; an Error naming `<setting>.<field>`, so
 * synth fails rather than the planner every night.
 */
export function checkedPlanRequest(setting: string, request: unknown, thresholdCeiling?: LeaverThresholds): ReconcilePlanInput {
  const parsed = ReconcilePlanInput.safeParse(request);
  if (!parsed.success) {
    throw new Error(`${setting} is invalid: ${parsed.error.issues.map((i) => `${setting}.${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  // The planner would refuse it every night: fail synth instead, naming the field.
  try {
    planThresholds(thresholdCeiling, parsed.data.thresholds);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new Error(`${setting} is invalid: ${error.fields.map((f) => `${setting}.${f.field}: ${f.message}`).join('; ')}`, { cause: error });
  }
  return parsed.data;
}
