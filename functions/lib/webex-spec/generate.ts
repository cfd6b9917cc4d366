/**
 * Builds operations.json: the operations of Cisco's official OpenAPI documents (./openapi/, copied from Cisco with attribution in its NOTICE.md)
 * under the paths the guarded request workflow may reach, with parameters and request-body schemas
 * fully dereferenced. The Lambda validates against this compact file instead of shipping 2.7 MB of
 * specs. Run: npx tsx functions/lib/webex-spec/generate.ts [specDir]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { pack } from './packing';
import { isUnderPrefix, REACHABLE_PREFIXES } from './prefixes';
import { unenforcedKeywords, type Schema } from './schema-validator';
import { scopesIn } from './scopes-in';

const BASE_FILES = [
  'webex-admin.json',
  'webex-numbers.yml',
  'webex-locations.yml',
  'webex-user-call-settings-1-2.yml',
  'webex-user-call-settings-2-2.yml',
];
/** The documents, in precedence order: where two define the same operation, the first one's is kept. */
export function specFiles(specDir: string): string[] {
  return [...BASE_FILES, ...readdirSync(join(specDir, 'calling')).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => `calling/${f}`)];
}

// JSON Schema keywords worth keeping; OpenAPI's (example, xml, discriminator...) and prose are dropped.
const KEEP = new Set([
  'type', 'properties', 'required', 'items', 'enum', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'additionalProperties', 'allOf',
  'anyOf', 'oneOf', 'not', 'nullable', 'format', 'minProperties', 'maxProperties',
]);

export interface CompactOperation {
  method: string;
  path: string;
  summary?: string;
  /** The OAuth scopes Cisco's description says the operation needs (for a 403's hint and discovery). */
  scopes: string[];
  query: Record<string, { required: boolean; schema: Schema }>;
  body?: { required: boolean; schema: Schema };
  /** Declares start/max: a telephony list paged by offset (left out when false). */
  offsetPaging?: true;
  /** A listing's array property (`items`, or a telephony list's one array): what `all: true` collects. */
  listKey?: string;
  /** Cisco's document spells the template with a trailing `/` (`path` is without it, as it is sent). */
  documentedTrailingSlash?: true;
}

/**
 * The array a GET's 200 answer lists, when it is a listing: `items`, or the only array property of an
 * operation that pages (declares `max`). Anything else (a person, a queue with its agents) is not a list.
 */
function listProperty(doc: Doc, op: any, query: CompactOperation['query']): string | undefined {
  const schema = deref(doc, deref(doc, op.responses?.['200'])?.content?.['application/json']?.schema);
  const arrays = Object.entries(schema?.properties ?? {}).filter(([, v]) => deref(doc, v)?.type === 'array').map(([k]) => k);
  if (arrays.includes('items')) return 'items';
  return arrays.length === 1 && 'max' in query ? arrays[0] : undefined;
}

type Doc = { paths: Record<string, Record<string, any>>; components?: unknown };

function deref(doc: Doc, node: any, seen: string[] = []): any {
  if (Array.isArray(node)) return node.map((n) => deref(doc, n, seen));
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    // A recursive schema: stop at the second visit and accept anything below.
    if (seen.includes(node.$ref)) return {};
    const target = node.$ref.slice(2).split('/').reduce((acc: any, key: string) => acc?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    return deref(doc, target, [...seen, node.$ref]);
  }
  return node;
}

