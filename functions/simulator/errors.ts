/**
 * A failure a route reports to the client. The domain code throws these so that every validation
 * rule lives next to the data it protects, and the HTTP layer only renders them.
 */
export class SimError extends Error {
  override readonly name = 'SimError';
  readonly status: number;
  /** `errors[0].errorCode`. */
  readonly errorCode?: number;
  /** Top-level `errorCode`, which some telephony errors carry in addition (e.g. 25223). */
  readonly topErrorCode?: number;
  readonly headers: Record<string, string>;
  /** `errors[0].description` when it differs from the message. */
  readonly description: string;

  constructor(
    status: number,
    message: string,
    init: { errorCode?: number; topErrorCode?: number; headers?: Record<string, string>; description?: string } = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.status = status;
    this.errorCode = init.errorCode;
    this.topErrorCode = init.topErrorCode;
    this.headers = init.headers ?? {};
    this.description = init.description ?? message;
  }
}

export const badRequest = (message: string, errorCode?: number) => new SimError(400, message, { errorCode });
export const notFound = (message: string, errorCode?: number) => new SimError(404, message, { errorCode });
export const conflict = (message: string, errorCode?: number) => new SimError(409, message, { errorCode });
