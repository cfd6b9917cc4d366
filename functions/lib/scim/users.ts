import { ScimError } from './errors';
import { parseFilter } from './filter';
import { applyPatch } from './patch';
import { digestOf, project, render } from './resource';
import { MAX_RESULTS, SCIM_URN, ScimUserInput, userState, type PatchOperation } from './schema';
import type { ScimItem, ScimResourceType } from './store';
import { changeResource, createResource, readLive, type ScimContext } from './writes';
import type { z } from 'zod';

export interface ListQuery {
  filter?: string;
  startIndex?: number;
  count?: number;
  attributes?: string;
  excludedAttributes?: string;
}

/**
 * POST /Users. A userName (or externalId) another user holds is a 409 uniqueness, except a re-sent POST: when the
 * holder is the user an earlier POST of the same content created (its createDigest) or holds that content now, the
 * answer is that user, 201, as the first answer would have been. Entra ID retries a POST whose answer it lost
 * (a timeout), and a 409 to that retry leaves it failing the user on every cycle (Microsoft Q&A, "Provisioning
 * fails with 409 Conflict"); the retry creates nothing, since the user exists, and starts nothing: the first write's
 * stream record started its apply (retried by the event source mapping until it starts), whatever became of its answer.
 */
export async function createUser(ctx: ScimContext, input: ScimUserInput): Promise<{ status: 201; resource: Record<string, unknown> }> {
  const state = userState(input);
  const digest = digestOf(state);
  const now = ctx.now();
  const item: ScimItem = { id: ctx.newId(), resourceType: 'User', state, version: 1, created: now, lastModified: now, createDigest: digest, appliedVersion: 0, callingStatus: 'pending', client: ctx.client };
  try {
    return { status: 201, resource: render(await createResource(ctx, item)) };
  } catch (error) {
    if (!(error instanceof ScimError && error.scimType === 'uniqueness')) throw error;
    const holder = (await ctx.store.findBy('User', 'userName', state.userName)) ?? (state.externalId ? await ctx.store.findBy('User', 'externalId', state.externalId) : undefined);
    // Nothing to start again: the first POST's stored write is on the table's stream, which starts its apply.
    if (holder && (holder.createDigest === digest || digestOf(holder.state) === digest)) return { status: 201, resource: render(holder) };
    throw error;
  }
}

export async function getResource(ctx: ScimContext, type: ScimResourceType, id: string, query: Pick<ListQuery, 'attributes' | 'excludedAttributes'>) {
  return project(render(await readLive(ctx, type, id)), query.attributes, query.excludedAttributes);
}

/** PUT: the whole resource replaced (read-only attributes ignored); the userName may change if no one else has it. */
export async function replaceUser(ctx: ScimContext, id: string, input: ScimUserInput) {
  return render(await changeResource(ctx, 'User', id, (current) => ({ state: keepingWebexEmail(current, userState(input)) })));
}

export async function patchUser(ctx: ScimContext, id: string, operations: readonly z.output<typeof PatchOperation>[]) {
  const item = await changeResource(ctx, 'User', id, (current) => ({ state: keepingWebexEmail(current, userState(revalidate(ScimUserInput, applyPatch(current.state, operations)))) }));
  return render(item);
}

/**
 * The userName of a user that has reached Webex: the lifecycle machines find the Webex user by that e-mail, and none
 * of them changes a person's e-mail. Accepting a new userName (Entra ID's "Update User [Single-valued properties]")
 * would answer 200, show callingStatus applied, and leave Webex under the old address, where a later deactivation by
 * the new one would not find the user to remove their calling. So it is a 400 `mutability` naming the attribute,
 * before anything is stored; a change of case only, or one made before the user reached Webex, is accepted.
 */
function keepingWebexEmail<S extends { userName: string }>(current: ScimItem, next: S): S {
  const webex = current.appliedState as { email?: string; present?: boolean } | undefined;
  if (webex?.present && webex.email && webex.email !== next.userName.toLowerCase()) {
    throw new ScimError(400, 'mutability', `userName: the user exists in Webex as ${webex.email}, and the Webex e-mail address is not changed through SCIM`);
  }
  return next;
}

/** DELETE: gone for the protocol at once (404 after), its values free again; the leaver still runs for it. */
export async function deleteResource(ctx: ScimContext, type: ScimResourceType, id: string): Promise<void> {
  await changeResource(ctx, type, id, (current) => ({ state: current.state, deleted: true }));
}

/** GET /Users or /Groups: a filter's matches, or a page of all, in the ListResponse envelope. */
export async function listResources(ctx: ScimContext, type: ScimResourceType, query: ListQuery) {
  const startIndex = query.startIndex ?? 1;
  const count = query.count ?? MAX_RESULTS;
  let total: number;
  let items: ScimItem[];
  if (query.filter !== undefined) {
    const { lookup, matches } = parseFilter(type, query.filter);
    const candidates =
      lookup.by === 'id' ? [await ctx.store.get(type, lookup.value)]
      : lookup.by === 'email' ? (type === 'User' ? await ctx.store.findByEmail(lookup.value) : [])
      : [await ctx.store.findBy(type, lookup.by, lookup.value)];
    const found = candidates.filter((i): i is ScimItem => !!i && !i.deleted).filter((i) => matches(render(i)));
    total = found.length;
    items = found.slice(startIndex - 1, startIndex - 1 + count);
  } else {
    ({ total, items } = await ctx.store.list(type, startIndex, count));
  }
  return {
    schemas: [SCIM_URN.listResponse],
    totalResults: total,
    startIndex,
    itemsPerPage: items.length,
    Resources: items.map((i) => project(render(i), query.attributes, query.excludedAttributes)),
  };
}

/** What a PATCH left, validated as a PUT body is: an attribute it made unknown or invalid is a 400 naming it. */
export function revalidate<T>(schema: z.ZodType<T>, patched: Record<string, unknown>): T {
  const { id: _id, meta: _meta, ...rest } = patched;
  const parsed = schema.safeParse(rest);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 20).map((i) =>
    i.code === 'unrecognized_keys' ? i.keys.map((k) => `${[...i.path, k].join('.')}: unknown attribute`).join('; ') : `${i.path.map(String).join('.') || 'body'}: ${i.message}`);
  throw new ScimError(400, 'invalidValue', issues.join('; '));
}
