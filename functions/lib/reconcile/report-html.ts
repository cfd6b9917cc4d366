import { renderHtmlReport, rowsOf } from '../reports/html';
import type { ReconcileResults } from './results-schema';
import { ACTION_KINDS, type PlanAction, type ReconcilePlan, type UserFields } from './schemas';

/** A plan and its apply's report as HTML pages (reports/html.ts): totals first, one row per action, location names. */

/** The fields as a person reads them: a location by its name (its id stays in the CSV's own column, for tools). */
export function fieldsText(fields: UserFields, names: Readonly<Record<string, string>> = {}): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (k === 'locationId' ? `location=${names[v as string] ?? v}` : `${k}=${v}`))
    .join('; ');
}

/** `lines.3` → `line 3`, `users.0` → `users[0]`: the same number, in words. */
export const rosterWhereText = (where: string | undefined) =>
  where === undefined ? '' : where.replace(/^lines\.(\d+)$/, 'line $1').replace(/^users\.(\d+)$/, 'users[$1]');

const locationOf = (a: Pick<PlanAction, 'before' | 'after'>, names: Readonly<Record<string, string>>) => {
  const id = a.after.locationId ?? a.before.locationId;
  return id === undefined ? '' : (names[id] ?? id);
};

export function planHtml(plan: ReconcilePlan, extraFacts: { label: string; value: string }[] = []): string {
  const names = plan.locationNames ?? {};
  const leavers = plan.counts.leave;
  return renderHtmlReport({
    title: 'Reconciliation plan',
    subject: `plan ${plan.id}`,
    generatedAt: plan.createdAt,
    totals: [
      ...ACTION_KINDS.map((k) => ({ label: k, value: plan.counts[k] })),
      { label: 'skipped', value: plan.skipped.length },
      { label: 'unchanged', value: plan.unchanged },
      { label: 'in scope', value: plan.inScope },
    ],
    facts: [
      {
        label: 'Confirmation',
        value: plan.needsConfirmation
          ? `required: apply with confirm = ${leavers} (the number of leavers)${plan.digest ? ` or confirm = "${plan.digest}"` : ''}`
          : 'not required',
      },
      // What apply checks the stored plan against: the reviewer compares it with the summary's and the CSV's.
      ...(plan.digest ? [{ label: 'Digest', value: plan.digest }] : []),
      ...extraFacts,
      { label: 'Leaver policy', value: plan.policy.leaverPolicy },
      { label: 'Moves allowed', value: plan.policy.allowMoves ? 'yes' : 'no' },
      { label: 'Roster rows out of scope', value: String(plan.rosterOutOfScope) },
    ],
    tables: [
      {
        heading: 'Planned actions',
        columns: ['roster', 'kind', 'email', 'location', 'before', 'after', 'why', 'userId'],
        idColumns: ['userId'],
        rows: rowsOf(plan.actions, (a) => [rosterWhereText(a.where), a.kind, a.email, locationOf(a, names), fieldsText(a.before, names), fieldsText(a.after, names), a.reason, a.userId]),
        empty: 'Nothing to do: Webex matches the roster.',
      },
      {
        heading: 'Differences left alone',
        columns: ['roster', 'kind', 'email', 'why', 'userId'],
        idColumns: ['userId'],
        rows: rowsOf(plan.skipped, (s) => [rosterWhereText(s.where), s.kind, s.email, s.reason, s.userId]),
        empty: 'None.',
      },
    ],
  });
}

export function resultsHtml(results: ReconcileResults, plan: Pick<ReconcilePlan, 'actions' | 'locationNames'>): string {
  const names = plan.locationNames ?? {};
  return renderHtmlReport({
    title: 'Reconciliation apply report',
    subject: `plan ${results.planId} · ${results.executionName}`,
    generatedAt: results.finishedAt,
    totals: [
      { label: 'actions', value: results.counts.total },
      { label: 'succeeded', value: results.counts.succeeded },
      { label: 'failed', value: results.counts.failed },
      { label: 'skipped', value: results.counts.skipped },
    ],
    facts: [],
    tables: [{
      heading: 'Actions',
      columns: ['roster', 'kind', 'email', 'location', 'status', 'outcome', 'userId', 'trackingId'],
      idColumns: ['userId', 'trackingId'],
      rows: rowsOf(results.results, (r) => {
        const action = plan.actions[r.index];
        return [rosterWhereText(r.where), r.kind, r.email, action ? locationOf(action, names) : '', r.status, r.outcome, r.userId, r.error?.trackingId];
      }),
      empty: 'The plan had no actions.',
    }],
  });
}
