import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The recipes in docs/integrations/ show each tool's exchanges as ```http blocks: a request (request line, headers,
 * a blank line, the body) as the admin types it into the tool, its dynamic values in the tool's own template syntax,
 * and after it the answer (`HTTP/1.1 <status>` and the body, `"…"` at the end of a string standing for the rest).
 * A test replays them in page order: the page is the source of the requests, so a page and its test cannot drift.
 */

/** The deployed values every page uses; a replay swaps them for the local API's. */
export const EXAMPLE_API = 'https://abc123.execute-api.eu-west-1.amazonaws.com/v1';
export const EXAMPLE_TOKEN_URL = 'https://webexprovisioning-123456789012.auth.eu-west-1.amazoncognito.com/oauth2/token';

export interface HttpRequestBlock {
  readonly kind: 'request';
  /** The fence's label (```http Get_token): how later requests refer to this one's answer. */
  readonly name?: string;
  readonly method: string;
  readonly url: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}
export interface HttpAnswerBlock {
  readonly kind: 'answer';
  readonly status: number;
  readonly body: string;
}
export type HttpBlock = HttpRequestBlock | HttpAnswerBlock;

export function readRecipe(file: string): string {
  return readFileSync(join(__dirname, '../../docs/integrations', file), 'utf8');
}

/** Every ```http block of a page (or of another fence language written the same way), in order. */
export function httpBlocks(markdown: string, language = 'http'): HttpBlock[] {
  return [...markdown.matchAll(new RegExp('```' + language + '(?: +([\\w-]+))?\\n([\\s\\S]*?)```', 'g'))].map(([, name, text]) => parseBlock(text, name));
}

function parseBlock(text: string, name: string | undefined): HttpBlock {
  const [head, ...rest] = text.split(/\n\n/);
  const [first, ...headerLines] = head.split('\n');
  const body = rest.join('\n\n').replace(/\n$/, '');
  const answer = /^HTTP\/1\.1 (\d{3})\b/.exec(first);
  if (answer) return { kind: 'answer', status: Number(answer[1]), body };
  const request = /^([A-Z]+) (\S+)(?: HTTP\/1\.1)?$/.exec(first);
  if (!request) throw new Error(`Not a request line: ${first}`);
  const headers = headerLines.filter(Boolean).map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()] as const;
  });
  return { kind: 'request', ...(name ? { name } : {}), method: request[1], url: request[2], headers, body };
}

export interface ReplayedExchange {
  readonly request: HttpRequestBlock;
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
}

export interface ReplayContext {
  /** Earlier exchanges, oldest first. */
  readonly exchanges: readonly ReplayedExchange[];
  /** The exchange of the request labelled `name`. */
  named(name: string): ReplayedExchange;
  /** The access token of the latest token answer: what a tool with a connection or OAuth profile inserts itself. */
  token(): string;
}

/** How a tool fills its template syntax in (a string in, the string it sends out). */
export type Expand = (text: string, context: ReplayContext) => string;

/**
 * Sends the page's requests to `apiUrl`, its template syntax expanded by `expand`, and checks each answer block
 * against the answer just received. Returns every exchange, for the test's own further checks.
 */
export async function replayRecipe(blocks: readonly HttpBlock[], apiUrl: string, expand: Expand): Promise<ReplayedExchange[]> {
  const exchanges: ReplayedExchange[] = [];
  const context: ReplayContext = {
    exchanges,
    named(name) {
      const found = exchanges.find((e) => e.request.name === name);
      if (!found) throw new Error(`No request labelled ${name} before this one`);
      return found;
    },
    token() {
      const answer = [...exchanges].reverse().find((e) => typeof (e.json as { access_token?: unknown })?.access_token === 'string');
      if (!answer) throw new Error('No token answer before this request');
      return (answer.json as { access_token: string }).access_token;
    },
  };
  const local = (url: string) => url.replace(EXAMPLE_TOKEN_URL, `${apiUrl}/oauth2/token`).replace(EXAMPLE_API, apiUrl);
  for (const block of blocks) {
    if (block.kind === 'answer') {
      const last = exchanges.at(-1);
      if (!last) throw new Error('An answer block before any request');
      if (last.status !== block.status) throw new Error(`${last.request.method} ${last.request.url}: the page says ${block.status}, the API answered ${last.status}: ${last.text}`);
      if (block.body) expectShape(last.json, JSON.parse(block.body), `${last.request.method} ${last.request.url}`);
      continue;
    }
    const url = local(expand(block.url, context));
    const headers = block.headers.map(([name, value]) => [name, expand(value, context)] as [string, string]);
    const res = await fetch(url, { method: block.method, headers, body: block.body ? expand(block.body, context) : undefined });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    exchanges.push({ request: block, status: res.status, headers: res.headers, text, json });
  }
  return exchanges;
}

/** `expected` is a subset of `actual`; a string ending in "…" matches any string starting with what precedes it. */
function expectShape(actual: unknown, expected: unknown, where: string, path = '$'): void {
  if (typeof expected === 'string' && expected.endsWith('…')) {
    if (typeof actual !== 'string' || !actual.startsWith(expected.slice(0, -1))) throw new Error(`${where}: ${path} is ${JSON.stringify(actual)}, the page shows ${expected}`);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') throw new Error(`${where}: ${path} is ${JSON.stringify(actual)}, the page shows an object`);
    for (const [key, value] of Object.entries(expected)) expectShape((actual as Record<string, unknown>)[key], value, where, `${path}.${key}`);
    return;
  }
  if (actual !== expected) throw new Error(`${where}: ${path} is ${JSON.stringify(actual)}, the page shows ${JSON.stringify(expected)}`);
}

/** A dotted path into a JSON value (`body.access_token`, `fields.customfield_10060.value`). */
export function atPath(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}
