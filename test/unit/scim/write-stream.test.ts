import { SCIM_WRITE_FILTER, SCIM_WRITE_RETRY_ATTEMPTS, scimWritesOf, type ScimStreamEvent } from '../../../functions/lib/aws/dynamodb-scim-stream';
import { appliesAfterWrite, scimApplyExecutionName } from '../../../functions/lib/scim/apply-starts';
import { runScimApplyStep, type ScimApplyStepContext } from '../../../functions/lib/scim/apply-steps';
import type { ScimItem } from '../../../functions/lib/scim/store';
import type { StateMachines } from '../../../functions/lib/state-machines/ports';
import type { StartResult } from '../../../functions/lib/state-machines/starter';
import { matchesFilter } from '../../../functions/local/lambda-event-filter';
import { POLL_INTERVAL_MS, localScimStream, retryDelayMs, scimChange } from '../../../functions/local/local-scim-stream';
import { lambdaContext } from '../../../functions/lib/runtime/lambda-context';
import { createHandler } from '../../../functions/scim-write-stream/handler';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

const user = (id: string, version: number, extra: Partial<ScimItem> = {}): ScimItem => ({
  id, resourceType: 'User', state: { schemas: [USER], userName: `${id}@example.com` } as ScimItem['state'], version,
  created: '2026-01-01T00:00:00.000Z', lastModified: '2026-01-01T00:00:00.000Z', createDigest: 'd', appliedVersion: 0, callingStatus: 'pending', ...extra,
});
const group = (id: string, version: number, members: string[], displayName = 'Callers', extra: Partial<ScimItem> = {}): ScimItem => ({
  ...user(id, version), resourceType: 'Group', state: { displayName, members: members.map((value) => ({ value })) } as ScimItem['state'], ...extra,
});

/** The records the local stream hands its consumer: the same shape as DynamoDB Streams' (NEW_AND_OLD_IMAGES). */
async function streamed(writes: [ScimItem, ScimItem | undefined][]): Promise<ScimStreamEvent['Records']> {
  const records: ScimStreamEvent['Records'] = [];
  const pending: Promise<unknown>[] = [];
  const emit = localScimStream({ consumer: async (event) => void records.push(...(event as ScimStreamEvent).Records), track: (p) => pending.push(p) });
  for (const [item, previous] of writes) emit(scimChange(item, previous));
  await Promise.all(pending);
  return records;
}

const matches = matchesFilter;

function fakeStateMachines(fail?: (name: string) => boolean) {
  const started: string[] = [];
  const seen = new Set<string>();
  const stateMachines = {
    starter: () => ({
      start: async (id: string, input: unknown, executionName: string): Promise<StartResult> => {
        if (fail?.(executionName)) throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
        started.push(`${id} ${executionName} ${JSON.stringify(input)}`);
        const status = seen.has(executionName) ? 'DUPLICATE' : 'STARTED';
        seen.add(executionName);
        return { stateMachine: 'ScimApply', executionName, status };
      },
    }),
  } as unknown as StateMachines;
  return { stateMachines, started };
}

