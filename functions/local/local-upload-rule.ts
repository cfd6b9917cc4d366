import { randomUUID } from 'node:crypto';
import { startsPlan, uploadPlanInput, type ReconcileOnUploadSettings } from '../lib/reconcile/upload-plan';
import type { ExecutionStarter } from '../lib/state-machines/starter';
import type { ObjectCreatedEvent } from './local-object-store';

/**
 * The stack's upload rule, locally (infra/constructs/reconcile-on-upload.ts): an "Object Created" event of the imports
 * bucket under the prefix starts the ReconcilePlan machine with the rule target's input. EventBridge's Step Functions
 * target gives the execution no name (Step Functions makes one), so neither does this: the machine derives the plan id
 * from the object, and a second delivery of one event plans nothing new.
 */
export function localUploadRule(settings: ReconcileOnUploadSettings, deps: { importsBucket: () => string | undefined; starter: () => ExecutionStarter; onError?: (error: unknown) => void }) {
  return (event: ObjectCreatedEvent): void => {
    const { bucket, object } = event.detail;
    if (bucket.name !== deps.importsBucket() || !startsPlan(settings, object.key)) return;
    const input = uploadPlanInput(settings, { bucket: bucket.name, key: object.key, etag: object.etag, sequencer: object.sequencer });
    // As EventBridge: the PUT has been answered; the target is invoked after it.
    deps.starter().start('ReconcilePlan', input, randomUUID()).catch((error: unknown) => deps.onError?.(error));
  };
}
