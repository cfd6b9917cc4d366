/**
 * Seconds to wait on a Webex 429 that carries no readable Retry-After: the client's pause between attempts,
 * and the wait a state machine makes before retrying a step (wxc_sdk's default).
 */
export const WEBEX_RATE_LIMIT_WAIT_SECONDS = 5;

/**
 * Parse a Retry-After header into milliseconds. Webex normally sends integer seconds, but has been
 * seen sending `rand(30),add(30)` (WebexPythonSDK issue #181), which crashes SDKs that parse it
 * naively; anything we cannot read yields `undefined` so the caller applies its bounded default.
 */
export function parseRetryAfterMs(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP-date must name a weekday or month; Date.parse alone accepts too much.
  if (/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)) {
    const at = Date.parse(trimmed);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  return undefined;
}
