import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import { ITEM_KIND } from '../activity/keys';
import type { ScimWrite } from '../scim/apply-starts';
import { APPLY_WRITE, SCIM_RESOURCE_KIND, scimItemOf } from './dynamodb-scim-store';

/**
 * The event source mapping's filter (Lambda event filtering, FilterCriteria): inserts and changes of SCIM resource
 * rows written by a SCIM request only, so the activity records, markers, e-mail index items, the pacing item, TTL
 * deletions and the apply's own bookkeeping (its lease, what it applied: each sets APPLY_WRITE, which a request's
 * write removes) never invoke the consumer. A filter cannot compare two images; the marker says what the version
 * would: a row whose last writer was the apply kept its version, and its apply started nothing (apply-starts.ts).
 * Nothing waits for those records: an apply that finds the lease held waits and asks again (WaitForLease), and the
 * apply that releases it reads the row once more. A row written before the marker existed lacks it and passes, as
 * before. `exists` matches leaves only, so it names the attribute's DynamoDB JSON type key (Lambda developer guide,
 * "Using event filtering with a DynamoDB event source", the Exists operator). The local runtime's stream runs this
 * same pattern (functions/local/local-scim-stream.ts).
 */
export const SCIM_WRITE_FILTER = {
  eventName: ['INSERT', 'MODIFY'],
  dynamodb: { NewImage: { [ITEM_KIND]: { S: [SCIM_RESOURCE_KIND] }, [APPLY_WRITE]: { BOOL: [{ exists: false }] } } },
} as const;

/** Records a consumer invocation takes at most: a burst of writes starts its applies in few invocations. */
export const SCIM_WRITE_BATCH_SIZE = 100;
/** Retries of a batch that fails before its records go to the DLQ (each split in two first: bisect). */
export const SCIM_WRITE_RETRY_ATTEMPTS = 10;

const Image = z.record(z.string(), z.unknown());

/** What the consumer reads of a DynamoDB stream event (NEW_AND_OLD_IMAGES); the rest of each record passes unread. */
export const ScimStreamEvent = z.looseObject({
  Records: z.array(z.looseObject({
    eventName: z.enum(['INSERT', 'MODIFY', 'REMOVE']),
    dynamodb: z.looseObject({ SequenceNumber: z.string().min(1), NewImage: Image.optional(), OldImage: Image.optional() }),
  })),
});
export type ScimStreamEvent = z.output<typeof ScimStreamEvent>;

const itemOf = (image: Record<string, unknown> | undefined) => (image ? unmarshall(image as Record<string, AttributeValue>) : undefined);

/** The SCIM resource writes of a batch, in its order: the filter's match, checked again here (any record may be sent). */
export function scimWritesOf(event: ScimStreamEvent): ScimWrite[] {
  return event.Records.flatMap((record) => {
    const after = itemOf(record.dynamodb.NewImage);
    if (record.eventName === 'REMOVE' || after?.[ITEM_KIND] !== SCIM_RESOURCE_KIND || after[APPLY_WRITE] !== undefined) return [];
    const before = itemOf(record.dynamodb.OldImage);
    return [{ sequenceNumber: record.dynamodb.SequenceNumber, item: scimItemOf(after), ...(before ? { previous: scimItemOf(before) } : {}) }];
  });
}
