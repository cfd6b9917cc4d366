import { GSI1, KEY, TTL_ATTRIBUTE } from './keys';

/**
 * The activity table's shape, declared once: the stack builds it from this (infra/constructs/activity-table.ts)
 * and the local runtime creates the same table in dynalite (functions/local/local-activity-table.ts).
 * Every key attribute is a string; GSI1 projects all attributes (its reads return whole items).
 */
export const ACTIVITY_TABLE = {
  partitionKey: KEY.pk,
  sortKey: KEY.sk,
  globalSecondaryIndexes: [{ indexName: GSI1, partitionKey: KEY.gsi1pk, sortKey: KEY.gsi1sk }],
  timeToLiveAttribute: TTL_ATTRIBUTE,
} as const;
