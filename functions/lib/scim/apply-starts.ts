import { executionName } from '../state-machines/execution-name';
import type { ExecutionStarter } from '../state-machines/starter';
import type { ScimGroupState } from './schema';
import type { ScimItem } from './store';

/** One ScimApply execution a write asks for: the user it applies and its name. */
export interface ScimApplyStart {
  userId: string;
  executionName: string;
}

/**
 * The ScimApply execution of one stored version (`scim-<user>-<version>`), or of a group's version for one member
 * (`scimg-<user>-<group>-<version>`): the same name for a redelivered write, so it starts once.
 */
export function scimApplyExecutionName(userId: string, of: { version: number } | { groupId: string; groupVersion: number }): string {
  return 'groupId' in of ? executionName('scimg-', `${userId}-${of.groupId}-${of.groupVersion}`) : executionName('scim-', `${userId}-${of.version}`);
}

/**
 * The applies a stored write starts, from the item as written and as it was before: a user's own, or for a group
 * each member it adds or removes (all of them on a rename or delete), since the calling rules read membership. A
 * write that kept the version (the apply's own record of what it did, its lease) starts nothing. A member that
 * is no user, or a deleted one, is left to the apply, which reads the user and has nothing to do.
 */
export function appliesAfterWrite(item: ScimItem, previous: ScimItem | undefined): ScimApplyStart[] {
  if (previous && previous.version === item.version) return [];
  if (item.resourceType === 'User') return [{ userId: item.id, executionName: scimApplyExecutionName(item.id, { version: item.version }) }];
  const members = (i: ScimItem | undefined) => new Set(i && !i.deleted ? ((i.state as ScimGroupState).members ?? []).map((m) => m.value) : []);
  const now = members(item);
  const was = members(previous);
  const renamed = previous !== undefined && (previous.state as ScimGroupState).displayName !== (item.state as ScimGroupState).displayName;
  const cause = { groupId: item.id, groupVersion: item.version };
  return [...new Set([...now, ...was])]
    .filter((userId) => renamed || item.deleted || now.has(userId) !== was.has(userId))
    .map((userId) => ({ userId, executionName: scimApplyExecutionName(userId, cause) }));
}

/** A write as the table's stream delivers it: its position in the stream, and the item after and before it. */
export interface ScimWrite {
  sequenceNumber: string;
  item: ScimItem;
  previous?: ScimItem;
}

/**
 * Starts the applies of stored writes, in the stream's order: a name already started (a redelivery) is a duplicate,
 * nothing new runs. A start that fails stops the batch there and names that write, so the event source mapping
 * retries it and every later one, in order (ReportBatchItemFailures), until it lands or goes to the DLQ.
 */
export async function startAppliesOfWrites(starter: ExecutionStarter, writes: readonly ScimWrite[], log: (message: string, detail: Record<string, unknown>) => void): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  for (const write of writes) {
    try {
      for (const start of appliesAfterWrite(write.item, write.previous)) {
        await starter.start('ScimApply', { resourceType: 'User', resourceId: start.userId }, start.executionName);
      }
    } catch (error) {
      log('scim apply: start failed, the write is retried', { resourceType: write.item.resourceType, version: write.item.version, error: error instanceof Error ? error.name : 'Error' });
      return { batchItemFailures: [{ itemIdentifier: write.sequenceNumber }] };
    }
  }
  return { batchItemFailures: [] };
}
