import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { RouteProtocol, RouteResponses } from './route';
import type { Deps } from '../runtime/deps';
import { scimErrorResult } from '../scim/errors';
import { ScimErrorBody, SCIM_MEDIA_TYPE } from '../scim/schema';
import { scimApplyExecutionName } from '../scim/apply-steps';
import type { RequestInfo } from './api-handler';
import type { ScimContext } from '../scim/writes';

/** What every SCIM route row says of its protocol: application/scim+json, and errors in the SCIM Error schema. */
export const SCIM_PROTOCOL: RouteProtocol = { mediaType: SCIM_MEDIA_TYPE, errorName: 'ScimError', errorBody: ScimErrorBody, toErrorResult: scimErrorResult };

/** `{resourceId}` in a SCIM path: the id the endpoint gave (a UUID); the body's own `id` is read-only and ignored. */
export const resourceId = z.string().min(1).max(128).regex(/^[A-Za-z0-9-]+$/, 'must be an id this endpoint gave');

/** The 404 every route naming a resource answers (its error is the protocol's). */
export const NOT_FOUND: RouteResponses = { 404: { description: 'No such resource (or it was deleted)' } };

/**
 * The SCIM workflows' context from a handler's deps: a write route's (with `stateMachines`) starts the ScimApply
 * execution of the version it stored, named from the resource id and version (idempotent: a retried start of the
 * same version meets its execution); a read never starts one.
 */
export function scimContext(deps: Pick<Deps, 'scim'> & Partial<Pick<Deps, 'stateMachines'>>, request?: RequestInfo): ScimContext {
  const starter = deps.stateMachines?.starter();
  return {
    store: deps.scim(),
    now: () => new Date().toISOString(),
    newId: randomUUID,
    client: request?.caller ?? 'unknown',
    startApply: async (userId, version, cause) => {
      if (!starter) throw new Error('a SCIM write route needs stateMachines to start the apply');
      await starter.start('ScimApply', { resourceType: 'User', resourceId: userId }, scimApplyExecutionName(userId, version, cause));
    },
  };
}
