import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { GSI1, ITEM_KIND, KEY, type ItemKind, TTL_ATTRIBUTE, expiresAt, scimEmailKey, scimKey, scimListPartition, scimListSortKey, scimUniqueKey } from '../activity/keys';
import { emailsOf, listName, uniqueValues } from '../scim/identity';
import { ScimUniquenessError, ScimVersionConflictError, type ScimItem, type ScimLease, type ScimResourceType, type ScimStore, type UniqueAttribute } from '../scim/store';
import { ActivityStoreUnavailableError } from './dynamodb-activity-store';

export interface DynamoScimStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  /** Days a deleted resource is kept (its leaver's record); a live one never expires. */
  retentionDays: number;
}

const isConditionFailed = (error: unknown) => error instanceof Error && error.name === 'ConditionalCheckFailedException';
const ITEM_FIELDS = ['id', 'resourceType', 'state', 'version', 'created', 'lastModified', 'createDigest', 'appliedVersion', 'callingStatus', 'lastError', 'appliedState', 'client', 'deleted'] as const;

/**
 * The SCIM resources over DynamoDB (the activity table; the same adapter locally against dynalite).
 *
 * Unique values without transactions (dynalite has none): a write first claims a marker item per unique value
 * (a conditional put: free, or already this resource's), then writes the resource conditionally on its version,
 * then releases the markers of values it no longer has. A claim that loses to a marker whose owner no longer has
 * that value (a write that crashed between claim and commit, or a deleted resource) takes the marker over with a
 * conditional update on the stale owner, so no value stays blocked. Two writers racing for one value: one claim
 * wins, the other is a 409 uniqueness.
 */
export class DynamoScimStore implements ScimStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(private readonly options: DynamoScimStoreOptions) {
    this.doc = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async get(type: ScimResourceType, id: string): Promise<ScimItem | undefined> {
    const out = await this.send(() => this.doc.send(new GetCommand({ TableName: this.table, Key: scimKey(type, id), ConsistentRead: true })));
    return out.Item ? scimItemOf(out.Item) : undefined;
  }

  async findBy(type: ScimResourceType, attribute: UniqueAttribute, value: string): Promise<ScimItem | undefined> {
    const owner = await this.markerOwner(type, attribute, value);
    if (!owner) return undefined;
    const item = await this.get(type, owner);
    // A marker left by a crashed write or a deleted resource is no answer.
    return item && !item.deleted && sameValue(attribute, uniqueValues(item)[attribute], value) ? item : undefined;
  }

