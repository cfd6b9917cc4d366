import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The id that ties one run together: the API Gateway request id, or the Lambda request id of a direct
 * invocation (Step Functions). It prefixes every Webex TrackingID the run sends, so a trackingId Cisco
 * support quotes leads back to the API request, and it is a key on every log line.
 */
const store = new AsyncLocalStorage<{ id: string }>();

export function withCorrelation<T>(id: string, fn: () => Promise<T>): Promise<T> {
  return store.run({ id: id.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64) || 'none' }, fn);
}

export const correlationId = (): string | undefined => store.getStore()?.id;