describe('the SCIM writes\' stream consumer', () => {
  it('starts a user\'s apply for each new version, under the version\'s own name, and nothing for a write that kept the version', () => {
    expect(appliesAfterWrite(user('u1', 1), undefined)).toEqual([{ userId: 'u1', executionName: 'scim-u1-1' }]);
    expect(appliesAfterWrite(user('u1', 2), user('u1', 1))).toEqual([{ userId: 'u1', executionName: 'scim-u1-2' }]);
    expect(appliesAfterWrite(user('u1', 3, { deleted: true }), user('u1', 2))).toEqual([{ userId: 'u1', executionName: 'scim-u1-3' }]);
    // The apply's own writes (applied version, status, lease) keep the version.
    expect(appliesAfterWrite(user('u1', 2, { appliedVersion: 2, callingStatus: 'applied' }), user('u1', 2))).toEqual([]);
  });

  it('fans a group\'s write out to the members whose membership it changed, all of them on a rename or a delete', () => {
    const cause = (userId: string, version: number) => ({ userId, executionName: scimApplyExecutionName(userId, { groupId: 'g1', groupVersion: version }) });
    expect(appliesAfterWrite(group('g1', 1, ['a', 'b']), undefined)).toEqual([cause('a', 1), cause('b', 1)]);
    expect(appliesAfterWrite(group('g1', 2, ['a', 'c']), group('g1', 1, ['a', 'b']))).toEqual([cause('c', 2), cause('b', 2)]);
    expect(appliesAfterWrite(group('g1', 3, ['a', 'c'], 'Sales'), group('g1', 2, ['a', 'c']))).toEqual([cause('a', 3), cause('c', 3)]);
    expect(appliesAfterWrite(group('g1', 4, ['a', 'c'], 'Sales', { deleted: true }), group('g1', 3, ['a', 'c'], 'Sales'))).toEqual([cause('a', 4), cause('c', 4)]);
    expect(appliesAfterWrite(group('g1', 5, ['a']), group('g1', 5, ['a']))).toEqual([]);
    expect(cause('a', 1).executionName).toBe('scimg-a-g1-1');
  });

  it('reads the SCIM resource rows of a batch from their images, and passes over other rows and removals', async () => {
    const [inserted, modified] = await streamed([[user('u1', 1), undefined], [user('u1', 2), user('u1', 1)]]);
    expect(inserted.eventName).toBe('INSERT');
    expect(modified.eventName).toBe('MODIFY');
    const other = { eventName: 'INSERT' as const, dynamodb: { SequenceNumber: '9', NewImage: { pk: { S: 'USER#x' }, itemKind: { S: 'activity' } } } };
    const removed = { ...modified, eventName: 'REMOVE' as const };
    const writes = scimWritesOf({ Records: [inserted, other, removed, modified] });
    expect(writes.map((w) => [w.sequenceNumber, w.item, w.previous])).toEqual([
      [inserted.dynamodb.SequenceNumber, user('u1', 1), undefined],
      [modified.dynamodb.SequenceNumber, user('u1', 2), user('u1', 1)],
    ]);
  });

  it('is invoked by the event source mapping\'s filter for SCIM resource inserts and changes only', async () => {
    const records = await streamed([[user('u1', 1), undefined], [group('g1', 2, ['u1']), group('g1', 1, [])]]);
    for (const record of records) expect(matches(SCIM_WRITE_FILTER, record)).toBe(true);
    expect(matches(SCIM_WRITE_FILTER, { ...records[0], eventName: 'REMOVE' })).toBe(false);
    expect(matches(SCIM_WRITE_FILTER, { eventName: 'MODIFY', dynamodb: { NewImage: { itemKind: { S: 'scimKey' } } } })).toBe(false);
    expect(matches(SCIM_WRITE_FILTER, { eventName: 'INSERT', dynamodb: { NewImage: { itemKind: { S: 'pace' } } } })).toBe(false);
    // The apply's own writes (its lease, what it applied) mark the row; a request's write removes the mark.
    const applied = { ...records[0], eventName: 'MODIFY', dynamodb: { ...records[0].dynamodb, NewImage: { ...records[0].dynamodb.NewImage, applyWrite: { BOOL: true } } } };
    expect(matches(SCIM_WRITE_FILTER, applied)).toBe(false);
    expect(scimWritesOf({ Records: [applied as ScimStreamEvent['Records'][number]] })).toEqual([]);
  });

  it('runs the mapping\'s filter locally: an apply\'s own write invokes nothing, a request\'s write after it does', async () => {
    const invoked: string[] = [];
    const pending: Promise<unknown>[] = [];
    const emit = localScimStream({ consumer: async (event) => void invoked.push(...(event as ScimStreamEvent).Records.map((r) => r.eventName)), track: (p) => pending.push(p) });
    const { newImage } = scimChange(user('u1', 1), undefined);
    const leased = { ...newImage!, applyWrite: { BOOL: true }, applyLease: { M: { owner: { S: 'scim-u1-1' } } } };
    emit({ eventName: 'MODIFY', newImage: leased, oldImage: newImage });
    emit({ eventName: 'INSERT', newImage: { pk: { S: 'SCIMKEY#x' }, sk: { S: 'x' }, itemKind: { S: 'scimKey' } } });
    await Promise.all(pending);
    expect(invoked).toEqual([]);
    const { newImage: next } = scimChange(user('u1', 2), undefined);
    emit({ eventName: 'MODIFY', newImage: next, oldImage: leased });
    await Promise.all(pending);
    expect(invoked).toEqual(['MODIFY']);
  });

  it('starts ScimApply for each write in order; a redelivered batch meets the same names (duplicates, nothing new runs)', async () => {
    const { stateMachines, started } = fakeStateMachines();
    const handler = createHandler({ stateMachines });
    const event = { Records: await streamed([[user('u1', 1), undefined], [group('g1', 1, ['u1', 'u2']), undefined], [user('u1', 2, { appliedVersion: 1 }), user('u1', 1)]]) };
    expect(await handler(event, lambdaContext('ScimWriteStream', 'r1'))).toEqual({ batchItemFailures: [] });
    expect(await handler(event, lambdaContext('ScimWriteStream', 'r2'))).toEqual({ batchItemFailures: [] });
    const input = (id: string) => JSON.stringify({ resourceType: 'User', resourceId: id });
    const once = [`ScimApply scim-u1-1 ${input('u1')}`, `ScimApply scimg-u1-g1-1 ${input('u1')}`, `ScimApply scimg-u2-g1-1 ${input('u2')}`, `ScimApply scim-u1-2 ${input('u1')}`];
    expect(started).toEqual([...once, ...once]);
  });

  it('answers the first write it could not start as the batch item failure, and starts none after it (the mapping retries from there, in order)', async () => {
    const { stateMachines, started } = fakeStateMachines((name) => name === 'scim-u2-1');
    const records = await streamed([[user('u1', 1), undefined], [user('u2', 1), undefined], [user('u3', 1), undefined]]);
    const out = await createHandler({ stateMachines })({ Records: records }, lambdaContext('ScimWriteStream', 'r1'));
    expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: records[1].dynamodb.SequenceNumber }] });
    expect(started.map((s) => s.split(' ')[1])).toEqual(['scim-u1-1']);
  });

  it('delivers a resource\'s writes locally in the order they were written, after the write, and retries a failed delivery after a wait', async () => {
    const delivered: string[] = [];
    const waits: number[] = [];
    let failures = 1;
    const pending: Promise<unknown>[] = [];
    const emit = localScimStream({
      consumer: async (event) => {
        const version = (event as ScimStreamEvent).Records[0].dynamodb.NewImage!.version as { N: string };
        if (version.N === '2' && failures-- > 0) return { batchItemFailures: [{ itemIdentifier: 'x' }] };
        delivered.push(version.N);
        return { batchItemFailures: [] };
      },
      track: (p) => pending.push(p),
      sleep: async (ms) => void waits.push(ms),
    });
    emit(scimChange(user('u1', 1), undefined));
    emit(scimChange(user('u1', 2), user('u1', 1)));
    emit(scimChange(user('u1', 3), user('u1', 2)));
    // Nothing is handed over on the writer's own turn.
    expect(delivered).toEqual([]);
    await Promise.all(pending);
    expect(delivered).toEqual(['1', '2', '3']);
    expect(waits).toEqual([retryDelayMs(1)]);
  });

  it('hands a record over at the mapping\'s next poll of the shard, not while the writing request still answers', async () => {
    const delivered: string[] = [];
    const pending: Promise<unknown>[] = [];
    const polls: (() => void)[] = [];
    const emit = localScimStream({
      consumer: async (event) => void delivered.push(((event as ScimStreamEvent).Records[0].dynamodb.NewImage!.version as { N: string }).N),
      track: (p) => pending.push(p),
      nextPoll: () => new Promise<void>((resolve) => polls.push(resolve)),
    });
    emit(scimChange(user('u1', 1), undefined));
    emit(scimChange(user('u1', 2), user('u1', 1)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(polls).toHaveLength(1);
    expect(delivered).toEqual([]);
    polls[0]();
    await new Promise((resolve) => setImmediate(resolve));
    // The item's next record waits for a poll of its own, after the first was handled.
    expect(delivered).toEqual(['1']);
    expect(polls).toHaveLength(2);
    polls[1]();
    await Promise.all(pending);
    expect(delivered).toEqual(['1', '2']);
    expect(POLL_INTERVAL_MS).toBe(250);
  });

  it('backs off between the retries of a delivery that keeps failing, as the mapping does, and holds the resource\'s later writes behind it', async () => {
    const calls: string[] = [];
    const waits: { ms: number; after: number }[] = [];
    const pending: Promise<unknown>[] = [];
    const emit = localScimStream({
      consumer: async (event) => {
        const version = (event as ScimStreamEvent).Records[0].dynamodb.NewImage!.version as { N: string };
        calls.push(version.N);
        if (version.N === '1') throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
        return { batchItemFailures: [] };
      },
      track: (p) => pending.push(p),
      sleep: async (ms) => void waits.push({ ms, after: calls.length }),
    });
    emit(scimChange(user('u1', 1), undefined));
    emit(scimChange(user('u1', 2), user('u1', 1)));
    await Promise.all(pending);
    // The first attempt and its retries (the mapping's retryAttempts), a wait before each retry; then the next write.
    expect(calls).toEqual([...Array.from({ length: SCIM_WRITE_RETRY_ATTEMPTS + 1 }, () => '1'), '2']);
    expect(waits.map((w) => w.after)).toEqual(Array.from({ length: SCIM_WRITE_RETRY_ATTEMPTS }, (_, i) => i + 1));
    expect(waits.map((w) => w.ms)).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000]);
  });

  it('lets the apply a group starts for a member that is no user end at once, and one whose user is leased wait', async () => {
    const held = user('u1', 1);
    const store = { takeLease: async () => false, get: async (_type: string, id: string) => (id === 'u1' ? held : undefined) };
    const ctx = { scim: () => store } as unknown as ScimApplyStepContext;
    const next = (resourceId: string) => runScimApplyStep(ctx, { step: 'next', resourceType: 'User', resourceId, owner: 'scimg-x' });
    expect(await next('nobody')).toEqual({ action: 'done' });
    expect(await next('u1')).toEqual({ action: 'held' });
  });
});
