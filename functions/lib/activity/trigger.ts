import { JSON_RUN_PREFIXES } from '../bulk-run-names';
import type { ActivityTrigger } from './records';

/** Event sources the suite itself publishes under (bulk/joiners.ts BULK_SOURCE, reconcile/apply-execution.ts RECONCILE_SOURCE, scim/apply-plan.ts SCIM_SOURCE). */
const SUITE_SOURCES = { bulk: 'webex-provisioning.bulk', reconcile: 'webex-provisioning.reconcile', scim: 'webex-provisioning.scim' } as const;

/**
 * What started a lifecycle run, from its origin: a bulk run's or a reconcile apply's child (their own event
 * sources, the child's execution name as the event id), else the HR system or IdP that published the event.
 */
export function triggerOfOrigin(origin: { source: string; eventId: string; detailType?: string }): ActivityTrigger {
  if (origin.source === SUITE_SOURCES.bulk) return { type: 'bulk', run: origin.eventId };
  if (origin.source === SUITE_SOURCES.reconcile) return { type: 'reconcile', run: origin.eventId };
  // A SCIM apply's run: its origin's eventId names the SCIM client that wrote (scim/apply-plan.ts).
  if (origin.source === SUITE_SOURCES.scim) return { type: 'scim', client: origin.eventId };
  return { type: 'event', source: origin.source, eventId: origin.eventId, ...(origin.detailType ? { detailType: origin.detailType } : {}) };
}

/**
 * The JSON bulk run a child belongs to: the run names each Joiner `<run>-<index>` (bulk-joiners.asl.json's
 * ItemSelector). A CSV batch's children (`bulk-csv-…`) name their batch, which is never a run of its own in the
 * table: none, so no write is spent counting them on an item that is not there.
 */
export function bulkRunOf(trigger: ActivityTrigger | undefined): string | undefined {
  if (trigger?.type !== 'bulk' || !Object.values(JSON_RUN_PREFIXES).some((p) => trigger.run.startsWith(p))) return undefined;
  const dash = trigger.run.lastIndexOf('-');
  return dash > 0 && /^\d+$/.test(trigger.run.slice(dash + 1)) ? trigger.run.slice(0, dash) : undefined;
}

/** The API caller (its IAM identity, as API Gateway reports it) and the request id. */
export function apiTrigger(request: { caller?: string; requestId?: string }): ActivityTrigger {
  return { type: 'api', ...(request.caller ? { caller: request.caller } : {}), ...(request.requestId ? { requestId: request.requestId } : {}) };
}

/**
 * Every Webex TrackingID a run's state carries (a failed request's, a move job's, a nested run's), in full and
 * once each: wherever a `trackingId` key sits, including inside a Catch clause's JSON `Cause`.
 */
export function trackingIdsIn(value: unknown, found: Set<string> = new Set()): string[] {
  const visit = (v: unknown, depth: number): void => {
    if (depth > 12 || v === null || v === undefined) return;
    if (typeof v === 'string') {
      if (v.startsWith('{') && v.includes('trackingId')) {
        try {
          visit(JSON.parse(v), depth + 1);
        } catch {
          // not JSON: no ids in it
        }
      }
      return;
    }
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k.toLowerCase() === 'trackingid' && typeof x === 'string' && x) found.add(x);
        else visit(x, depth + 1);
      }
    }
  };
  visit(value, 0);
  return [...found];
}
