/**
 * The `rel="next"` target of an RFC 8288 Link header, if any. Read by splitting, not by a pattern over the
 * parameters: a header is Webex's to write, and a pattern such as `rel\s*=\s*"?([^";]*\s)?next` backtracks
 * over every `rel=` of a long header again (quadratic).
 */
export function nextLink(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]+)>\s*;(.*)$/.exec(part);
    if (match && match[2].split(';').some(isRelNext)) return match[1];
  }
  return undefined;
}

/** `rel=next`, `rel="next"` or `rel="prev next"` (relation types are space-separated, case-insensitive). */
function isRelNext(param: string): boolean {
  const eq = param.indexOf('=');
  if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'rel') return false;
  const value = param.slice(eq + 1).trim().replace(/^"|"$/g, '');
  return value.toLowerCase().split(/\s+/).includes('next');
}
