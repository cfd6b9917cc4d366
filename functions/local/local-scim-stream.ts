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
}

const image = (item: ScimItem): Record<string, AttributeValue> => marshall(scimResourceRow(item), { removeUndefinedValues: true });

/**
 * The activity table's stream and its event source mapping, locally: each SCIM resource write, as soon as its item
 * is stored, becomes the record DynamoDB Streams would carry (NEW_AND_OLD_IMAGES), handed to the consumer on a later
 * turn of the event loop, never on the writing request's path. Records of one resource are delivered in the order
 * they were written, one at a time; a delivery that fails (a batch item failure or an error) is retried as the
 * mapping retries it, then logged as the DLQ would receive it.
 */
export function localScimStream(options: LocalScimStreamOptions): (item: ScimItem, previous: ScimItem | undefined) => void {
  const queues = new Map<string, Promise<void>>();
  let sequence = 0;
  return (item, previous) => {
    const key = `${item.resourceType}#${item.id}`;
    sequence += 1;
    const record = scimStreamRecord(item, previous, String(sequence).padStart(21, '0'));
    const delivery = (queues.get(key) ?? Promise.resolve())
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => deliver(options.consumer, { Records: [record] }));
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

async function deliver(consumer: LambdaHandler, event: { Records: { dynamodb: { SequenceNumber: string } }[] }): Promise<void> {
  let failure = '';
  for (let attempt = 0; attempt <= SCIM_WRITE_RETRY_ATTEMPTS; attempt += 1) {
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
