/**
 * The one rule for where credentials may be sent (a bearer token on every call; the client secret and refresh
 * token in the OAuth form, from `connect`, `rotate` and the rotator): https, or plain http only to this
 * machine, where the simulator and test servers listen. Returns why a base URL breaks it, or undefined.
 */
export function insecureBaseUrlReason(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return `The Webex base URL "${baseUrl}" is not a URL`;
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  return `The Webex base URL must use https (http only to this machine: 127.0.0.1, ::1, localhost), got ${url.protocol}//${url.host}`;
}

function isLoopbackHost(hostname: string): boolean {
  // URL has already normalised 127.1 or 0x7f.1 to dotted decimal.
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
