import * as z from 'zod';
import { csvField } from '../reports/csv-field';
import { HTML_CONTENT_TYPE } from '../reports/html';
import { fieldsText, planHtml } from './report-html';
import { StoredObjectInvalidError, ValidationError } from '../errors';
import { ObjectNotFoundError, type ObjectStore } from '../storage/object-store';
import { planDigest, serializePlan } from './plan-digest';
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
  /** SHA-256 of the plan as stored (plan-digest.ts): what a reviewer compares, and may give apply as `confirm`. */
  digest?: string;
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
    ...(plan.digest ? { digest: plan.digest } : {}),
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
 * After a first line naming the plan and its digest (the reviewer of the file reads what apply will check),
 * one row an action (status `planned`) or a difference left alone (status `skipped`); `where` is the roster
 * row (`lines.<line>` of a CSV, `users.<index>` of JSON, as a refusal names it), the location ids last.
 */
export function planCsv(plan: ReconcilePlan): string {
  const names = plan.locationNames ?? {};
  const lines = [`# plan ${plan.id} digest ${plan.digest ?? 'none'}`, 'status,kind,email,userId,before,after,reason,where,beforeLocationId,afterLocationId'];
  for (const a of plan.actions) {
    lines.push(['planned', a.kind, a.email, a.userId, fieldsText(a.before, names), fieldsText(a.after, names), a.reason, a.where, a.before.locationId, a.after.locationId].map(csvField).join(','));
  }
  for (const s of plan.skipped) lines.push(['skipped', s.kind, s.email, s.userId, '', '', s.reason, s.where].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Stores the plan with its digest (canonical JSON, plan-digest.ts), its CSV and its HTML; answers the plan as stored and its summary. */
export async function savePlan(store: ObjectStore, bucket: string, plan: ReconcilePlan): Promise<{ plan: ReconcilePlan; summary: PlanSummary }> {
  const keys = planKeys(plan.id);
  // The canonical JSON leaves undefined members out as JSON does: the digest is the one the stored bytes give on read.
  const stored: ReconcilePlan = { ...plan, digest: planDigest({ ...plan, digest: undefined }) };
  await store.putText(bucket, keys.json, serializePlan(stored), 'application/json');
  await store.putText(bucket, keys.csv, planCsv(stored), 'text/csv');
  await store.putText(bucket, keys.html, planHtml(stored), HTML_CONTENT_TYPE);
  return { plan: stored, summary: planSummary(stored, bucket) };
}

/** A plan as read from the bucket: parsed, and the parsed JSON and the bytes, for the integrity check. */
export interface StoredPlan {
  plan: ReconcilePlan;
  json: object;
  text: string;
  key: string;
}

/**
 * A stored plan by id (a uuid: nothing else can name a key); ObjectNotFoundError (404) when there is none.
 * One that does not read as a plan (not JSON, or not its shape) is a StoredObjectInvalidError (500) naming
 * the key and the first fields wrong.
 */
export async function readStoredPlan(store: ObjectStore, bucket: string, id: string): Promise<StoredPlan> {
  if (!PLAN_ID.test(id)) throw new ValidationError([{ field: 'id', message: PLAN_ID_MESSAGE }]);
  const key = planKeys(id).json;
  const { text } = await store.getText(bucket, key);
  const json = parseStored(text, key, 'the plan');
  const parsed = ReconcilePlan.safeParse(json);
  if (!parsed.success || json === null || typeof json !== 'object') {
    throw new StoredObjectInvalidError(`${key} in the imports bucket is not a reconciliation plan (${wrongFields(parsed.error)})`);
  }
  return { plan: parsed.data, json, text, key };
}

export async function readPlan(store: ObjectStore, bucket: string, id: string): Promise<ReconcilePlan> {
  return (await readStoredPlan(store, bucket, id)).plan;
}

function parseStored(text: string, key: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // No cause: the parser's message quotes the text, and a plan holds people's addresses.
    throw new StoredObjectInvalidError(`${key} in the imports bucket is not JSON: ${what} cannot be read`);
  }
}

const wrongFields = (error: z.ZodError | undefined) => error?.issues.slice(0, 3).map((i) => i.path.join('.') || '(the document)').join(', ') ?? '(the document)';

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
  const json = parseStored(text, key, "the apply's report");
  const parsed = ReconcileResults.safeParse(json);
  if (!parsed.success) throw new StoredObjectInvalidError(`${key} in the imports bucket is not an apply report (${wrongFields(parsed.error)})`);
  return parsed.data;
}
