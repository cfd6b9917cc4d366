/**
 * Builds operations.json: the operations of Cisco's official OpenAPI documents (./openapi/, copied from Cisco with attribution in its NOTICE.md)
 * under the paths the guarded request workflow may reach, with parameters and request-body schemas
 * fully dereferenced. The Lambda validates against this compact file instead of shipping 2.7 MB of
 * specs. Run: npx tsx functions/lib/webex-spec/generate.ts [specDir]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { unenforcedKeywords, type Schema } from './schema-validator';

export const SPEC_FILES = [
  'webex-admin.json',
  'webex-numbers.yml',
  'webex-locations.yml',
  'webex-user-call-settings-1-2.yml',
  'webex-user-call-settings-2-2.yml',
];
/** The widest set an admin can allow; the deployed allow-list (CDK prop) narrows it. */
export const REACHABLE_PREFIXES = ['/people', '/licenses', '/locations', '/telephony/config'];

// JSON Schema keywords worth keeping; OpenAPI's (example, xml, discriminator...) and prose are dropped.
const KEEP = new Set([
  'type', 'properties', 'required', 'items', 'enum', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'additionalProperties', 'allOf',
  'anyOf', 'oneOf', 'not', 'nullable', 'format', 'minProperties', 'maxProperties',
]);

export interface CompactOperation {
  method: string;
  path: string;
  operationId?: string;
  source: string;
  query: Record<string, { required: boolean; schema: Schema }>;
  body?: { required: boolean; schema: Schema };
  /** Declares start/max: a telephony list paged by offset. */
  offsetPaging: boolean;
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
  for (const file of SPEC_FILES) {
    const text = readFileSync(join(specDir, file), 'utf8');
    const doc = (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as Doc;
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!REACHABLE_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) continue;
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        const op = item[method];
        if (!op) continue;
        const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: any) => deref(doc, p));
        const query: CompactOperation['query'] = {};
        for (const p of params.filter((p: any) => p.in === 'query')) {
          query[p.name] = { required: Boolean(p.required), schema: compactSchema(doc, p.schema ?? {}) };
        }
        const requestBody = op.requestBody ? deref(doc, op.requestBody) : undefined;
        const jsonSchema = requestBody?.content?.['application/json']?.schema;
        operations.push({
          method: method.toUpperCase(),
          path,
          operationId: op.operationId,
          source: file,
          query,
          ...(jsonSchema ? { body: { required: Boolean(requestBody.required), schema: compactSchema(doc, jsonSchema) } } : {}),
          offsetPaging: 'start' in query && 'max' in query,
        });
      }
    }
  }
  // The same operation appears in more than one split file; keep the first.
  const seen = new Set<string>();
  const unique = operations.filter((op) => {
    const key = `${op.method} ${op.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // A keyword the guard's validator does not know would let requests through unchecked.
  const unenforced = unenforcedSchemaParts(unique);
  if (unenforced.length) {
    throw new Error(`schema-validator.ts does not enforce these; support them there:\n${unenforced.join('\n')}`);
  }
  return unique;
}

/** Every part of the operations' query and body schemas that schema-validator.ts would not enforce. */
export function unenforcedSchemaParts(operations: CompactOperation[]): string[] {
  return operations.flatMap((op) => [
    ...Object.entries(op.query).flatMap(([name, param]) => unenforcedKeywords(param.schema, `${op.method} ${op.path} query ${name}#`)),
    ...(op.body ? unenforcedKeywords(op.body.schema, `${op.method} ${op.path} body#`) : []),
  ]);
}

if (require.main === module) {
  const specDir = resolve(process.argv[2] ?? join(__dirname, 'openapi'));
  const ops = buildOperations(specDir);
  writeFileSync(join(__dirname, 'operations.json'), `${JSON.stringify({ generatedFrom: SPEC_FILES, operations: ops })}\n`);
  console.log(`wrote ${ops.length} operations`);
}
