import { createHash } from 'node:crypto';
import { ScimError } from './errors';
import { SCIM_URN, type ScimGroupState, type ScimUserState } from './schema';
import type { ScimItem } from './store';

export const SCIM_BASE_PATH = '/scim/v2';

/** Where a resource lives, as meta.location says (relative to the API's URL: the same under every stage and host). */
export const resourceLocation = (item: Pick<ScimItem, 'resourceType' | 'id'>) => `${SCIM_BASE_PATH}/${item.resourceType}s/${item.id}`;

/** The calling status as a client reads it: pending until the machines applied the latest write. */
export function callingStatusOf(item: ScimItem): { callingStatus: ScimItem['callingStatus']; lastError?: string } {
  if (item.appliedVersion < item.version) return { callingStatus: 'pending' };
  return { callingStatus: item.callingStatus, ...(item.callingStatus === 'failed' && item.lastError ? { lastError: item.lastError } : {}) };
}

/** The resource as answered: what was written, with id, meta and (users) the product extension's read-only status. */
export function render(item: ScimItem): Record<string, unknown> {
  const meta = { resourceType: item.resourceType, created: item.created, lastModified: item.lastModified, location: resourceLocation(item), version: `W/"${item.version}"` };
  if (item.resourceType === 'Group') {
    const g = item.state as ScimGroupState;
    return { ...g, schemas: [SCIM_URN.group], id: item.id, members: g.members ?? [], meta };
  }
  const u = item.state as ScimUserState;
  const product = { ...u[SCIM_URN.product], ...callingStatusOf(item) };
  return { ...u, schemas: [...new Set([...(u.schemas ?? [SCIM_URN.user]), SCIM_URN.product])], id: item.id, [SCIM_URN.product]: product, meta };
}

/** A digest of a state, independent of key order: a re-sent POST of the same content has the same one. */
export function digestOf(state: unknown): string {
  return createHash('sha256').update(stableJson(state)).digest('base64url');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const ALWAYS_RETURNED = new Set(['id', 'schemas', 'meta']);
const EXTENSIONS = [SCIM_URN.enterprise, SCIM_URN.product] as const;

/**
 * `attributes` / `excludedAttributes` (RFC 7644 §3.9): comma-separated paths, a sub-attribute as `name.givenName`, an
 * extension's as `<urn>:department`, names case-insensitive; id, schemas and meta are always returned.
 */
export function project(resource: Record<string, unknown>, attributes?: string, excluded?: string): Record<string, unknown> {
  if (attributes && excluded) throw new ScimError(400, 'invalidValue', 'attributes: give attributes or excludedAttributes, not both');
  const list = attributes ?? excluded;
  if (!list) return resource;
  const paths = list.split(',').map((p) => p.trim()).filter(Boolean).map(splitPath);
  const keep = attributes !== undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    if (ALWAYS_RETURNED.has(key)) {
      out[key] = value;
      continue;
    }
    const lower = key.toLowerCase();
    const whole = paths.some((p) => p.top === lower && !p.sub);
    const subs = paths.filter((p) => p.top === lower && p.sub).map((p) => p.sub!);
    if (keep) {
      if (whole) out[key] = value;
      else if (subs.length && value && typeof value === 'object' && !Array.isArray(value)) out[key] = pick(value as Record<string, unknown>, subs, true);
      else if (subs.length && Array.isArray(value)) out[key] = value.map((v) => (v && typeof v === 'object' ? pick(v, subs, true) : v));
    } else if (!whole) {
      if (subs.length && value && typeof value === 'object' && !Array.isArray(value)) out[key] = pick(value as Record<string, unknown>, subs, false);
      else if (subs.length && Array.isArray(value)) out[key] = value.map((v) => (v && typeof v === 'object' ? pick(v, subs, false) : v));
      else out[key] = value;
    }
  }
  return out;
}

function splitPath(path: string): { top: string; sub?: string } {
  const lower = path.toLowerCase();
  for (const urn of EXTENSIONS) {
    const u = urn.toLowerCase();
    if (lower === u) return { top: u };
    if (lower.startsWith(`${u}:`)) return { top: u, sub: lower.slice(u.length + 1) };
  }
  const core = lower.replace(/^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/, '');
  const [top, sub] = core.split('.', 2);
  return { top, ...(sub ? { sub } : {}) };
}

function pick(value: object, subs: readonly string[], keep: boolean): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => subs.includes(k.toLowerCase()) === keep));
}
