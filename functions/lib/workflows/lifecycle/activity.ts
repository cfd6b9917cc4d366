import type { ActivityRecord, FieldChange } from '../../activity/records';
import { trackingIdsIn, triggerOfOrigin } from '../../activity/trigger';
import { EnableCallingResult } from '../../schemas/calling';
import type { JoinerOutcomeState } from './joiner';
import type { LeaverOutcomeState } from './leaver';
import type { MoverOutcomeState } from './mover';
import type { FlowState, Outcome } from './outcome';
import { createdChanges } from '../users/create-user';


/** Calling as an Enable Calling run left it: location, number, extension (their values before are not known). */
export function callingChanges(output: unknown): FieldChange[] {
  const result = EnableCallingResult.safeParse(output);
  if (!result.success || result.data.changed === false) return [];
  const calling = result.data.user?.calling;
  if (!calling) return [];
  return [
    { field: 'calling.location', after: calling.location?.name ?? calling.location?.id },
    { field: 'calling.primaryNumber', after: calling.primaryNumber ?? undefined },
    { field: 'calling.extension', after: calling.extension ?? undefined },
  ].filter((c) => c.after !== undefined);
}

function joinerChanges(s: JoinerOutcomeState): FieldChange[] {
  // A refused detail created nothing: the user step refused it too.
  const created = s.user?.created && !('refused' in s.detail) ? createdChanges(s.detail) : [];
  return [...created, ...callingChanges(s.calling?.result)];
}

const moverChanges = (s: MoverOutcomeState): FieldChange[] => [...(s.profile?.changes ?? []), ...callingChanges(s.calling?.result)];

function leaverChanges(s: LeaverOutcomeState): FieldChange[] {
  const changes: FieldChange[] = [];
  if (s.alternates?.removed.length) changes.push({ field: 'calling.alternateNumbers', before: s.alternates.removed });
  if (s.license?.removed.length) changes.push({ field: 'licenses', before: s.license.removed.map((l) => l.name ?? l.id) });
  if (s.removal?.action === 'deleted') changes.push({ field: 'user', before: 'present', after: 'deleted' });
  if (s.removal?.action === 'deactivated') changes.push({ field: 'loginEnabled', before: true, after: false });
  return changes;
}

function flowChanges(run: FlowState): FieldChange[] {
  switch (run.flow) {
    case 'joiner': return joinerChanges(run.state);
    case 'mover': return moverChanges(run.state);
    case 'leaver': return leaverChanges(run.state);
  }
}

/**
 * The activity record of a lifecycle run: one user, from what the execution recorded and the outcome it
 * publishes (the same words: steps, error). `startedAt` is the execution's StartTime, so a retried
 * BuildOutcome writes the same item.
 */
export function lifecycleActivity(run: FlowState, outcome: Outcome, startedAt: string, now: Date): ActivityRecord {
  const d = outcome.detail;
  return {
    kind: run.flow,
    email: d.email,
    ...(d.userId ? { userId: d.userId } : {}),
    startedAt,
    at: now.toISOString(),
    outcome: d.status === 'COMPLETED' ? 'succeeded' : 'failed',
    executionName: d.executionName,
    trigger: triggerOfOrigin(d.origin),
    changes: flowChanges(run),
    steps: d.applied,
    ...(d.error ? { error: d.error } : {}),
    trackingIds: trackingIdsIn(run.state),
    ...(d.note ? { note: d.note } : {}),
  };
}
