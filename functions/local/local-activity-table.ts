import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { ACTIVITY_TABLE } from '../lib/activity/table';
import { DEFAULT_ACTIVITY_RETENTION_DAYS } from '../lib/activity/settings';
import type { ActivityStore } from '../lib/activity/store';
import { DynamoActivityStore } from '../lib/aws/dynamodb-activity-store';
import { DynamoScimStore } from '../lib/aws/dynamodb-scim-store';
import { emfRunProgressMetrics } from '../lib/aws/emf-run-progress-metrics';
import type { ActivityRecord } from '../lib/activity/records';
import type { ScimStore } from '../lib/scim/store';
import { installTableStream, type TableChange, withTableStream } from './dynalite-stream';
import { DynamoPaceStore } from '../lib/aws/dynamodb-pace-store';
import type { PaceStore } from '../lib/pacing/store';

export const LOCAL_ACTIVITY_TABLE_NAME = 'webex-provisioning-activity';

export interface LocalActivityTable {
  /** The DynamoDB adapter the Lambdas use, against this dynalite. */
  readonly store: ActivityStore;
  /** The SCIM resources' adapter, against the same table. */
  readonly scimStore: ScimStore;
  /** The pacing budget's item in the same table (the Lambdas' adapter). */
  readonly paceStore: PaceStore;
  /**
   * Told of each change to the table's items, the item after and before (dynalite-stream.ts): the table's stream,
   * which local-scim-stream.ts filters as the event source mapping does. One listener; a later call replaces it.
   */
  onChange(listener: (change: TableChange) => void): void;
  /** Where the table answers (starting dynalite on first use): for a test's own client. */
  endpoint(): Promise<string>;
  close(): Promise<void>;
}

export interface LocalActivityTableOptions {
  /** dynalite's LevelDB folder (`npm start`: .local/activity), so history persists; in memory without it (the tests). */
  dir?: string;
  retentionDays?: number;
  /** A client of the test's own (one that counts the calls); else one made here. */
  client?: (endpoint: EndpointProvider) => DynamoDBClient;
  /** Told of each record newly written; else the Lambdas' run-progress metrics (printed only when asked, as the Webex client's). */
  recorded?: (record: ActivityRecord) => void;
  /** Told each operation dynalite serves (X-Amz-Target's), from any client: for a benchmark's account of a process's calls. */
  observe?: (operation: string) => void;
}

// dynalite checks no signature; the SDK still signs, so it needs some credentials.
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
type EndpointProvider = () => Promise<{ url: URL }>;
export const localDynamoClient = (endpoint: string | EndpointProvider) => new DynamoDBClient({ endpoint, region: 'local', credentials: LOCAL_CREDENTIALS });

/**
 * The activity table locally: dynalite (a DynamoDB-compatible server on LevelDB) in this process, started
 * on first use on a free loopback port, the table created from the same ACTIVITY_TABLE the stack builds.
 * The store is the Lambdas' DynamoDB adapter, so the local runtime runs the real key design, queries and
 * conditional writes. dynalite keeps the TTL attribute but never expires items (neither does DynamoDB promptly); it
 * has no streams, so dynalite-stream.ts tells onChange's listener each change, as the table's stream would.
 */
export function localActivityTable(options: LocalActivityTableOptions = {}): LocalActivityTable {
  let started: Promise<{ url: string; close: () => Promise<void> }> | undefined;
  const start = () =>
    (started ??= (async () => {
      if (options.dir) mkdirSync(options.dir, { recursive: true });
      installTableStream();
      const server = dynalite(withTableStream({ ...(options.dir ? { path: options.dir } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }, (change) => changed?.(change)));
      const { observe } = options;
      if (observe) server.on('request', (req) => observe(String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? ''));
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
      // Never what keeps a process alive: `npm start` has its API server, a test its harness.
      server.unref();
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await createTable(localDynamoClient(url));
      return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
    })());
  const endpoint = async () => (await start()).url;
  // The endpoint is resolved per request (an endpoint provider), so the store is made before dynalite runs.
  const client = (options.client ?? localDynamoClient)(async () => ({ url: new URL(await endpoint()) }));
  const settings = { client, tableName: LOCAL_ACTIVITY_TABLE_NAME, retentionDays: options.retentionDays ?? DEFAULT_ACTIVITY_RETENTION_DAYS };
  const store = new DynamoActivityStore({ ...settings, recorded: options.recorded ?? emfRunProgressMetrics() });
  let changed: ((change: TableChange) => void) | undefined;
  return {
    store,
    scimStore: new DynamoScimStore(settings),
    onChange: (listener) => {
      changed = listener;
    },
    paceStore: new DynamoPaceStore({ client, tableName: LOCAL_ACTIVITY_TABLE_NAME }),
    endpoint,
    async close() {
      if (!started) return;
      const s = await started;
      client.destroy();
      await s.close();
    },
  };
}

async function createTable(client: DynamoDBClient): Promise<void> {
  const t = ACTIVITY_TABLE;
  const keys = [t.partitionKey, t.sortKey, ...t.globalSecondaryIndexes.flatMap((g) => [g.partitionKey, g.sortKey])];
  try {
    await client.send(new CreateTableCommand({
      TableName: LOCAL_ACTIVITY_TABLE_NAME,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: keys.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [{ AttributeName: t.partitionKey, KeyType: 'HASH' }, { AttributeName: t.sortKey, KeyType: 'RANGE' }],
      GlobalSecondaryIndexes: t.globalSecondaryIndexes.map((g) => ({
        IndexName: g.indexName,
        KeySchema: [{ AttributeName: g.partitionKey, KeyType: 'HASH' }, { AttributeName: g.sortKey, KeyType: 'RANGE' }],
        Projection: { ProjectionType: 'ALL' },
      })),
    }));
  } catch (error) {
    // A persisted folder already has it.
    if (!(error instanceof ResourceInUseException)) throw error;
  } finally {
    client.destroy();
  }
}
