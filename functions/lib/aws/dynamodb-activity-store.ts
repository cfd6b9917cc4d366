import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import {
  DEFAULT_PAGE_SIZE, GSI1, ITEM_KIND, KEY, MAX_PAGE_SIZE, RECENT, TTL_ATTRIBUTE, activityKeys, activitySkPrefix, bulkRunKey, bulkRunKeys, decodeCursor,
  encodeCursor, expiresAt, personPartition, planKey, planKeys, userPartition, type ItemKeys, type ItemKind,
} from '../activity/keys';
import { ActivityRecord, BulkRunSummary, PlanSummary, type Page, type PageRequest } from '../activity/records';
import type { ActivityStore } from '../activity/store';
import { bulkRunOf } from '../activity/trigger';

/** The table could not be written or read (throttled past the SDK's retries, unavailable): a step retries it. */
export class ActivityStoreUnavailableError extends Error {
  override readonly name = 'ActivityStoreUnavailableError';
}

export interface DynamoActivityStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  /** Days an item is kept: its TTL attribute is set that far from the item's own time. */
  retentionDays: number;
}

const BASE_KEY = [KEY.pk, KEY.sk] as const;
const GSI1_KEY = [KEY.pk, KEY.sk, KEY.gsi1pk, KEY.gsi1sk] as const;
const KEY_ATTRIBUTES = new Set<string>([...GSI1_KEY, ITEM_KIND, TTL_ATTRIBUTE]);

const isConditionFailed = (error: unknown) => error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** The activity store over DynamoDB (the same adapter locally, against dynalite). */
export class DynamoActivityStore implements ActivityStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(private readonly options: DynamoActivityStoreOptions) {
    this.doc = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async record(records: readonly ActivityRecord[]): Promise<void> {
    // One conditional put each (a batch write cannot be conditional): a retried step's record is already there.
    await Promise.all(records.map(async (r) => {
      const written = await this.putOnce('activity', activityKeys(r), r.startedAt, r, `attribute_not_exists(${KEY.pk})`);
      const run = bulkRunOf(r.trigger);
      // Counted only by the write that created the record, so a retried step never counts twice. (A step that dies
      // between the two writes leaves the run one short while it runs; its end sets the report's exact counts.)
      if (written && run) await this.countInRun(run, r.outcome === 'succeeded' ? 'succeeded' : 'failed');
    }));
  }

  /** One more child ended on a run still RUNNING (no item, or a run already ended: nothing). */
  private async countInRun(executionName: string, field: 'succeeded' | 'failed'): Promise<void> {
    try {
      await this.doc.send(new UpdateCommand({
        TableName: this.options.tableName,
        Key: bulkRunKey(executionName),
        UpdateExpression: 'ADD #f :one',
        ConditionExpression: `attribute_exists(${KEY.pk}) AND #status = :running`,
        ExpressionAttributeNames: { '#f': field, '#status': 'status' },
        ExpressionAttributeValues: { ':one': 1, ':running': 'RUNNING' },
      }));
    } catch (error) {
      if (!isConditionFailed(error)) throw unavailable(error);
    }
  }

  async bulkRun(executionName: string): Promise<BulkRunSummary | undefined> {
    // A Query on the base key (the routes may Query, never GetItem or Scan).
    const page = await this.query(BulkRunSummary, { limit: 1 }, BASE_KEY, {
      KeyConditionExpression: '#p = :p AND #s = :s',
      ExpressionAttributeNames: { '#p': KEY.pk, '#s': KEY.sk },
      ExpressionAttributeValues: { ':p': bulkRunKey(executionName).pk, ':s': bulkRunKey(executionName).sk },
    });
    return page.items[0];
  }

  history(user: { email: string } | { userId: string }, page: PageRequest): Promise<Page<ActivityRecord>> {
    const byEmail = 'email' in user;
    return this.query(ActivityRecord, page, byEmail ? BASE_KEY : GSI1_KEY, {
      ...(byEmail ? {} : { IndexName: GSI1 }),
      KeyConditionExpression: '#p = :p AND begins_with(#s, :prefix)',
      ExpressionAttributeNames: { '#p': byEmail ? KEY.pk : KEY.gsi1pk, '#s': byEmail ? KEY.sk : KEY.gsi1sk },
      ExpressionAttributeValues: { ':p': byEmail ? userPartition(user.email) : personPartition(user.userId), ':prefix': activitySkPrefix },
    });
  }

