// A namespace import lets esbuild drop what is unused (zod's locales alone are ~200 KB).
import * as z from 'zod';
import { csvField } from '../bulk/csv-joiners';
import { HTML_CONTENT_TYPE } from '../reports/html';
import { fieldsText, planHtml } from './report-html';
import { StoredObjectInvalidError, ValidationError } from '../errors';
import { ObjectNotFoundError, type ObjectStore } from '../storage/object-store';
import { ReconcileResults, resultKeys } from './results-schema';
import { ReconcilePlan, type ActionCounts } from './schemas';

/** Plans as JSON (what apply reads) and CSV (what a person reviews), in the imports bucket under `plans/`. */

/** A plan id: a uuid (what POST /reconcile/plans makes), so nothing else can name a key. */
export const PLAN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PLAN_ID_MESSAGE = 'must be a plan id (a uuid) that POST /reconcile/plans answered';

/** A route's `id`: a uuid, so it can name no other key of the bucket. */
export const planIdField = z.string().regex(PLAN_ID, PLAN_ID_MESSAGE);

export function planKeys(id: string): { json: string; csv: string; html: string } {
  return { json: `plans/${id}.json`, csv: `plans/${id}.csv`, html: `plans/${id}.html` };
}

/** The API's answer: everything but the actions, which are in the bucket. */
export interface PlanSummary {
  id: string;
  createdAt: string;
  needsConfirmation: boolean;
  /** The value apply wants as `confirm` when the plan needs confirmation: its number of leavers. */
  confirmWith?: number;
  counts: ActionCounts;
  unchanged: number;
  inScope: number;
  rosterOutOfScope: number;
  skipped: number;
  plan: { bucket: string; json: string; csv: string; html: string };
}

export function planSummary(plan: ReconcilePlan, bucket: string): PlanSummary {
  return {
    id: plan.id,
    createdAt: plan.createdAt,
    needsConfirmation: plan.needsConfirmation,
    ...(plan.needsConfirmation ? { confirmWith: plan.counts.leave } : {}),
    counts: plan.counts,
    unchanged: plan.unchanged,
    inScope: plan.inScope,
    rosterOutOfScope: plan.rosterOutOfScope,
    skipped: plan.skipped.length,
    plan: { bucket, ...planKeys(plan.id) },
  };
}

/**
 * One row an action (status `planned`) or a difference left alone (status `skipped`); `where` is the roster
 * row (`lines.<line>` of a CSV, `users.<index>` of JSON, as a refusal names it), the location ids last.
 */
export function planCsv(plan: ReconcilePlan): string {
  const names = plan.locationNames ?? {};
  const lines = ['status,kind,email,userId,before,after,reason,where,beforeLocationId,afterLocationId'];
  for (const a of plan.actions) {
    lines.push(['planned', a.kind, a.email, a.userId, fieldsText(a.before, names), fieldsText(a.after, names), a.reason, a.where, a.before.locationId, a.after.locationId].map(csvField).join(','));
  }
  for (const s of plan.skipped) lines.push(['skipped', s.kind, s.email, s.userId, '', '', s.reason, s.where].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export async function savePlan(store: ObjectStore, bucket: string, plan: ReconcilePlan): Promise<PlanSummary> {
  const keys = planKeys(plan.id);
  await store.putText(bucket, keys.json, `${JSON.stringify(plan)}\n`, 'application/json');
  await store.putText(bucket, keys.csv, planCsv(plan), 'text/csv');
  await store.putText(bucket, keys.html, planHtml(plan), HTML_CONTENT_TYPE);
  return planSummary(plan, bucket);
}

/** A stored plan by id (a uuid: nothing else can name a key); ObjectNotFoundError (404) when there is none. */
export async function readPlan(store: ObjectStore, bucket: string, id: string): Promise<ReconcilePlan> {
  if (!PLAN_ID.test(id)) throw new ValidationError([{ field: 'id', message: PLAN_ID_MESSAGE }]);
  const { text } = await store.getText(bucket, planKeys(id).json);
  return ReconcilePlan.parse(JSON.parse(text));
}

/** Where apply writes a plan's results (`ReconcileResults`, results-schema.ts). */
export const planResultsKey = (id: string) => resultKeys(id).json;

/**
 * A plan's results once apply has written them; undefined while there are none. The file is the apply's
 * own: one that does not read as a report (not JSON, or not its shape) is a StoredObjectInvalidError (500)
 * naming the key and the first fields wrong, never a crash or a report half read.
 */
export async function readPlanResults(store: ObjectStore, bucket: string, id: string): Promise<ReconcileResults | undefined> {
  if (!PLAN_ID.test(id)) throw new ValidationError([{ field: 'id', message: PLAN_ID_MESSAGE }]);
  const key = planResultsKey(id);
  let text: string;
  try {
    ({ text } = await store.getText(bucket, key));
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new StoredObjectInvalidError(`${key} in the imports bucket is not JSON: the apply's report cannot be read`);
  }
  const parsed = ReconcileResults.safeParse(json);
  if (!parsed.success) {
    const wrong = parsed.error.issues.slice(0, 3).map((i) => i.path.join('.') || '(the document)').join(', ');
    throw new StoredObjectInvalidError(`${key} in the imports bucket is not an apply report (${wrong})`);
  }
  return parsed.data;
}
