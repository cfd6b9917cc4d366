/** One entry of a Webex error body's `errors` array. */
export interface WebexErrorDetail {
  description?: string;
  errorCode?: number;
}

/**
 * A non-2xx answer from Webex. The `name` is stable per category so Step Functions `Retry`/`Catch`
 * and the HTTP error mapper can match on it. Carries no request headers, so never a token.
 */
export class WebexApiError extends Error {
  override readonly name: WebexErrorName;
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly trackingId?: string;
  readonly errorCode?: number;
  readonly details: WebexErrorDetail[];
  /** Seconds Webex asked us to wait (429/423/503), when it said. */
  readonly retryAfterSeconds?: number;
  /** How many times the client sent the request; >1 means an earlier attempt may have been applied. */
  readonly attempts: number;
  /** OAuth error code (`invalid_grant`, `invalid_client`) from the token endpoint. */
  readonly oauthError?: string;

  constructor(init: {
    status: number;
    method: string;
    path: string;
    webexMessage?: string;
    trackingId?: string;
    errorCode?: number;
    details?: WebexErrorDetail[];
    retryAfterSeconds?: number;
    attempts?: number;
    oauthError?: string;
  }, options?: ErrorOptions) {
    const what = init.webexMessage ?? init.details?.[0]?.description ?? `HTTP ${init.status}`;
    super(`${apiErrorPrefix(init.method, init.path, init.status)}${what}`, options);
    this.name = webexErrorName(init.status);
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.trackingId = init.trackingId;
    this.errorCode = init.errorCode;
    this.details = init.details ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.attempts = init.attempts ?? 1;
    this.oauthError = init.oauthError;
  }

  /**
   * Webex's own words, without the prefix the constructor wrote: read by its fields, not by a pattern, so nothing
   * here scans the message (Webex's text) for where the prefix ends.
   */
  get webexMessage(): string {
    const prefix = apiErrorPrefix(this.method, this.path, this.status);
    return this.message.startsWith(prefix) ? this.message.slice(prefix.length) : this.message;
  }
}

function apiErrorPrefix(method: string, path: string, status: number): string {
  return `Webex ${method} ${path} failed with ${status}: `;
}

export type WebexErrorName =
  | 'WebexRateLimitedError'
  | 'WebexServerError'
  | 'WebexAuthError'
  | 'WebexNotFoundError'
  | 'WebexConflictError'
  | 'WebexClientError';

/**
 * Webex asking us to wait: 429, and 423 Locked, which Cisco's documents describe as "The requested resource is
 * temporarily unavailable. A Retry-After header may be present that specifies how many seconds you need to wait"
 * (the status table of every document, docs/webex-api.md §6.1; no live client is known to have seen one). The one
 * place this is decided: the client's retry, the error's name, the API's 429 and the steps' wait all ask it.
 */
export const isRateLimitStatus = (status: number) => status === 429 || status === 423;

function webexErrorName(status: number): WebexErrorName {
  if (isRateLimitStatus(status)) return 'WebexRateLimitedError';
  if (status >= 500) return 'WebexServerError';
  if (status === 401 || status === 403) return 'WebexAuthError';
  if (status === 404) return 'WebexNotFoundError';
  if (status === 409) return 'WebexConflictError';
  return 'WebexClientError';
}

/** The request never got a usable answer: a timeout, or a connection refused, reset or dropped. */
export class WebexNetworkError extends Error {
  override readonly name = 'WebexNetworkError';
  constructor(
    readonly kind: 'timeout' | 'connection',
    readonly method: string,
    readonly path: string,
    readonly causeCode?: string,
    options?: ErrorOptions,
  ) {
    super(
      kind === 'timeout'
        ? `Webex ${method} ${path} timed out`
        : `Webex ${method} ${path} failed: connection error${causeCode ? ` (${causeCode})` : ''}`,
      options,
    );
  }
}

export const isWebexStatus = (e: unknown, ...statuses: number[]): e is WebexApiError =>
  e instanceof WebexApiError && statuses.includes(e.status);

/**
 * Webex answered 2xx in a shape we cannot read: `field` is the first part our schema refused. For a write
 * the change was most likely applied (Webex said 2xx), so callers must not send it again blindly; the
 * API answers 502. Carries no request headers or body, so never a token; `data` (what Webex sent) is
 * for callers that can still recover something from it and is never put in the message.
 */
export class WebexResponseShapeError extends Error {
  override readonly name = 'WebexResponseShapeError';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly field: string,
    readonly problem: string,
    readonly mayHaveApplied: boolean,
    readonly trackingId?: string,
    data?: unknown,
    options?: ErrorOptions,
  ) {
    super(
      `Webex ${method} ${path} answered in a shape this service cannot read (${field}: ${problem})` +
        (mayHaveApplied ? '; Webex accepted the request, so the change may have been applied: check before repeating it' : ''),
      options,
    );
    // Not enumerable: a logger that serialises the error must not copy Webex's answer (personal data) into a log line.
    Object.defineProperty(this, 'data', { value: data, enumerable: false });
  }

  declare readonly data: unknown;
}

/** A next-page link we will not follow (another origin, or another path): our token would go there. */
export class WebexLinkRefusedError extends Error {
  override readonly name = 'WebexLinkRefusedError';
  constructor(readonly method: string, readonly path: string, reason: string, options?: ErrorOptions) {
    super(`Webex ${method} ${path}: refusing to follow a next-page link ${reason}`, options);
  }
}

/**
 * A fault on Webex's side or the network's, not the request's (5xx, no usable answer): the same request
 * may succeed sent again — and may have been applied, so a workflow reads back before resending a change.
 */
export function isWebexFault(error: unknown): error is WebexNetworkError | WebexApiError {
  return error instanceof WebexNetworkError || (error instanceof WebexApiError && error.status >= 500);
}

/**
 * A Webex fault, or Webex asking us to wait (429, 423 Locked): transient, so a step throws it for the state
 * machine's Retry rather than reporting the step failed.
 */
export function isTransientWebexError(error: unknown): error is WebexNetworkError | WebexApiError {
  return isWebexFault(error) || (error instanceof WebexApiError && error.name === 'WebexRateLimitedError');
}
