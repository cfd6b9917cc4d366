import { ConfigurationError, ValidationError } from '../../../functions/lib/errors';
import { JOINER_WEBEX_REQUESTS, assertScheduleFits, joinerIntervalMs, requestsPerSecond } from '../../../functions/lib/bulk/pacing';
import { bulkJoinersMachineInput } from '../../../functions/lib/bulk/joiners';
import { BulkJoinersInput } from '../../../functions/lib/schemas/bulk';

describe('bulk pacing', () => {
  it('spaces joiners by the requests one makes over the budget', () => {
    expect(requestsPerSecond({})).toBe(5);
    expect(joinerIntervalMs(5)).toBe((JOINER_WEBEX_REQUESTS / 5) * 1000);
    expect(joinerIntervalMs(100)).toBe(JOINER_WEBEX_REQUESTS * 10);
  });

  it('refuses a budget that is not a positive number', () => {
    for (const bad of ['0', '-1', 'fast', '1001']) expect(() => requestsPerSecond({ BULK_WEBEX_REQUESTS_PER_SECOND: bad })).toThrow(ConfigurationError);
    expect(requestsPerSecond({ BULK_WEBEX_REQUESTS_PER_SECOND: '2.5' })).toBe(2.5);
  });

  it('the initial rate is WEBEX_INITIAL_REQUESTS_PER_SECOND when set, over BULK_WEBEX_REQUESTS_PER_SECOND', () => {
    expect(requestsPerSecond({ BULK_WEBEX_REQUESTS_PER_SECOND: '20', WEBEX_INITIAL_REQUESTS_PER_SECOND: '8' })).toBe(8);
  });

  it('puts no start times in the BulkJoiners input: each joiner asks the shared budget when it may start', () => {
    const users = Array.from({ length: 4 }, (_, i) => ({ email: `u${i}@example.com`, displayName: `U${i}`, location: 'Headquarters' }));
    const input = bulkJoinersMachineInput(BulkJoinersInput.parse({ users }), { BULK_WEBEX_REQUESTS_PER_SECOND: '20' });
    expect(input.users).toHaveLength(4);
    expect(Object.keys(input).sort()).toEqual(['maxConcurrency', 'origin', 'publishOutcome', 'users']);
  });

  it('refuses a run the budget cannot get through in time, naming the field and the hours', () => {
    const rows = { field: 'lines', noun: 'rows', remedy: 'split the file or raise the budget' };
    expect(() => assertScheduleFits(10_000, 10_000 * 2000, rows)).not.toThrow(); // 5.6 h at the default budget
    expect(() => assertScheduleFits(10_000, 10_000 * 10_000, rows)).toThrow(/27\.8 h, more than the 20 h a run may take/);
    let thrown: unknown;
    try {
      assertScheduleFits(10_000, 10_000 * 10_000, rows);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).fields.map((f) => f.field)).toEqual(['lines']);
  });

  it('refuses a batch the budget cannot get through within a run', () => {
    const users = Array.from({ length: 100 }, (_, i) => ({ email: `u${i}@example.com`, displayName: `U${i}`, location: 'Headquarters' }));
    expect(() => bulkJoinersMachineInput(BulkJoinersInput.parse({ users }), { BULK_WEBEX_REQUESTS_PER_SECOND: '0.01' })).toThrow(/more than the 20 h/);
  });
});
