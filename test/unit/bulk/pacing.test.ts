import { ConfigurationError, ValidationError } from '../../../functions/lib/errors';
import { JOINER_WEBEX_REQUESTS, assertScheduleFits, joinerIntervalMs, requestsPerSecond, startSchedule } from '../../../functions/lib/bulk/pacing';
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

  it('gives absolute start times from the run start, continuing from a batch offset', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    expect(startSchedule(3, start, 250)).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.250Z', '2026-01-01T00:00:00.500Z']);
    expect(startSchedule(2, start, 2000, 100)).toEqual(['2026-01-01T00:03:20.000Z', '2026-01-01T00:03:22.000Z']);
  });

  it('puts one start time per user in the BulkJoiners input', () => {
    const users = Array.from({ length: 4 }, (_, i) => ({ email: `u${i}@example.com`, displayName: `U${i}`, location: 'Headquarters' }));
    const start = Date.parse('2026-01-01T00:00:00Z');
    const input = bulkJoinersMachineInput(BulkJoinersInput.parse({ users }), { BULK_WEBEX_REQUESTS_PER_SECOND: '20' }, start);
    expect(input.schedule).toHaveLength(4);
    expect(Date.parse(input.schedule[3]) - start).toBe(3 * joinerIntervalMs(20));
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
