import type { ActivityRecord, FieldChange } from '../../activity/records';
import { trackingIdsIn, triggerOfOrigin } from '../../activity/trigger';
import { EnableCallingResult } from '../../schemas/calling';
import { UserJoinedDetail } from '../../schemas/lifecycle-events';
import { JoinerState } from './joiner';
import { LeaverState } from './leaver';
import { MoverState } from './mover';
import type { LifecycleFlow, Outcome } from './outcome';
import type { LifecycleEnvelope } from './state';
import type * as z from 'zod';
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

const CHANGES: { [F in LifecycleFlow]: (state: z.infer<typeof LifecycleEnvelope>) => FieldChange[] } = {
  joiner: (raw) => {
    const s = JoinerState.parse(raw);
    const detail = UserJoinedDetail.safeParse(s.detail);
    const created = s.user?.created && detail.success ? createdChanges(detail.data) : [];
    return [...created, ...callingChanges(s.calling?.result)];
  },
  mover: (raw) => {
    const s = MoverState.parse(raw);
    return [...(s.profile?.changes ?? []), ...callingChanges(s.calling?.result)];
  },
  leaver: (raw) => {
    const s = LeaverState.parse(raw);
    const changes: FieldChange[] = [];
    if (s.alternates?.removed.length) changes.push({ field: 'calling.alternateNumbers', before: s.alternates.removed });
    if (s.license?.removed.length) changes.push({ field: 'licenses', before: s.license.removed.map((l) => l.name ?? l.id) });
    if (s.removal?.action === 'deleted') changes.push({ field: 'user', before: 'present', after: 'deleted' });
    if (s.removal?.action === 'deactivated') changes.push({ field: 'loginEnabled', before: true, after: false });
    return changes;
  },
};

/**
 * The activity record of a lifecycle run: one user, from what the execution recorded and the outcome it
 * publishes (the same words: steps, error). `startedAt` is the execution's StartTime, so a retried
 * BuildOutcome writes the same item.
 */
export function lifecycleActivity(state: z.infer<typeof LifecycleEnvelope>, flow: LifecycleFlow, outcome: Outcome, startedAt: string, now: Date): ActivityRecord {
  const d = outcome.detail;
  return {
    kind: flow,
    email: d.email,
    ...(d.userId ? { userId: d.userId } : {}),
    startedAt,
    at: now.toISOString(),
    outcome: d.status === 'COMPLETED' ? 'succeeded' : 'failed',
    executionName: d.executionName,
    trigger: triggerOfOrigin(d.origin),
    changes: CHANGES[flow](state),
    steps: d.applied,
    ...(d.error ? { error: d.error } : {}),
    trackingIds: trackingIdsIn(state),
    ...(d.note ? { note: d.note } : {}),
  };
}