  async startBulkRun(run: BulkRunSummary): Promise<void> {
    await this.putOnce('bulkRun', bulkRunKeys(run), run.startedAt, run, `attribute_not_exists(${KEY.pk})`);
  }

  async endBulkRun(executionName: string, end: Parameters<ActivityStore['endBulkRun']>[1]): Promise<void> {
    await this.update(bulkRunKey(executionName), end, '#status = :running', { '#status': 'status' }, { ':running': 'RUNNING' });
  }

  listBulkRuns(page: PageRequest): Promise<Page<BulkRunSummary>> {
    return this.recent(BulkRunSummary, RECENT.bulkRun, page);
  }

  async putPlan(plan: PlanSummary): Promise<void> {
    await this.putOnce('plan', planKeys(plan), plan.createdAt, plan, `attribute_not_exists(${KEY.pk})`);
  }

  async updatePlan(planId: string, change: Parameters<ActivityStore['updatePlan']>[1]): Promise<void> {
    // An apply that starts again never takes an applied plan back to APPLYING.
    if (change.status === 'APPLYING') await this.update(planKey(planId), change, '#status <> :applied', { '#status': 'status' }, { ':applied': 'APPLIED' });
    else await this.update(planKey(planId), change);
  }

  /** SET the given fields on an item that exists (and meets `condition`); otherwise nothing. */
  private async update(key: { pk: string; sk: string }, change: object, condition?: string, names: Record<string, string> = {}, values: Record<string, unknown> = {}): Promise<void> {
    const fields = Object.entries(change).filter(([, v]) => v !== undefined);
    try {
      await this.doc.send(new UpdateCommand({
        TableName: this.options.tableName,
        Key: key,
        UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
        ConditionExpression: `attribute_exists(${KEY.pk})${condition ? ` AND ${condition}` : ''}`,
        ExpressionAttributeNames: { ...Object.fromEntries(fields.map(([k], i) => [`#f${i}`, k])), ...names },
        ExpressionAttributeValues: { ...Object.fromEntries(fields.map(([, v], i) => [`:v${i}`, v])), ...values },
      }));
    } catch (error) {
      if (!isConditionFailed(error)) throw unavailable(error);
    }
  }

  listPlans(page: PageRequest): Promise<Page<PlanSummary>> {
    return this.recent(PlanSummary, RECENT.plan, page);
  }

  private recent<S extends z.ZodType>(schema: S, partition: string, page: PageRequest): Promise<Page<z.infer<S>>> {
    return this.query(schema, page, GSI1_KEY, {
      IndexName: GSI1,
      KeyConditionExpression: '#p = :p',
      ExpressionAttributeNames: { '#p': KEY.gsi1pk },
      ExpressionAttributeValues: { ':p': partition },
    });
  }

  /** One Query page, newest first: the caller's cursor is checked before DynamoDB sees it. */
  private async query<S extends z.ZodType>(schema: S, page: PageRequest, cursorKey: readonly string[], input: Omit<QueryCommandInput, 'TableName'>): Promise<Page<z.infer<S>>> {
    const start = decodeCursor(page.cursor, cursorKey);
    let out;
    try {
      out = await this.doc.send(new QueryCommand({
        TableName: this.options.tableName,
        ScanIndexForward: false,
        Limit: Math.min(page.limit ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
        ...(start ? { ExclusiveStartKey: start } : {}),
        ...input,
      }));
    } catch (error) {
      throw unavailable(error);
    }
    const items = (out.Items ?? []).map((item) => schema.parse(Object.fromEntries(Object.entries(item).filter(([k]) => !KEY_ATTRIBUTES.has(k)))));
    const nextCursor = encodeCursor(out.LastEvaluatedKey);
    return { items, ...(nextCursor ? { nextCursor } : {}) };
  }

  /** True when this write created the item; false when it was there already. */
  private async putOnce(kind: ItemKind, keys: ItemKeys, time: string, data: object, condition: string): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.options.tableName,
        Item: { ...data, ...keys, [ITEM_KIND]: kind, [TTL_ATTRIBUTE]: expiresAt(time, this.options.retentionDays) },
        ConditionExpression: condition,
      }));
      return true;
    } catch (error) {
      if (!isConditionFailed(error)) throw unavailable(error);
      return false;
    }
  }
}

function unavailable(error: unknown): Error {
  if (error instanceof Error && error.name === 'ValidationError') return error;
  const name = error instanceof Error ? error.name : 'Error';
  return new ActivityStoreUnavailableError(`The activity table did not answer (${name}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
