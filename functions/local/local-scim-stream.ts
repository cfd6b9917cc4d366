import { randomUUID } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { KEY } from '../lib/activity/keys';
import { systemClock } from '../lib/clock';
import { SCIM_WRITE_FILTER, SCIM_WRITE_RETRY_ATTEMPTS } from '../lib/aws/dynamodb-scim-stream';
import { scimResourceRow } from '../lib/aws/dynamodb-scim-store';
import { logger } from '../lib/logger';
import { lambdaContext } from '../lib/runtime/lambda-context';
import type { ScimItem } from '../lib/scim/store';
import type { TableChange } from './dynalite-stream';
import { matchesFilter } from './lambda-event-filter';
import type { LambdaHandler } from './local-runner';

export interface LocalScimStreamOptions {
  /** The consumer the event source mapping invokes (functions/scim-write-stream/handler.ts, composed locally). */
  consumer: LambdaHandler;
  /** Told of each delivery while it runs, so that waiting for the executions waits for the ones it starts. */
  track: (delivery: Promise<unknown>) => void;
  /** The wait before each retry (the system's timer by default; a runtime with fast waits, and the tests, skip it). */
  sleep?: (ms: number) => Promise<void>;
  /** Told of each invocation of the consumer (a retry too): what the mapping's filter lets through. */
  invoked?: () => void;
  /**
   * The wait for the mapping's next poll of the shard, before each record at the head of its item's queue (the
   * system's timer, POLL_INTERVAL_MS, by default; a runtime with fast waits takes a turn of the event loop).
   */
  nextPoll?: () => Promise<void>;
}

/**
 * Lambda polls a DynamoDB stream's shards 4 times a second (docs.aws.amazon.com/lambda/latest/dg/with-ddb.html,
 * "Polling and batching streams"), so a record reaches the consumer within a quarter of a second. Locally it waits
 * the whole interval: the apply it starts runs in the writer's own process, and handed over at once it would compete
 * with the request that stored the write while that request still answers, which in AWS never shares its CPU.
 */
export const POLL_INTERVAL_MS = 250;
const untilNextPoll = () => systemClock.sleep(POLL_INTERVAL_MS);

/**
 * The wait before retry `n` (1-based) of a failed delivery: doubling from a second, at most ten. The mapping does
 * not retry a failed batch at once, over and over: it backs off between attempts and holds the shard's later records
 * meanwhile (AWS does not publish its intervals; these keep a local run's retries, ten of them, to about a minute
 * and a quarter, as the resource's later writes wait behind them).
 */
export function retryDelayMs(n: number): number {
  return Math.min(RETRY_MAX_DELAY_MS, RETRY_FIRST_DELAY_MS * 2 ** (n - 1));
}
const RETRY_FIRST_DELAY_MS = 1_000;
const RETRY_MAX_DELAY_MS = 10_000;

type Image = Record<string, AttributeValue>;
export type StreamRecord = ReturnType<typeof streamRecord>;

/**
 * The activity table's stream and its event source mapping, locally: told of every change to the table's items
 * (dynalite-stream.ts: the item after and before, NEW_AND_OLD_IMAGES), it keeps the records the mapping's filter
 * passes (SCIM_WRITE_FILTER, the pattern the stack declares) and hands each to the consumer at the mapping's next
 * poll (nextPoll), never on the writing request's path. Records of one item are delivered in the order they were
 * written, one at a time; a delivery that fails (a batch item failure or an error) is retried as the mapping
 * retries it, after a growing wait (retryDelayMs), then logged as the DLQ would receive it.
 */
export function localScimStream(options: LocalScimStreamOptions): (change: Omit<TableChange, 'tableName'>) => void {
  const queues = new Map<string, Promise<void>>();
  const sleep = options.sleep ?? systemClock.sleep;
  const nextPoll = options.nextPoll ?? untilNextPoll;
  let sequence = 0;
  return (change) => {
    sequence += 1;
    const record = streamRecord(change, String(sequence).padStart(21, '0'));
    if (!matchesFilter(SCIM_WRITE_FILTER, record)) return;
    const keys = record.dynamodb.Keys;
    const key = `${keys[KEY.pk]?.S}#${keys[KEY.sk]?.S}`;
    // The images as the stream keeps them: a copy, whatever the table does with its objects afterwards.
    const event = JSON.stringify({ Records: [record] });
    const delivery = (queues.get(key) ?? Promise.resolve())
      .then(nextPoll)
      .then(() => deliver(options, event, record.dynamodb.SequenceNumber, sleep));
    const queued = delivery.finally(() => {
      if (queues.get(key) === queued) queues.delete(key);
    });
    queues.set(key, queued);
    options.track(queued);
  };
}

/** A SCIM resource's write as the table's stream sees it: its row after and, for a change, before. */
export function scimChange(item: ScimItem, previous: ScimItem | undefined): Omit<TableChange, 'tableName'> {
  const image = (i: ScimItem): Image => marshall(scimResourceRow(i), { removeUndefinedValues: true });
  return { eventName: previous ? 'MODIFY' : 'INSERT', newImage: image(item), ...(previous ? { oldImage: image(previous) } : {}) };
}

/** The record DynamoDB Streams carries for a SCIM resource's write (NEW_AND_OLD_IMAGES), as Lambda receives it. */
export function scimStreamRecord(item: ScimItem, previous: ScimItem | undefined, sequenceNumber: string): StreamRecord {
  return streamRecord(scimChange(item, previous), sequenceNumber);
}

function streamRecord(change: Omit<TableChange, 'tableName'>, sequenceNumber: string) {
  const image = (change.newImage ?? change.oldImage)!;
  return {
    eventID: randomUUID(),
    eventName: change.eventName,
    eventSource: 'aws:dynamodb',
    eventVersion: '1.1',
    awsRegion: 'us-east-1',
    dynamodb: {
      Keys: { [KEY.pk]: image[KEY.pk], [KEY.sk]: image[KEY.sk] },
      ...(change.newImage ? { NewImage: change.newImage } : {}),
      ...(change.oldImage ? { OldImage: change.oldImage } : {}),
      SequenceNumber: sequenceNumber,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

async function deliver(options: LocalScimStreamOptions, event: string, sequenceNumber: string, sleep: (ms: number) => Promise<void>): Promise<void> {
  let failure = '';
  for (let attempt = 0; attempt <= SCIM_WRITE_RETRY_ATTEMPTS; attempt += 1) {
    if (attempt > 0) await sleep(retryDelayMs(attempt));
    try {
      options.invoked?.();
      const out = (await options.consumer(JSON.parse(event), lambdaContext('ScimWriteStream', randomUUID()))) as { batchItemFailures?: unknown[] } | null;
      if (!out?.batchItemFailures?.length) return;
      failure = 'a batch item failure';
    } catch (error) {
      failure = error instanceof Error ? error.name : 'Error';
    }
  }
  logger.error('local SCIM stream: the write\'s apply could not be started; in AWS its record goes to the DLQ', { sequenceNumber, failure });
}
