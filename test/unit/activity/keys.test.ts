import { ValidationError } from '../../../functions/lib/errors';
import { activityKeys, bulkRunKeys, decodeCursor, encodeCursor, expiresAt, planKeys } from '../../../functions/lib/activity/keys';

describe('activity table key design', () => {
  const record = { email: 'Alice@Example.com ', userId: 'P1', startedAt: '2026-12-07T01:02:03.000Z', executionName: 'joiner-abc' };

  it('puts a user\'s records in one partition by lower-cased e-mail, sorted by start time then execution', () => {
    const keys = activityKeys(record);
    expect(keys).toEqual({ pk: 'USER#alice@example.com', sk: 'ACT#2026-12-07T01:02:03.000Z#joiner-abc', gsi1pk: 'PERSON#P1', gsi1sk: keys.sk });
    // A retried step computes the same key: the conditional put then leaves the item alone.
    expect(activityKeys({ ...record })).toEqual(keys);
    // Later starts sort after earlier ones, so a descending Query is newest first.
    const later = activityKeys({ ...record, startedAt: '2026-12-07T01:02:04.000Z' });
    expect(later.sk > keys.sk).toBe(true);
  });

  it('indexes a record by person id only when the run knew it', () => {
    const keys = activityKeys({ ...record, userId: undefined });
    expect(keys.gsi1pk).toBeUndefined();
    expect(keys.gsi1sk).toBeUndefined();
  });

  it('lists bulk runs and plans each in their own GSI1 partition, newest first by time', () => {
    expect(bulkRunKeys({ executionName: 'bulk-1', startedAt: '2026-12-07T00:00:00.000Z' })).toEqual({
      pk: 'BULK#bulk-1', sk: 'RUN', gsi1pk: 'RECENT#bulkRun', gsi1sk: '2026-12-07T00:00:00.000Z#bulk-1',
    });
    expect(planKeys({ planId: 'p-1', createdAt: '2026-12-07T00:00:00.000Z' })).toEqual({
      pk: 'PLAN#p-1', sk: 'PLAN', gsi1pk: 'RECENT#plan', gsi1sk: '2026-12-07T00:00:00.000Z#p-1',
    });
  });

  it('round-trips a cursor and refuses one it did not give, naming the field', () => {
    const key = { pk: 'USER#a@b.c', sk: 'ACT#x' };
    expect(decodeCursor(encodeCursor(key), ['pk', 'sk'])).toEqual(key);
    expect(encodeCursor(undefined)).toBeUndefined();
    for (const bad of ['not-base64-json', encodeCursor({ pk: 1, sk: 'x' })!, encodeCursor({ pk: 'a' })!, encodeCursor({ pk: 'a', sk: 'b', other: 'c' })!]) {
      expect(() => decodeCursor(bad, ['pk', 'sk'])).toThrow(ValidationError);
      try {
        decodeCursor(bad, ['pk', 'sk']);
      } catch (error) {
        expect((error as ValidationError).fields[0]?.field).toBe('cursor');
      }
    }
  });

  it('expires an item the retention after its own time', () => {
    expect(expiresAt('2026-01-01T00:00:00.000Z', 400)).toBe(Date.parse('2026-01-01T00:00:00.000Z') / 1000 + 400 * 86_400);
  });
});
