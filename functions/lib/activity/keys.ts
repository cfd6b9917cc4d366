import { ValidationError } from '../errors';
import type { ActivityRecord, BulkRunSummary, PlanSummary } from './records';

/**
 * The activity table's key design, one table for every kind of item (single-table): the base key
 * `pk`/`sk` and one overloaded index, GSI1 (`gsi1pk`/`gsi1sk`). Every read is a Query on one of them:
 *
 * | item        | pk                    | sk                                 | gsi1pk            | gsi1sk                     |
 * | ----------- | --------------------- | ---------------------------------- | ----------------- | -------------------------- |
 * | activity    | USER#<email, lower>   | ACT#<startedAt>#<executionName>    | PERSON#<userId>   | ACT#<startedAt>#<exec>     |
 * | bulk run    | BULK#<executionName>  | RUN                                | RECENT#bulkRun    | <startedAt>#<executionName> |
 * | plan        | PLAN#<planId>         | PLAN                               | RECENT#plan       | <createdAt>#<planId>       |
 * | SCIM res.   | SCIM#<id>             | <User or Group>                    | SCIMLIST#<type>   | <userName/displayName, lower>#<id> |
 * | SCIM unique | SCIMKEY#<type>#<attr>#<value> | KEY (holds the owner's id) | —                 | —                          |
 * | SCIM e-mail | SCIMMAIL#<e-mail, lower> | <id> (each address but the userName) | —             | —                          |
 * | pace budget | PACE#webex            | BUDGET                             |                   |                            |
 *
 * - a user's history: Query pk = USER#…, sk begins_with ACT#, newest first (ScanIndexForward false);
 *   by Webex person id the same on GSI1 (a user the runs found carries its id);
 * - recent bulk runs / plans: Query GSI1 on RECENT#…, newest first. One partition per list: a run or a plan
 *   is written a few times in its life, far below a partition's 1,000 writes a second.
 * - an activity item's key is the run's start time and execution name: a retried step writes the same item,
 *   and its conditional put (attribute_not_exists) makes the retry a no-op.
 * - a SCIM resource by id: GetItem SCIM#<id>; by a unique attribute (userName, externalId, a group's displayName):
 *   GetItem on its marker, then the resource; by e-mail: Query SCIMMAIL#<e-mail> and GetItem on that address's
 *   userName marker at once; a page of all: Query GSI1 on
 *   SCIMLIST#<type> in name order (a deleted resource leaves the list: its GSI1 keys are dropped). SCIM items never
 *   expire while they exist (no TTL), a deleted one after the retention.
 * - the pacing budget (pacing/budget.ts): one item per deployment (a table is one deployment's, and a deployment
 *   speaks to one organisation), read consistently and replaced by a conditional put on its `version`; never listed,
 *   never expires (the discovered rate outlives a run).
 * Later kinds take their own pk prefixes and, if listed, their own RECENT#.
 */
export const KEY = { pk: 'pk', sk: 'sk', gsi1pk: 'gsi1pk', gsi1sk: 'gsi1sk' } as const;
export const GSI1 = 'gsi1';
/** Every item says what it is here (its own fields may have a `kind` of their own). */
export const ITEM_KIND = 'itemKind';
/** The TTL attribute (epoch seconds) the table is configured with. */
export const TTL_ATTRIBUTE = 'expiresAt';

export type ItemKind = 'activity' | 'bulkRun' | 'plan' | 'scimResource' | 'scimKey' | 'scimEmail' | 'pace';
export interface ItemKeys {
  pk: string;
  sk: string;
  gsi1pk?: string;
  gsi1sk?: string;
}

const ACTIVITY_SK_PREFIX = 'ACT#';
export const userPartition = (email: string) => `USER#${email.trim().toLowerCase()}`;
export const personPartition = (userId: string) => `PERSON#${userId}`;
export const RECENT = { bulkRun: 'RECENT#bulkRun', plan: 'RECENT#plan' } as const;

export function activityKeys(record: Pick<ActivityRecord, 'email' | 'userId' | 'startedAt' | 'executionName'>): ItemKeys {
  const sk = `${ACTIVITY_SK_PREFIX}${record.startedAt}#${record.executionName}`;
  return { pk: userPartition(record.email), sk, ...(record.userId ? { gsi1pk: personPartition(record.userId), gsi1sk: sk } : {}) };
}

export const activitySkPrefix = ACTIVITY_SK_PREFIX;

export const bulkRunKeys = (run: Pick<BulkRunSummary, 'executionName' | 'startedAt'>): ItemKeys => ({
  pk: `BULK#${run.executionName}`,
  sk: 'RUN',
  gsi1pk: RECENT.bulkRun,
  gsi1sk: `${run.startedAt}#${run.executionName}`,
});

export const planKeys = (plan: Pick<PlanSummary, 'planId' | 'createdAt'>): ItemKeys => ({
  pk: `PLAN#${plan.planId}`,
  sk: 'PLAN',
  gsi1pk: RECENT.plan,
  gsi1sk: `${plan.createdAt}#${plan.planId}`,
});
export const scimKey = (type: string, id: string) => ({ pk: `SCIM#${id}`, sk: type });
export const scimListPartition = (type: string) => `SCIMLIST#${type}`;
export const scimListSortKey = (name: string, id: string) => `${name.toLowerCase()}#${id}`;
/** A unique value's marker: userName and displayName compare case-insensitively (RFC 7643 caseExact false), externalId exactly. */
export const scimUniqueKey = (type: string, attribute: string, value: string) => ({
  pk: `SCIMKEY#${type}#${attribute}#${attribute === 'externalId' ? value : value.toLowerCase()}`,
  sk: 'KEY',
});
export const scimEmailKey = (email: string, id: string) => ({ pk: `SCIMMAIL#${email.trim().toLowerCase()}`, sk: id });
export const bulkRunKey = (executionName: string) => ({ pk: `BULK#${executionName}`, sk: 'RUN' });
export const planKey = (planId: string) => ({ pk: `PLAN#${planId}`, sk: 'PLAN' });
export const PACE_KEY = { pk: 'PACE#webex', sk: 'BUDGET' } as const;

/** Largest page a list route answers, and the page it answers without `limit`. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

/**
 * The position after a page, for the next request: DynamoDB's LastEvaluatedKey, opaque to the caller
 * (base64url JSON). Only key attributes with string values come back from a cursor: anything else is a 400.
 */
export function encodeCursor(lastKey: Record<string, unknown> | undefined): string | undefined {
  return lastKey ? Buffer.from(JSON.stringify(lastKey)).toString('base64url') : undefined;
}

export function decodeCursor(cursor: string | undefined, expected: readonly string[]): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () => new ValidationError([{ field: 'cursor', message: 'is not a cursor this list gave: start again without it' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid();
  const entries = Object.entries(parsed);
  const ok = entries.length === expected.length && entries.every(([k, v]) => expected.includes(k) && typeof v === 'string' && v.length <= 2048);
  if (!ok) throw invalid();
  return parsed as Record<string, string>;
}

/** The epoch second an item expires at: `retentionDays` after `from`. */
export function expiresAt(from: string, retentionDays: number): number {
  return Math.floor(Date.parse(from) / 1000) + Math.round(retentionDays * 86_400);
}
