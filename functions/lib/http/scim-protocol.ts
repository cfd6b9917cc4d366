import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { RouteProtocol, RouteResponses } from './route';
import type { Deps } from '../runtime/deps';
import { scimErrorResult } from '../scim/errors';
import { ScimErrorBody, SCIM_MEDIA_TYPE } from '../scim/schema';
import type { RequestInfo } from './api-handler';
import type { ScimContext } from '../scim/writes';

/** What every SCIM route row says of its protocol: application/scim+json, and errors in the SCIM Error schema. */
export const SCIM_PROTOCOL: RouteProtocol = { mediaType: SCIM_MEDIA_TYPE, errorName: 'ScimError', errorBody: ScimErrorBody, toErrorResult: scimErrorResult };

/** `{resourceId}` in a SCIM path: the id the endpoint gave (a UUID); the body's own `id` is read-only and ignored. */
export const resourceId = z.string().min(1).max(128).regex(/^[A-Za-z0-9-]+$/, 'must be an id this endpoint gave');

/** The 404 every route naming a resource answers (its error is the protocol's). */
export const NOT_FOUND: RouteResponses = { 404: { description: 'No such resource (or it was deleted)' } };

/**
 * The SCIM workflows' context from a handler's deps: the store alone. A write route starts nothing itself: the
 * table's stream starts the apply of each version it stores (functions/scim-write-stream/).
 */
export function scimContext(deps: Pick<Deps, 'scim'>, request?: RequestInfo): ScimContext {
  return {
    store: deps.scim(),
    now: () => new Date().toISOString(),
    newId: randomUUID,
    client: request?.caller ?? 'unknown',
  };
}