  /** The e-mail index's items and the userName marker of that address (a userName is not indexed again), read at once. */
  async findByEmail(value: string): Promise<ScimItem[]> {
    const email = value.trim().toLowerCase();
    const [out, owner] = await Promise.all([
      this.send(() => this.doc.send(new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': KEY.pk },
        ExpressionAttributeValues: { ':p': scimEmailKey(email, '').pk },
        Limit: 100,
      }))),
      this.markerOwner('User', 'userName', email),
    ]);
    const ids = new Set((out.Items ?? []).map((i) => i[KEY.sk] as string));
    if (owner !== undefined) ids.add(owner);
    const items = await Promise.all([...ids].map((id) => this.get('User', id)));
    // An index item or a marker left by a crashed write, a deleted user or a changed address is no answer.
    return items.filter((i): i is ScimItem => !!i && !i.deleted && emailsOf(i).includes(email));
  }

  async list(type: ScimResourceType, startIndex: number, count: number): Promise<{ total: number; items: ScimItem[] }> {
    const query = { TableName: this.table, IndexName: GSI1, KeyConditionExpression: '#p = :p', ExpressionAttributeNames: { '#p': KEY.gsi1pk }, ExpressionAttributeValues: { ':p': scimListPartition(type) } };
    let total = 0;
    const items: ScimItem[] = [];
    let start: Record<string, unknown> | undefined;
    // SCIM pages by index (RFC 7644 §3.4.2.4): count everything, keep the page's items. One partition per type.
    do {
      const out = await this.send(() => this.doc.send(new QueryCommand({ ...query, ...(start ? { ExclusiveStartKey: start } : {}) })));
      for (const raw of out.Items ?? []) {
        total += 1;
        if (total >= startIndex && items.length < count) items.push(scimItemOf(raw));
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return { total, items };
  }

  /**
   * The claims, then the resource and its e-mail index items at once: an index item names a resource that
   * findByEmail reads and checks, so one written just before its resource (or left by a put that failed) finds
   * nothing. Two round trips on a POST's path, whatever the unique values and e-mails; a user whose only address
   * is its userName (the usual one) writes no index item: its userName marker is found by that address.
   *
   * Not one round trip: without transactions (dynalite has none) the resource row cannot be written with its claims.
   * Its insert is the stream record that starts its apply, and a stream record is never recalled: a row put beside
   * a claim that then loses would start an apply that reaches Webex for a userName another resource holds (adopting
   * that person), even if the row were deleted at once. So the claims land first, the row only once they hold.
   */
  async create(item: ScimItem): Promise<void> {
    const claimed = await this.claim(item, {});
    const [put, indexed] = await Promise.allSettled([
      this.send(() => this.doc.send(new PutCommand({ TableName: this.table, Item: scimResourceRow(item), ConditionExpression: `attribute_not_exists(${KEY.pk})` }))),
      this.indexEmails(item, []),
    ]);
    if (put.status === 'rejected') {
      await Promise.allSettled([this.release(item.resourceType, item.id, claimed), this.indexEmails({ ...item, deleted: true }, indexedEmails(item))]);
      throw isConditionFailed(put.reason) ? new ScimVersionConflictError(`${item.resourceType} ${item.id} exists`) : put.reason;
    }
    if (indexed.status === 'rejected') throw indexed.reason;
  }

  async replace(item: ScimItem, previous: ScimItem): Promise<void> {
    const before = previous.deleted ? {} : uniqueValues(previous);
    const after = item.deleted ? {} : uniqueValues(item);
    const claimed = await this.claim(item, before);
    try {
      // An update, not a put: what the apply records (appliedVersion, callingStatus, lastError, its lease) is its own.
      const listed = item.deleted
        ? { set: `${TTL_ATTRIBUTE} = :ttl`, remove: `, ${KEY.gsi1pk}, ${KEY.gsi1sk}`, values: { ':ttl': expiresAt(item.lastModified, this.options.retentionDays) } }
        : { set: `${KEY.gsi1pk} = :lp, ${KEY.gsi1sk} = :ls`, remove: '', values: { ':lp': scimListPartition(item.resourceType), ':ls': scimListSortKey(listName(item), item.id) } };
      await this.send(() => this.doc.send(new UpdateCommand({
        TableName: this.table,
        Key: scimKey(item.resourceType, item.id),
        // A request's write: the stream's filter passes it (no APPLY_WRITE), and its record starts the version's apply.
        UpdateExpression: `SET #state = :state, #v = :next, lastModified = :lm, deleted = :del, #client = :client, ${listed.set} REMOVE ${APPLY_WRITE}${listed.remove}`,
        ConditionExpression: '#v = :v',
        ExpressionAttributeNames: { '#v': 'version', '#state': 'state', '#client': 'client' },
        ExpressionAttributeValues: { ':v': previous.version, ':next': item.version, ':state': item.state, ':lm': item.lastModified, ':del': item.deleted ?? false, ':client': item.client ?? 'unknown', ...listed.values },
      })));
    } catch (error) {
      await this.release(item.resourceType, item.id, claimed);
      throw isConditionFailed(error) ? new ScimVersionConflictError(`${item.resourceType} ${item.id} changed since it was read`) : error;
    }
    // The e-mail index first: a former userName kept among the e-mails is indexed before its marker goes.
    await this.indexEmails(item, previous.deleted ? [] : indexedEmails(previous));
    const dropped = (Object.keys(before) as UniqueAttribute[]).filter((a) => !sameValue(a, before[a], after[a]));
    await this.release(item.resourceType, item.id, Object.fromEntries(dropped.map((a) => [a, before[a]!])));
  }

  async recordApplied(type: ScimResourceType, id: string, result: Parameters<ScimStore['recordApplied']>[2]): Promise<void> {
    const values: Record<string, unknown> = {};
    const set: string[] = [];
    const put = (field: string, token: string, value: unknown) => {
      if (value === undefined) return;
      set.push(`${field} = ${token}`);
      values[token] = value;
    };
    put('appliedVersion', ':a', result.appliedVersion);
    put('callingStatus', ':s', result.callingStatus);
    put('lastError', ':e', result.lastError);
    put('appliedState', ':st', result.appliedState);
    const clearsError = result.callingStatus !== undefined && result.lastError === undefined;
    try {
      await this.send(() => this.doc.send(new UpdateCommand({
        TableName: this.table,
        Key: scimKey(type, id),
        UpdateExpression: `SET ${[...set, APPLY_WRITE_SET].join(', ')}${clearsError ? ' REMOVE lastError' : ''}`,
        ConditionExpression: `attribute_exists(${KEY.pk})${result.appliedVersion === undefined ? '' : ' AND appliedVersion <= :a'}`,
        ExpressionAttributeValues: { ...values, ...APPLY_WRITE_VALUE },
      })));
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  async takeLease(type: ScimResourceType, id: string, lease: ScimLease, now: string): Promise<boolean> {
    try {
      await this.send(() => this.doc.send(new UpdateCommand({
        TableName: this.table,
        Key: scimKey(type, id),
        UpdateExpression: `SET applyLease = :lease, ${APPLY_WRITE_SET}`,
        ConditionExpression: `attribute_exists(${KEY.pk}) AND (attribute_not_exists(applyLease) OR applyLease.#o = :owner OR applyLease.#u < :now)`,
        ExpressionAttributeNames: { '#o': 'owner', '#u': 'until' },
        ExpressionAttributeValues: { ':lease': lease, ':owner': lease.owner, ':now': now, ...APPLY_WRITE_VALUE },
      })));
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  async releaseLease(type: ScimResourceType, id: string, owner: string): Promise<void> {
    try {
      await this.send(() => this.doc.send(new UpdateCommand({
        TableName: this.table,
        Key: scimKey(type, id),
        UpdateExpression: `SET ${APPLY_WRITE_SET} REMOVE applyLease`,
        ConditionExpression: 'applyLease.#o = :owner',
        ExpressionAttributeNames: { '#o': 'owner' },
        ExpressionAttributeValues: { ':owner': owner, ...APPLY_WRITE_VALUE },
      })));
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  private get table() {
    return this.options.tableName;
  }

  /**
   * Claims each unique value the item has and `held` has not, all at once (userName and externalId: one round trip);
   * on a refusal or a failure releases what it claimed and throws.
   */
  private async claim(item: ScimItem, held: Partial<Record<UniqueAttribute, string>>): Promise<Partial<Record<UniqueAttribute, string>>> {
    const wanted = item.deleted ? {} : uniqueValues(item);
    const asked = (Object.keys(wanted) as UniqueAttribute[]).filter((attribute) => !sameValue(attribute, held[attribute], wanted[attribute]!));
    const outcomes = await Promise.allSettled(asked.map((attribute) => this.claimOne(item.resourceType, item.id, attribute, wanted[attribute]!)));
    const claimed: Partial<Record<UniqueAttribute, string>> = {};
    outcomes.forEach((o, i) => {
      if (o.status === 'fulfilled' && o.value) claimed[asked[i]] = wanted[asked[i]];
    });
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    const refused = asked.find((_, i) => outcomes[i].status === 'fulfilled' && !(outcomes[i] as PromiseFulfilledResult<boolean>).value);
    if (failed || refused) {
      await this.release(item.resourceType, item.id, claimed);
      if (failed) throw failed.reason;
      throw new ScimUniquenessError(refused!);
    }
    return claimed;
  }

  /** Who holds a unique value's marker (a consistent read), if anyone. */
  private async markerOwner(type: ScimResourceType, attribute: UniqueAttribute, value: string): Promise<string | undefined> {
    const marker = await this.send(() => this.doc.send(new GetCommand({ TableName: this.table, Key: scimUniqueKey(type, attribute, value), ConsistentRead: true })));
    const owner: unknown = marker.Item?.ownerId;
    return typeof owner === 'string' ? owner : undefined;
  }

  private async claimOne(type: ScimResourceType, id: string, attribute: UniqueAttribute, value: string): Promise<boolean> {
    const key = scimUniqueKey(type, attribute, value);
    try {
      await this.send(() => this.doc.send(new PutCommand({
        TableName: this.table,
        Item: { ...key, ownerId: id, [ITEM_KIND]: 'scimKey' },
        ConditionExpression: `attribute_not_exists(${KEY.pk}) OR ownerId = :id`,
        ExpressionAttributeValues: { ':id': id },
      })));
      return true;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
    // Taken: by a live resource holding the value, or a stale claim, which is taken over from its owner.
    const owner = await this.markerOwner(type, attribute, value);
    if (owner === undefined) return this.claimOne(type, id, attribute, value);
    const holder = await this.get(type, owner);
    if (holder && !holder.deleted && sameValue(attribute, uniqueValues(holder)[attribute], value)) return false;
    try {
      await this.send(() => this.doc.send(new UpdateCommand({
        TableName: this.table,
        Key: key,
        UpdateExpression: 'SET ownerId = :id',
        ConditionExpression: 'ownerId = :stale',
        ExpressionAttributeValues: { ':id': id, ':stale': owner },
      })));
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  private async release(type: ScimResourceType, id: string, values: Partial<Record<UniqueAttribute, string>>): Promise<void> {
    await Promise.all(Object.entries(values).map(async ([attribute, value]) => {
      try {
        await this.send(() => this.doc.send(new DeleteCommand({
          TableName: this.table,
          Key: scimUniqueKey(type, attribute, value!),
          ConditionExpression: 'ownerId = :id',
          ExpressionAttributeValues: { ':id': id },
        })));
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    }));
  }

  /** The e-mail index items: the item's addresses added, those it no longer has dropped (its userName's: see indexedEmails). */
  private async indexEmails(item: ScimItem, before: readonly string[]): Promise<void> {
    const now = item.deleted ? [] : indexedEmails(item);
    await Promise.all([
      ...now.filter((e) => !before.includes(e)).map((e) => this.send(() => this.doc.send(new PutCommand({ TableName: this.table, Item: { ...scimEmailKey(e, item.id), [ITEM_KIND]: 'scimEmail' } })))),
      ...before.filter((e) => !now.includes(e)).map((e) => this.send(() => this.doc.send(new DeleteCommand({ TableName: this.table, Key: scimEmailKey(e, item.id) })))),
    ]);
  }

  private async send<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isConditionFailed(error) || (error instanceof Error && error.name === 'ValidationError')) throw error;
      const name = error instanceof Error ? error.name : 'Error';
      throw new ActivityStoreUnavailableError(`The activity table did not answer (${name})`, { cause: error });
    }
  }
}

/**
 * The addresses a user has an e-mail index item for: all but its userName's, which its userName marker already keys
 * (findByEmail reads both). An index item a user's former userName left behind names a user that findByEmail reads
 * and checks, so it finds nothing.
 */
function indexedEmails(item: ScimItem): string[] {
  if (item.resourceType !== 'User') return [];
  const userName = (item.state as { userName: string }).userName.trim().toLowerCase();
  return emailsOf(item).filter((e) => e !== userName);
}

function sameValue(attribute: UniqueAttribute, a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return attribute === 'externalId' ? a === b : a.toLowerCase() === b.toLowerCase();
}

/** A resource's row, listed in name order; it never expires while it exists. */
export function scimResourceRow(item: ScimItem): Record<string, unknown> {
  const fields = Object.fromEntries(ITEM_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]));
  return { ...fields, ...scimKey(item.resourceType, item.id), [KEY.gsi1pk]: scimListPartition(item.resourceType), [KEY.gsi1sk]: scimListSortKey(listName(item), item.id), [ITEM_KIND]: SCIM_RESOURCE_KIND };
}

/**
 * Set on a resource's row by each of the apply's own writes (its lease, what it applied), removed by each write of a
 * SCIM request (a new row has none): the stream's filter passes only rows without it (SCIM_WRITE_FILTER), so the
 * apply's bookkeeping, which keeps the version and starts nothing, does not invoke the stream's consumer.
 */
export const APPLY_WRITE = 'applyWrite';
const APPLY_WRITE_SET = `${APPLY_WRITE} = :applyWrite`;
const APPLY_WRITE_VALUE = { ':applyWrite': true } as const;

/** The item kind of a SCIM resource's row: what the stream's filter matches. */
export const SCIM_RESOURCE_KIND = 'scimResource' satisfies ItemKind;

/** A resource from its row (a read, or a stream record's image). */
export function scimItemOf(raw: Record<string, unknown>): ScimItem {
  return Object.fromEntries(ITEM_FIELDS.filter((f) => raw[f] !== undefined).map((f) => [f, raw[f]])) as unknown as ScimItem;
}
