import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ITEM_KIND, KEY, PACE_KEY } from '../activity/keys';
import { PaceState } from '../pacing/controller';
import type { PaceStore, StoredPace } from '../pacing/store';
import { ActivityStoreUnavailableError } from './dynamodb-activity-store';

const VERSION = 'version';

/**
 * The pacing budget's item in the activity table: a consistent GetItem, and a PutItem conditional on the version
 * read (or on the item not existing yet). No TTL: the discovered rate is kept for the next run.
 */
export class DynamoPaceStore implements PaceStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(private readonly options: { client: DynamoDBClient; tableName: string }) {
    this.doc = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async read(): Promise<StoredPace | undefined> {
    let item: Record<string, unknown> | undefined;
    try {
      item = (await this.doc.send(new GetCommand({ TableName: this.options.tableName, Key: PACE_KEY, ConsistentRead: true }))).Item;
    } catch (error) {
      throw unavailable(error);
    }
    if (!item) return undefined;
    const state = PaceState.safeParse(item.state);
    // An item of an older shape is started afresh rather than failing every run.
    return { ...(state.success ? { state: state.data } : {}), version: Number(item[VERSION]) };
  }

  async write(state: PaceState, version: number | undefined): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.options.tableName,
        Item: { ...PACE_KEY, [ITEM_KIND]: 'pace', state, [VERSION]: (version ?? 0) + 1 },
        ...(version === undefined
          ? { ConditionExpression: `attribute_not_exists(${KEY.pk}) OR attribute_not_exists(#v)`, ExpressionAttributeNames: { '#v': VERSION } }
          : { ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': VERSION }, ExpressionAttributeValues: { ':v': version } }),
      }));
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw unavailable(error);
    }
  }
}

function unavailable(error: unknown): Error {
  const name = error instanceof Error ? error.name : 'Error';
  return new ActivityStoreUnavailableError(`The pacing budget did not answer (${name}): ${error instanceof Error ? error.message : String(error)}`);
}
