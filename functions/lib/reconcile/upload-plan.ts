import * as z from 'zod';
import { v5 as uuidV5 } from 'uuid';
import type { LeaverPolicy } from '../schemas/lifecycle-events';
import { planExecutionName, type PlanMachineInput } from './plan-run';
import { SCHEDULED_PLAN_NAMESPACE } from './scheduled-plan-id';
import type { LeaverThresholds, ReconcileScope } from './schemas';
import { checkedPlanRequest } from './settings-request';

/**
 * A roster file starts a plan: an object created under `prefix` in the imports bucket (S3 → EventBridge
 * "Object Created", a rule on the prefix, the ReconcilePlan machine its target; locally the local object store
 * raises the same event). The stack's `reconcileOnUpload` context: what the plan of each upload is asked.
 */
export interface ReconcileOnUploadSettings {
  /** Key prefix the HR system writes to, e.g. `rosters/`. Never one the suite writes itself (plans/, reports/…). */
  readonly prefix: string;
  readonly scope: ReconcileScope;
  /** Apply plans that need no confirmation without a person (as the schedule's). @default false */
  readonly autoApply?: boolean;
  /** @default the stack's defaultLeaverPolicy */
  readonly leaverPolicy?: LeaverPolicy;
  /** @default false */
  readonly allowMoves?: boolean;
  /** @default the stack's reconcileLeaverThresholds, which they may tighten, never raise */
  readonly thresholds?: LeaverThresholds;
}

/** What the event says of the object: `detail.bucket.name`, `detail.object.key`, `.etag`, `.sequencer`. */
export const UploadedObject = z.strictObject({
  bucket: z.string().min(1),
  key: z.string().min(1),
  etag: z.string().min(1),
  /** S3's ordering token of the PUT: the same in every delivery of one event, another for the next PUT of the key. */
  sequencer: z.string().min(1),
});
export type UploadedObject = z.infer<typeof UploadedObject>;

/** Where the suite writes into the bucket itself: a prefix over them would plan its own output. */
export const SUITE_WRITTEN_PREFIXES = ['plans/', 'applies/', 'reports/', 'bulk-results/'] as const;

/** The key prefix the local store and the rule match: a non-empty folder, `/`-terminated, apart from the suite's own. */
function checkPrefix(prefix: unknown): string {
  if (typeof prefix !== 'string' || !/^[A-Za-z0-9!_.*'()-][A-Za-z0-9!_.*'()/-]*\/$/.test(prefix) || prefix.includes('//') || prefix.split('/').includes('..')) {
    throw new Error(`reconcileOnUpload.prefix must be a key prefix ending in / such as rosters/ (got ${JSON.stringify(prefix)})`);
  }
  const clash = SUITE_WRITTEN_PREFIXES.find((p) => p.startsWith(prefix) || prefix.startsWith(p));
  if (clash) throw new Error(`reconcileOnUpload.prefix must not overlap ${clash}, where the suite writes its own files (got ${prefix})`);
  return prefix;
}

/**
 * The settings checked (an Error naming `reconcileOnUpload.<field>`: synth, or `npm start`, fails) and the plan
 * request each upload gets, with the same schema as POST /reconcile/plans and the deployment's threshold ceiling.
 */
export function checkReconcileOnUpload(settings: ReconcileOnUploadSettings, thresholdCeiling?: LeaverThresholds): ReconcileOnUploadSettings {
  const { prefix, autoApply, ...request } = settings;
  checkPrefix(prefix);
  if (autoApply !== undefined && typeof autoApply !== 'boolean') throw new Error('reconcileOnUpload.autoApply must be true or false');
  checkedPlanRequest('reconcileOnUpload', { ...request, key: `${prefix}roster.csv` }, thresholdCeiling);
  return settings;
}

/** Does an object created at `key` start a plan? (The rule's pattern: `{"object":{"key":[{"prefix": …}]}}`.) */
export const startsPlan = (settings: Pick<ReconcileOnUploadSettings, 'prefix'>, key: string) => key.startsWith(settings.prefix) && key.length > settings.prefix.length && !key.endsWith('/');

/**
 * The ReconcilePlan machine's input for one upload: the rule target's input (its values EventBridge paths in the
 * stack) and the local runtime's. The machine derives the plan id from `upload` (UploadPlanId).
 */
export function uploadPlanInput(settings: ReconcileOnUploadSettings, upload: UploadedObject): PlanMachineInput {
  const { prefix: _prefix, autoApply, ...request } = settings;
  return { request: { ...request, key: upload.key } as PlanMachineInput['request'], autoApply: autoApply ?? false, upload };
}

/**
 * The plan id of an upload: a name-based uuid of the bucket, key, ETag and sequencer. EventBridge may deliver one
 * event more than once (and retries its target); every delivery derives the same id and meets the same
 * `plan-<id>` execution, which Step Functions runs once. Another PUT of the key, even of the same bytes, has
 * another sequencer: a new plan, as the nightly file is meant to give.
 */
export function uploadPlanId(upload: UploadedObject): { planId: string; executionName: string } {
  const planId = uuidV5(['upload', upload.bucket, upload.key, upload.etag, upload.sequencer].join('\n'), SCHEDULED_PLAN_NAMESPACE);
  return { planId, executionName: planExecutionName(planId) };
}
