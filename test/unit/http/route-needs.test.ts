import { talksToWebex } from '../../../functions/lib/http/route';
import { routes } from '../../../functions/routes';

// The stack gives a function the Webex secret, settings and the extension's layer from its row's `needs`
// (what its Lambda entry composes): there is no second flag to drift from them.
describe('route rows', () => {
  it('talksToWebex reads the needs: the Webex client or its secret', () => {
    expect(talksToWebex({ needs: ['webex'] })).toBe(true);
    expect(talksToWebex({ needs: ['env', 'webexSecret'] })).toBe(true);
    expect(talksToWebex({ needs: ['env', 'stateMachines', 'objectStore'] })).toBe(false);
    expect(talksToWebex({ needs: [] })).toBe(false);
  });

  // `webex` holds the requests a route makes (as a step row's does), not a flag: rows whose needs name the client have it, no other.
  it('no row declares a webex flag beside its needs', () => {
    expect(routes.filter((r) => 'webex' in r && typeof r.webex !== 'object').map((r) => r.id)).toEqual([]);
    expect(routes.filter((r) => 'webex' in r !== r.needs.includes('webex')).map((r) => r.id)).toEqual([]);
  });

  // The SCIM routes store a write and answer at once: the apply reaches Webex later, at the budget's pace.
  it('the routes that start or read executions, read the activity table, hand out report URLs or speak SCIM need no Webex; the others do', () => {
    const withoutWebex = routes.filter((r) => !talksToWebex(r)).map((r) => r.id).sort();
    expect(withoutWebex).toEqual(
      ['ApplyReconcilePlan', 'CreateReconcilePlan', 'EnableCalling', 'GetBulkJoiners', 'GetBulkJoinersReport', 'GetEnableCalling', 'GetReconcilePlan', 'GetReconcilePlanReport', 'GetUserHistory', 'LifecycleEvents', 'ListBulkJoiners', 'ListReconcilePlans', 'ListWebexOperations', 'StartBulkJoiners', 'StartBulkJoinersCsv', ...routes.filter((r) => r.path.startsWith('/scim/v2/')).map((r) => r.id)].sort(),
    );
  });
});
