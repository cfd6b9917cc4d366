/**
 * Where the Webex client gets its bearer token. Implementations cache; `invalidate` is called after a
 * 401 so the next read goes back to the store (the rotator may have just written a new token).
 */
export interface TokenProvider {
  getAccessToken(): Promise<string>;
  invalidate(): void;
}

/** A fixed token, e.g. a developer's personal access token given through WEBEX_ACCESS_TOKEN. */
export class StaticTokenProvider implements TokenProvider {
  constructor(private readonly token: string) {
    if (!token) throw new Error('StaticTokenProvider needs a non-empty token');
  }
  async getAccessToken(): Promise<string> {
    return this.token;
  }
  invalidate(): void {
    // Nothing to re-read: a static token that Webex refuses stays refused.
  }
}
