import { scimPatch, type ScimPatchOperation, type ScimResource } from 'scim-patch';
import type { z } from 'zod';
import { ScimError, type ScimType } from './errors';
import type { PatchOperation } from './schema';

type Operation = z.output<typeof PatchOperation>;

/**
 * A PatchOp applied with scim-patch (RFC 7644 §3.5.2: add/replace/remove, with a path, a value filter such as
 * `emails[type eq "work"].value`, an extension's `<urn>:department`, or none: Okta's `{"op":"replace","value":{"active":false}}`).
 * The ops arrive lower-cased (schema.ts accepts Entra ID's "Replace"). The result is validated again by the caller,
 * so a PATCH can never store what a PUT could not; scim-patch's refusals become 400s with their scimType.
 */
export function applyPatch<T extends object>(state: T, operations: readonly Operation[]): Record<string, unknown> {
  try {
    // scim-patch changes its argument: a copy, so the state read stays as it was.
    const copy = structuredClone(state) as unknown as ScimResource;
    return scimPatch(copy, operations.map((o) => ({ ...o })) as unknown as ScimPatchOperation[], { mutateDocument: true }) as unknown as Record<string, unknown>;
  } catch (error) {
    const scimType = (error as { scimCode?: string }).scimCode as ScimType | undefined;
    const detail = error instanceof Error ? error.message.replace(/^Invalid SCIM Patch: /, '').slice(0, 300) : 'cannot be applied';
    const index = operations.findIndex((o) => o.path !== undefined && detail.includes(o.path));
    throw new ScimError(400, scimType ?? 'invalidValue', `Operations${index >= 0 ? `.${index}.path` : ''}: ${detail}`);
  }
}
