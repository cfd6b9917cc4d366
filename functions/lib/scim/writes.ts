import { NotFoundError } from '../errors';
import { uniqueness } from './errors';
import type { ScimGroupState } from './schema';
import { ScimUniquenessError, ScimVersionConflictError, type ScimItem, type ScimResourceType, type ScimStore } from './store';

/** What the SCIM workflows are given: the store, the clock and the id maker (fixed in tests), and the apply's start. */
export interface ScimContext {
  store: ScimStore;
  now(): string;
  newId(): string;
  /** Who writes: the SCIM client (its OAuth client id, or the IAM caller), recorded as the runs' trigger. */
  client: string;
  /**
   * Starts applying a user's latest requested state to Webex (the ScimApply machine), once per name: the write is
   * answered as soon as it is stored, whatever Webex does next. A group's write starts it for each member it adds
   * or removes (`cause`), since the calling rules read membership.
   */
  startApply(userId: string, version: number, cause?: { groupId: string; groupVersion: number }): Promise<void>;
}

/** Attempts of a read-change-write that meets another write to the same resource (each reads again). */
const MAX_ATTEMPTS = 5;

export async function readLive(ctx: ScimContext, type: ScimResourceType, id: string): Promise<ScimItem> {
  const item = await ctx.store.get(type, id);
  if (!item || item.deleted) throw new NotFoundError(`${type} ${id} not found`);
  return item;
}

/** Creates a resource; a unique value another resource holds is a 409 uniqueness naming the attribute. */
export async function createResource(ctx: ScimContext, item: ScimItem): Promise<ScimItem> {
  try {
    await ctx.store.create(item);
  } catch (error) {
    if (error instanceof ScimUniquenessError) throw uniqueness(error.attribute);
    throw error;
  }
  await applyAfterWrite(ctx, item, undefined);
  return item;
}

/** What a write starts: the user's apply, or a group's members' whose membership it changed (all of them on a rename or delete). */
async function applyAfterWrite(ctx: ScimContext, item: ScimItem, previous: ScimItem | undefined): Promise<void> {
  if (item.resourceType === 'User') return ctx.startApply(item.id, item.version);
  const members = (i: ScimItem | undefined) => new Set(i && !i.deleted ? ((i.state as ScimGroupState).members ?? []).map((m) => m.value) : []);
  const now = members(item);
  const was = members(previous);
  const renamed = previous !== undefined && (previous.state as ScimGroupState).displayName !== (item.state as ScimGroupState).displayName;
  for (const userId of new Set([...now, ...was])) {
    if (!renamed && !item.deleted && now.has(userId) === was.has(userId)) continue;
    const user = await ctx.store.get('User', userId);
    if (user && !user.deleted) await ctx.startApply(userId, user.version, { groupId: item.id, groupVersion: item.version });
  }
}

/**
 * The next version of a live resource: `change` gets what is stored and returns the new state (or `deleted`);
 * a write that lost a race to another reads again, so concurrent PATCHes to one user are all kept, in some order.
 */
export async function changeResource<S>(
  ctx: ScimContext,
  type: ScimResourceType,
  id: string,
  change: (item: ScimItem) => { state: S; deleted?: true },
): Promise<ScimItem> {
  for (let attempt = 1; ; attempt += 1) {
    const previous = await readLive(ctx, type, id);
    const next = change(previous);
    const item: ScimItem = { ...previous, state: next.state as ScimItem['state'], version: previous.version + 1, lastModified: ctx.now(), client: ctx.client, ...(next.deleted ? { deleted: true } : {}) };
    try {
      await ctx.store.replace(item, previous);
    } catch (error) {
      if (error instanceof ScimUniquenessError) throw uniqueness(error.attribute);
      if (error instanceof ScimVersionConflictError && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
    await applyAfterWrite(ctx, item, previous);
    return item;
  }
}
