/**
 * A small TTL cache for slow-changing Webex reference data (licenses, locations). It lives at module
 * scope, so a warm Lambda answers repeated look-ups without calling Webex, while the TTL (the caller's,
 * from the deployment's configuration) bounds how stale a renamed location or a changed license count can be.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The cached value, else `load`'s, kept for `ttlMs` (0: not kept). */
  async getOrLoad(key: string, ttlMs: number, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.value;
    const value = await load();
    if (ttlMs > 0) this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
