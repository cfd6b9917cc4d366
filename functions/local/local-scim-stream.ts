import { randomUUID } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { scimKey } from '../lib/activity/keys';
import { SCIM_WRITE_RETRY_ATTEMPTS } from '../lib/aws/dynamodb-scim-stream';
import { scimResourceRow } from '../lib/aws/dynamodb-scim-store';
import { logger } from '../lib/logger';
import { lambdaContext } from '../lib/runtime/lambda-context';
import type { ScimItem } from '../lib/scim/store';
import type { LambdaHandler } from './local-runner';

export interface LocalScimStreamOptions {
  /** The consumer the event source mapping invokes (functions/scim-write-stream/handler.ts, composed locally). */
  consumer: LambdaHandler;
  /** Told of each delivery while it runs, so that waiting for the executions waits for the ones it starts. */
  track: (delivery: Promise<unknown>) => void;
  /** The wait before each retry (the system's timer by default; a runtime with fast waits, and the tests, skip it). */
  sleep?: (ms: number) => Promise<void>;
}

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

const image = (item: ScimItem): Record<string, AttributeValue> => marshall(scimResourceRow(item), { removeUndefinedValues: true });

/**
 * The activity table's stream and its event source mapping, locally: each SCIM resource write, as soon as its item
 * is stored, becomes the record DynamoDB Streams would carry (NEW_AND_OLD_IMAGES), handed to the consumer on a later
 * turn of the event loop, never on the writing request's path. Records of one resource are delivered in the order
 * they were written, one at a time; a delivery that fails (a batch item failure or an error) is retried as the
 * mapping retries it, after a growing wait (retryDelayMs), then logged as the DLQ would receive it.
 */
export function localScimStream(options: LocalScimStreamOptions): (item: ScimItem, previous: ScimItem | undefined) => void {
  const queues = new Map<string, Promise<void>>();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let sequence = 0;
  return (item, previous) => {
    const key = `${item.resourceType}#${item.id}`;
    sequence += 1;
    const record = scimStreamRecord(item, previous, String(sequence).padStart(21, '0'));
    const delivery = (queues.get(key) ?? Promise.resolve())
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => deliver(options.consumer, { Records: [record] }, sleep));
    const queued = delivery.finally(() => {
      if (queues.get(key) === queued) queues.delete(key);
    });
    queues.set(key, queued);
    options.track(queued);
  };
}

/** The record DynamoDB Streams carries for a SCIM resource's write (NEW_AND_OLD_IMAGES), as Lambda receives it. */
export function scimStreamRecord(item: ScimItem, previous: ScimItem | undefined, sequenceNumber: string) {
  return {
    eventID: randomUUID(),
    eventName: previous ? 'MODIFY' : 'INSERT',
    eventSource: 'aws:dynamodb',
    eventVersion: '1.1',
    awsRegion: 'us-east-1',
    dynamodb: {
      Keys: marshall(scimKey(item.resourceType, item.id)),
      NewImage: image(item),
      ...(previous ? { OldImage: image(previous) } : {}),
      SequenceNumber: sequenceNumber,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

async function deliver(consumer: LambdaHandler, event: { Records: { dynamodb: { SequenceNumber: string } }[] }, sleep: (ms: number) => Promise<void>): Promise<void> {
  let failure = '';
  for (let attempt = 0; attempt <= SCIM_WRITE_RETRY_ATTEMPTS; attempt += 1) {
    if (attempt > 0) await sleep(retryDelayMs(attempt));
    try {
      const out = (await consumer(JSON.parse(JSON.stringify(event)), lambdaContext('ScimWriteStream', randomUUID()))) as { batchItemFailures?: unknown[] } | null;
      if (!out?.batchItemFailures?.length) return;
      failure = 'a batch item failure';
    } catch (error) {
      failure = error instanceof Error ? error.name : 'Error';
    }
  }
  logger.error('local SCIM stream: the write\'s apply could not be started; in AWS its record goes to the DLQ', { sequenceNumber: event.Records[0].dynamodb.SequenceNumber, failure });
}