function compactSchema(doc: Doc, node: any, seen: string[] = []): any {
  if (node && typeof node === 'object' && typeof node.$ref === 'string') {
    if (seen.includes(node.$ref)) return {};
    return compactSchema(doc, deref(doc, node), [...seen, node.$ref]);
  }
  if (Array.isArray(node)) return node.map((n) => compactSchema(doc, n, seen));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!KEEP.has(key)) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, compactSchema(doc, v, seen)]));
    } else if (key === 'nullable') {
      continue;
    } else {
      out[key] = typeof value === 'object' ? compactSchema(doc, value, seen) : value;
    }
  }
  if (node.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

export function buildOperations(specDir: string): CompactOperation[] {
  const operations: CompactOperation[] = [];
  // Two documents may spell the same template with other parameter names ({locationId}, {id}): one operation.
  const seen = new Set<string>();
  for (const file of specFiles(specDir)) {
    const text = readFileSync(join(specDir, file), 'utf8');
    const doc = (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as Doc;
    for (const [documented, item] of Object.entries(doc.paths)) {
      // Three calling templates end in "/" (…/handsets/, /operatingModes/, /virtualExtensionRanges/{id}/);
      // wxc_sdk, exercised on live orgs, calls them without it (telephony/dect_devices/__init__.py,
      // telephony/virtual_extensions/__init__.py, as_api.py's operatingModes): the path is kept without it, as it
      // is sent, and the guard accepts it with the slash Cisco's document spells (documentedTrailingSlash).
      const path = documented.length > 1 ? documented.replace(/\/$/, '') : documented;
      const trailingSlash = path !== documented;
      if (!REACHABLE_PREFIXES.some((p) => isUnderPrefix(path, p))) continue;
      // A Service App has no "me": those paths need a user's own token.
      if (path.split('/').includes('me')) continue;
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        const op = item[method];
        const key = `${method} ${path.replace(/\{\w+\}/g, '{}')}`;
        if (!op || seen.has(key)) continue;
        seen.add(key);
        const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: any) => deref(doc, p));
        const query: CompactOperation['query'] = {};
        for (const p of params.filter((p: any) => p.in === 'query')) {
          query[p.name] = { required: Boolean(p.required), schema: compactSchema(doc, p.schema ?? {}) };
        }
        const requestBody = op.requestBody ? deref(doc, op.requestBody) : undefined;
        const jsonSchema = requestBody?.content?.['application/json']?.schema;
        const listKey = method === 'get' ? listProperty(doc, op, query) : undefined;
        operations.push({
          method: method.toUpperCase(),
          path,
          ...(op.summary ? { summary: String(op.summary).trim() } : {}),
          scopes: scopesIn(`${op.summary ?? ''}\n${op.description ?? ''}`),
          query,
          ...(jsonSchema ? { body: { required: Boolean(requestBody.required), schema: compactSchema(doc, jsonSchema) } } : {}),
          ...('start' in query && 'max' in query ? { offsetPaging: true as const } : {}),
          ...(listKey ? { listKey } : {}),
          ...(trailingSlash ? { documentedTrailingSlash: true as const } : {}),
        });
      }
    }
  }
  // A keyword the guard's validator does not know would let requests through unchecked.
  const unenforced = unenforcedSchemaParts(operations);
  if (unenforced.length) {
    throw new Error(`schema-validator.ts does not enforce these; support them there:\n${unenforced.join('\n')}`);
  }
  return operations;
}

/** Every part of the operations' query and body schemas that schema-validator.ts would not enforce. */
export function unenforcedSchemaParts(operations: readonly CompactOperation[]): string[] {
  return operations.flatMap((op) => [
    ...Object.entries(op.query).flatMap(([name, param]) => unenforcedKeywords(param.schema, `${op.method} ${op.path} query ${name}#`)),
    ...(op.body ? unenforcedKeywords(op.body.schema, `${op.method} ${op.path} body#`) : []),
  ]);
}

/**
 * The text of operations.json, one line. Each operation is a row `[method, path, details]` whose details
 * (summary, scopes, query, body…) are a JSON string, packed against the `pool` table (itself a string,
 * see packing.ts): a Lambda scans strings far faster than it parses object literals, and parses only the
 * details of the operations it looks up.
 */
export function operationsFile(specDir: string, operations: readonly CompactOperation[]): string {
  const { shared, value } = pack(operations.map(({ method: _method, path: _path, ...details }) => details));
  const rows = operations.map((op, i) => [op.method, op.path, JSON.stringify(value[i])]);
  return `${JSON.stringify({ generatedFrom: specFiles(specDir), pool: JSON.stringify(shared), operations: rows })}\n`;
}

if (require.main === module) {
  const specDir = resolve(process.argv[2] ?? join(__dirname, 'openapi'));
  const ops = buildOperations(specDir);
  writeFileSync(join(__dirname, 'operations.json'), operationsFile(specDir, ops));
  console.log(`wrote ${ops.length} operations`);
}
