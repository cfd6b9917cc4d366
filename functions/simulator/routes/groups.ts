import type { Router } from '../router';

/**
 * Groups: only the list, which the connect command reads to probe identity:groups_rw (the scope the
 * move-users job needs). The demo org has no groups. Shape: webex-admin.json, List and Search Groups.
 */
export function registerGroups(router: Router): void {
  router.on('GET', '/groups', () => ({ status: 200, body: { totalResults: 0, startIndex: 1, itemsPerPage: 0, groups: [] } }));
}
