import { NotFoundError } from '../errors';
import { ObjectNotFoundError, REPORT_URL_SECONDS, type ObjectStore } from '../storage/object-store';
import type { PlanReportUrl } from './answers';
import { planKeys, readPlan } from './plan-store';
import { resultKeys } from './results-schema';


async function urlIfStored(store: ObjectStore, bucket: string, key: string): Promise<string | undefined> {
  try {
    return await store.readUrl(bucket, key, REPORT_URL_SECONDS);
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return undefined;
    throw error;
  }
}

/** GET /reconcile/plans/{id}/report: a short-lived URL of the plan's HTML report, the apply's once it has run. */
export async function planReportUrl(store: ObjectStore, bucket: string, id: string): Promise<PlanReportUrl> {
  // Validates the id and answers 404 for a plan never stored, before any URL is made.
  await readPlan(store, bucket, id);
  const apply = await urlIfStored(store, bucket, resultKeys(id).html);
  if (apply) return { url: apply, report: 'apply', expiresInSeconds: REPORT_URL_SECONDS };
  const plan = await urlIfStored(store, bucket, planKeys(id).html);
  if (plan) return { url: plan, report: 'plan', expiresInSeconds: REPORT_URL_SECONDS };
  throw new NotFoundError(`Plan ${id} has no HTML report (it was made before reports were written): plan again`);
}
