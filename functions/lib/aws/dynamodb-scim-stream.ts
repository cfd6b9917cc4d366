import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import { ITEM_KIND } from '../activity/keys';
import type { ScimWrite } from '../scim/apply-starts';
import { SCIM_RESOURCE_KIND, scimItemOf } from './dynamodb-scim-store';

/**
 * The event source mapping's filter (Lambda event filtering, FilterCriteria): inserts and changes of SCIM resource
 * rows only, so the activity records, markers, e-mail index items, the pacing item and TTL deletions never invoke
 * the consumer. It cannot compare two images: a change that kept the version (the apply's own bookkeeping) still
 * arrives, and starts nothing (apply-starts.ts).
 */
export const SCIM_WRITE_FILTER = {
  eventName: ['INSERT', 'MODIFY'],
  dynamodb: { NewImage: { [ITEM_KIND]: { S: [SCIM_RESOURCE_KIND] } } },
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
    if (record.eventName === 'REMOVE' || after?.[ITEM_KIND] !== SCIM_RESOURCE_KIND) return [];
    const before = itemOf(record.dynamodb.OldImage);
    return [{ sequenceNumber: record.dynamodb.SequenceNumber, item: scimItemOf(after), ...(before ? { previous: scimItemOf(before) } : {}) }];
  });
}
