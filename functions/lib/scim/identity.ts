import type { ScimGroupState, ScimUserState } from './schema';
import type { ScimItem, UniqueAttribute } from './store';

/** The values a resource is unique by: a user's userName and externalId, a group's displayName and externalId. */
export function uniqueValues(item: Pick<ScimItem, 'resourceType' | 'state'>): Partial<Record<UniqueAttribute, string>> {
  if (item.resourceType === 'User') {
    const s = item.state as ScimUserState;
    return { userName: s.userName, ...(s.externalId ? { externalId: s.externalId } : {}) };
  }
  const g = item.state as ScimGroupState;
  return { displayName: g.displayName, ...(g.externalId ? { externalId: g.externalId } : {}) };
}

/** The name a list is ordered by. */
export function listName(item: Pick<ScimItem, 'resourceType' | 'state'>): string {
  return item.resourceType === 'User' ? (item.state as ScimUserState).userName : (item.state as ScimGroupState).displayName;
}

/** A user's e-mail addresses, lower case, each once (the userName among them: it is the Webex e-mail). */
export function emailsOf(item: Pick<ScimItem, 'resourceType' | 'state'>): string[] {
  if (item.resourceType !== 'User') return [];
  const s = item.state as ScimUserState;
  return [...new Set([s.userName, ...(s.emails ?? []).map((e) => e.value)].map((e) => e.trim().toLowerCase()))];
}
