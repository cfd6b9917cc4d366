import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import dynaliteDb from 'dynalite/db/index.js';

type Image = Record<string, AttributeValue>;

/** One change to an item, as DynamoDB Streams records it with NEW_AND_OLD_IMAGES: the item after and before. */
export interface TableChange {
  tableName: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  newImage?: Image;
  oldImage?: Image;
}

/** Options dynalite passes on to its store; the stream's listener rides on them (a symbol dynalite never reads). */
const LISTENER = Symbol('dynalite table stream');
export type WithTableStream<O extends object> = O & { [LISTENER]?: (change: TableChange) => void };

/** Attaches a listener to dynalite's options: told of every item it puts or deletes, in order per item. */
export function withTableStream<O extends object>(options: O, listener: (change: TableChange) => void): WithTableStream<O> {
  return Object.assign(options, { [LISTENER]: listener });
}

type Callback = (error?: Error | null, value?: unknown) => void;
interface ItemDb {
  get(key: string, cb: Callback): void;
  put(key: string, value: Image, cb: Callback): void;
  del(key: string, cb: Callback): void;
}
interface Store {
  getItemDb(name: string): ItemDb;
}

let installed = false;
/**
 * DynamoDB Streams over dynalite, which has none: its store's item databases are wrapped so that every put and
 * delete (PutItem, UpdateItem, DeleteItem, BatchWriteItem alike) tells the listener the item after and before.
 * dynalite holds the item's lock across its read, conditions and write, so a table's changes to one item reach the
 * listener in the order they were made, as a shard's records do. The read of the old image is one more LevelDB get,
 * in memory. Only a dynalite started with withTableStream's options is wrapped.
 */
export function installTableStream(): void {
  if (installed) return;
  installed = true;
  const create = dynaliteDb.create;
  dynaliteDb.create = (options?: WithTableStream<object>) => {
    const store = create(options) as Store;
    const listener = options?.[LISTENER];
    if (listener) streamItems(store, listener);
    return store;
  };
}

function streamItems(store: Store, listener: (change: TableChange) => void): void {
  const getItemDb = store.getItemDb.bind(store);
  const wrapped = new WeakSet<ItemDb>();
  store.getItemDb = (name) => {
    const itemDb = getItemDb(name);
    if (wrapped.has(itemDb)) return itemDb;
    wrapped.add(itemDb);
    const put = itemDb.put.bind(itemDb);
    const del = itemDb.del.bind(itemDb);
    const before = (key: string, then: (old: Image | undefined) => void, cb: Callback) =>
      itemDb.get(key, (error, old) => (error && error.name !== 'NotFoundError' ? cb(error) : then((old ?? undefined) as Image | undefined)));
    itemDb.put = (key, value, cb) => before(key, (old) => put(key, value, (error) => {
      if (!error) listener({ tableName: name, eventName: old ? 'MODIFY' : 'INSERT', newImage: value, ...(old ? { oldImage: old } : {}) });
      cb(error);
    }), cb);
    itemDb.del = (key, cb) => before(key, (old) => del(key, (error) => {
      if (!error && old) listener({ tableName: name, eventName: 'REMOVE', oldImage: old });
      cb(error);
    }), cb);
    return itemDb;
  };
}
