import { randomUUID } from 'node:crypto';
import { CSV_MAX_BYTES } from '../bulk/csv-joiners';
import { validateInput } from '../http/api-event';
import type { LeaverPolicy } from '../schemas/lifecycle-events';
import type { ObjectStore } from '../storage/object-store';
import type { WebexClient } from '../webex/client';
import { buildPlan, rosterLocationIds, rosterNeedsNumbers } from './build-plan';
import { readCallingLocations, readNumbers, readPeople } from './org-snapshot';
import { savePlan, type PlanSummary } from './plan-store';
import { rosterFromCsv, rosterFromUsers } from './roster';
import { resolveScope } from './scope';
import { planThresholds } from './threshold-ceiling';
import { ReconcilePlanInput, type LeaverThresholds, type ReconcilePlan } from './schemas';

export interface CreatePlanPorts {
  client: WebexClient;
  store: ObjectStore;
  /** The imports bucket: the roster's `key` is read from it and the plan written to it. */
  bucket: string;
  /** The deployment's defaults, for what the request leaves out; its thresholds are the ceiling a request may only tighten. */
  defaults?: { leaverPolicy?: LeaverPolicy; thresholds?: LeaverThresholds };
  now?: () => Date;
  newId?: () => string;
}

/**
 * Plans a reconciliation: checks the input and the roster (a bad row is a 400, and nothing reaches Webex),
 * reads the organisation, diffs, and stores the plan. Nothing in Webex changes.
 */
export async function createReconcilePlan(ports: CreatePlanPorts, rawInput: unknown): Promise<{ plan: ReconcilePlan; summary: PlanSummary }> {
  const input = validateInput(rawInput, ReconcilePlanInput);
  // Before anything is read: a request that loosens the safeguard is refused as it stands.
  const thresholds = planThresholds(ports.defaults?.thresholds, input.thresholds);
  const roster = input.users
    ? rosterFromUsers(input.users)
    : rosterFromCsv((await ports.store.getText(ports.bucket, input.key as string, { maxBytes: CSV_MAX_BYTES })).text);
  const locations = await readCallingLocations(ports.client);
  // Unknown locations (in the scope or the roster) are refused before the people are read.
  resolveScope(input.scope, locations);
  const targets = rosterLocationIds(roster, { locations });
  const users = await readPeople(ports.client);
  const numbers = rosterNeedsNumbers(roster, users, targets) ? await readNumbers(ports.client) : undefined;
  const plan = buildPlan({
    id: (ports.newId ?? randomUUID)(),
    createdAt: (ports.now?.() ?? new Date()).toISOString(),
    roster,
    rosterField: input.users ? 'users' : 'key',
    org: { users, locations, numbers },
    scope: input.scope,
    policy: {
      leaverPolicy: input.leaverPolicy ?? ports.defaults?.leaverPolicy ?? 'deactivate',
      allowMoves: input.allowMoves ?? false,
      thresholds,
    },
  });
  return savePlan(ports.store, ports.bucket, plan);
}
