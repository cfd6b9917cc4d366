import type { SecretReader } from './secret-store';
import { SecretUnavailableError } from '../errors';
import type { TokenProvider } from '../webex/token-provider';

export interface SecretTokenProviderOptions {
  /** How long a read secret is trusted before it is read again. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * Access token from the Service App secret, cached per Lambda container for a short TTL so a warm
 * function does not call Secrets Manager on every invocation, yet picks up a rotation within the TTL
 * (or at once, when Webex answers 401 and the client calls `invalidate`).
 */
export class SecretTokenProvider implements TokenProvider {
  private readonly ttlMs: number;
  private readonly now: () => number;
  private cached?: { token: string; readAt: number };
  private inFlight?: Promise<string>;

  constructor(
    private readonly store: SecretReader,
    options: SecretTokenProviderOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  async getAccessToken(): Promise<string> {
    if (this.cached && this.now() - this.cached.readAt < this.ttlMs) return this.cached.token;
    // Concurrent callers share one read instead of each hitting Secrets Manager.
    this.inFlight ??= this.load().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  private async load(): Promise<string> {
    const secret = await this.store.read();
    if (!secret) {
      throw new SecretUnavailableError('No Webex Service App secret is stored yet: connect the Service App first (see README)');
    }
    this.cached = { token: secret.accessToken, readAt: this.now() };
    return secret.accessToken;
  }
}
