import type { z } from 'zod';
import { applyPatch } from './patch';
import { digestOf, render } from './resource';
import { ScimGroupInput, type PatchOperation, type ScimGroupState } from './schema';
import type { ScimItem } from './store';
import { revalidate } from './users';
import { changeResource, createResource, type ScimContext } from './writes';

/**
 * Groups, as Entra ID's and Okta's group push use them: create, read, find by displayName, PATCH members
 * (add/remove, with or without a value filter in the path), rename, delete. A group's members are user ids;
 * membership is an input of the calling rules (`scimCallingRules`, `when.group`), so a change of membership
 * re-applies the members it adds or removes.
 */
export async function createGroup(ctx: ScimContext, input: ScimGroupInput) {
  const state = groupState(input);
  const now = ctx.now();
  const item: ScimItem = { id: ctx.newId(), resourceType: 'Group', state, version: 1, created: now, lastModified: now, createDigest: digestOf(state), appliedVersion: 0, callingStatus: 'pending', client: ctx.client };
  return render(await createResource(ctx, item));
}

export async function replaceGroup(ctx: ScimContext, id: string, input: ScimGroupInput) {
  return render(await changeResource(ctx, 'Group', id, () => ({ state: groupState(input) })));
}

export async function patchGroup(ctx: ScimContext, id: string, operations: readonly z.output<typeof PatchOperation>[]) {
  return render(await changeResource(ctx, 'Group', id, (current) => ({ state: groupState(revalidate(ScimGroupInput, applyPatch(current.state, operations))) })));
}

function groupState(input: ScimGroupInput): ScimGroupState {
  const { id: _id, meta: _meta, ...state } = input;
  // One entry per member: Entra ID may add a member already there.
  const members = state.members ? [...new Map(state.members.map((m) => [m.value, m])).values()] : undefined;
  return { ...state, ...(members ? { members } : {}) };
}
