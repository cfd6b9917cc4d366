import { NotFoundError } from '../errors';
import { uniqueness } from './errors';
import { ScimUniquenessError, ScimVersionConflictError, type ScimItem, type ScimResourceType, type ScimStore } from './store';

/**
 * What the SCIM workflows are given: the store, the clock and the id maker (fixed in tests). A write is accepted
 * once its item is stored; nothing else is on its path: the table's stream starts the apply (apply-starts.ts).
 */
export interface ScimContext {
  store: ScimStore;
  now(): string;
  newId(): string;
  /** Who writes: the SCIM client (its OAuth client id, or the IAM caller), recorded as the runs' trigger. */
  client: string;
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
  return item;
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
    return item;
  }
}
