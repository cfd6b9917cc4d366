import { ObjectNotFoundError, type ObjectStore } from '../../functions/lib/storage/object-store';

/** The object store in memory, for unit tests of code that reads and writes S3 objects. */
export class MemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, string>();

  async getText(bucket: string, key: string) {
    const text = this.objects.get(`${bucket}/${key}`);
    if (text === undefined) throw new ObjectNotFoundError(bucket, key);
    return { text, etag: 'e' };
  }

  async putText(bucket: string, key: string, text: string) {
    this.objects.set(`${bucket}/${key}`, text);
  }

  async readUrl(bucket: string, key: string, expiresInSeconds: number) {
    if (!this.objects.has(`${bucket}/${key}`)) throw new ObjectNotFoundError(bucket, key);
    return `memory://${bucket}/${key}?expires=${expiresInSeconds}`;
  }
}
