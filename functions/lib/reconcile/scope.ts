import { ValidationError, type FieldIssue } from '../errors';
import type { Location } from '../webex/schemas';
import type { ReconcileScope, SeenUser } from './schemas';

/** The scope with its locations resolved to ids and its e-mails lower-cased, ready to test users against. */
export interface ResolvedScope {
  domains?: ReadonlySet<string>;
  locationIds?: ReadonlySet<string>;
  exclude: ReadonlySet<string>;
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/**
 * A location named by id or by its exact name (case-insensitive, as resolveLocation matches), among the
 * calling locations; an issue when there is none or the name is not unique.
 */
export function matchLocation(locations: readonly Location[], ref: string): { id: string } | { message: string } {
  const byId = locations.find((l) => l.id === ref);
  if (byId) return { id: byId.id };
  const wanted = ref.trim().toLowerCase();
  const named = locations.filter((l) => l.name.trim().toLowerCase() === wanted);
  if (named.length === 1) return { id: named[0].id };
  if (named.length > 1) return { message: `${named.length} Webex Calling locations are named "${ref}": give the location id` };
  return { message: `no Webex Calling location has the id or name "${ref}"` };
}

export function resolveScope(scope: ReconcileScope, locations: readonly Location[]): ResolvedScope {
  const issues: FieldIssue[] = [];
  const locationIds = scope.locations?.map((ref, i) => {
    const found = matchLocation(locations, ref);
    if ('message' in found) issues.push({ field: `scope.locations.${i}`, message: found.message });
    return 'id' in found ? found.id : '';
  });
  if (issues.length) throw new ValidationError(issues);
  return scopeOver(scope, locationIds);
}

/** The scope over locations already resolved to ids (a stored plan's `scopeLocationIds`). */
export function scopeOver(scope: ReconcileScope, locationIds: readonly string[] | undefined): ResolvedScope {
  return {
    domains: scope.emailDomains && new Set(scope.emailDomains.map((d) => d.toLowerCase())),
    locationIds: locationIds && new Set(locationIds),
    exclude: new Set((scope.exclude ?? []).map((e) => e.toLowerCase())),
  };
}

/** A Webex user the roster governs: not excluded, in a scoped domain, with calling in a scoped location. */
export function userInScope(scope: ResolvedScope, user: SeenUser): boolean {
  if (scope.exclude.has(user.email)) return false;
  if (scope.domains && !scope.domains.has(domainOf(user.email))) return false;
  if (scope.locationIds && !(user.locationId && scope.locationIds.has(user.locationId))) return false;
  return true;
}

/** A roster row that may create a user: not excluded, in a scoped domain, joining a scoped location. */
export function joinerInScope(scope: ResolvedScope, email: string, locationId: string): boolean {
  const key = email.toLowerCase();
  if (scope.exclude.has(key)) return false;
  if (scope.domains && !scope.domains.has(domainOf(key))) return false;
  return !scope.locationIds || scope.locationIds.has(locationId);
}
