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

  it('no row declares a webex flag beside its needs', () => {
    expect(routes.filter((r) => 'webex' in r).map((r) => r.id)).toEqual([]);
  });

  it('the routes that start or read executions, read the activity table or hand out report URLs need no Webex; the others do', () => {
    const withoutWebex = routes.filter((r) => !talksToWebex(r)).map((r) => r.id).sort();
    expect(withoutWebex).toEqual(
      ['ApplyReconcilePlan', 'CreateReconcilePlan', 'EnableCalling', 'GetBulkJoiners', 'GetBulkJoinersReport', 'GetEnableCalling', 'GetReconcilePlan', 'GetReconcilePlanReport', 'GetUserHistory', 'LifecycleEvents', 'ListBulkJoiners', 'ListReconcilePlans', 'ListWebexOperations', 'StartBulkJoiners', 'StartBulkJoinersCsv'].sort(),
    );
  });
});
