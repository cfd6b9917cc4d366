/**
 * The API reference (docs/api-reference.md) rendered from the OpenAPI document: every operation with its
 * parameters, body fields and answers, then every answer schema's fields. What each route does in detail (the
 * workflows, their safeguards and limits) is in docs/api-guide.md, written by hand.
 */
type Schema = {
  type?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  additionalProperties?: unknown;
  description?: string;
};
interface Operation {
  operationId: string;
  summary: string;
  parameters?: { name: string; in: string; required?: boolean; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; headers?: Record<string, unknown>; content?: Record<string, { schema: Schema }> }>;
}
interface Document {
  info: { title: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const refName = (ref: string) => ref.split('/').pop() ?? ref;
const anchor = (name: string) => `#${name.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')}`;

/** A schema in a few words: its type, its bounds and formats, a referenced schema by name. */
export function describeSchema(s: Schema | undefined): string {
  if (!s) return 'any';
  if (s.$ref) return `[${refName(s.$ref)}](${anchor(refName(s.$ref))})`;
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return alternatives.map(describeSchema).join(' or ');
  if (s.allOf) return describeSchema(s.allOf[0]);
  const bounds: string[] = [];
  if (s.format) bounds.push(s.format);
  if (s.enum) bounds.push(`one of ${s.enum.map((v) => `\`${String(v)}\``).join(', ')}`);
  if (s.const !== undefined) bounds.push(`\`${String(s.const)}\``);
  if (s.minimum !== undefined || s.maximum !== undefined) bounds.push(`${s.minimum ?? '…'}–${s.maximum ?? '…'}`);
  if (s.minLength !== undefined || s.maxLength !== undefined) bounds.push(`${s.minLength ?? 0}–${s.maxLength ?? '…'} characters`);
  if (s.minItems !== undefined || s.maxItems !== undefined) bounds.push(`${s.minItems ?? 0}–${s.maxItems ?? '…'} items`);
  if (s.pattern) bounds.push(`pattern \`${s.pattern}\``);
  let type = s.type ?? (s.properties ? 'object' : 'any');
  if (type === 'array') type = `array of ${describeSchema(s.items)}`;
  if (s.nullable) type += ' or null';
  return bounds.length ? `${type} (${bounds.join('; ')})` : type;
}

/** The fields of an object schema (the first member of an allOf: the object; its anyOf says which are required together). */
function fieldRows(schema: Schema): string[] {
  const object = schema.allOf ? schema.allOf[0] : schema;
  const choice = schema.allOf?.[1]?.anyOf?.map((a) => a.required?.join(', ')).filter(Boolean);
  const rows = nestedRows(object, '', 0);
  if (!rows.length) return [];
  const lines = ['| field | schema | required |', '|---|---|---|', ...rows];
  if (choice?.length) lines.push('', `At least one of: ${choice.map((c) => `\`${c}\``).join(', ')}.`);
  return lines;
}

/** The object of an `allOf: [object, { anyOf: required… }]`, else the schema. */
const objectOf = (s: Schema): Schema => (s.allOf?.[0]?.properties ? s.allOf[0] : s);

/** One row per field, an object's own fields below it as `parent.child` (a list's items as `parent[].child`). */
function nestedRows(object: Schema, prefix: string, depth: number): string[] {
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties ?? {}).flatMap(([name, s]) => {
    const row = `| \`${prefix}${name}\` | ${cell(describeSchema(s))} | ${required.has(name) ? 'yes' : ''} |`;
    const own = objectOf(s);
    const items = s.type === 'array' && s.items ? objectOf(s.items) : undefined;
    const inner = own.properties ? own : items?.properties ? items : undefined;
    if (!inner || depth >= 2) return [row];
    return [row, ...nestedRows(inner, `${prefix}${name}${inner === own ? '' : '[]'}.`, depth + 1)];
  });
}

function bodySection(schema: Schema): string[] {
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (!alternatives) return fieldRows(schema);
  return alternatives.flatMap((alt, i) => {
    const object = alt.allOf ? alt.allOf[0] : alt;
    const tag = Object.entries(object.properties ?? {}).find(([, p]) => p.enum?.length === 1);
    const title = tag ? `\`${tag[0]}\`: \`${String(tag[1].enum?.[0])}\`` : `shape ${i + 1}`;
    return [`*${title}*`, '', ...fieldRows(alt), ''];
  });
}

export function renderApiReference(doc: Document): string {
  const out: string[] = [
    '# API reference',
    '',
    'Generated from the OpenAPI document (`GET /openapi.json`, kept as [openapi.json](openapi.json)) by `npm run api-docs`;',
    'a test fails when it is not current. Do not edit: the document is built from the route rows',
    '(`functions/<route>/handler.ts`). What each route does in detail, with examples, is in the',
    '[API guide](api-guide.md). Every error answers the [Error](#error) body unless its line names another.',
    '',
  ];
  const operations = Object.entries(doc.paths)
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })))
    .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  out.push('| operation | route | summary |', '|---|---|---|');
  for (const { path, method, op } of operations) {
    out.push(`| [${op.operationId}](${anchor(`${op.operationId}`)}) | \`${method} ${path}\` | ${cell(op.summary)} |`);
  }
  out.push('', '## Operations', '');
  for (const { path, method, op } of operations) {
    out.push(`### ${op.operationId}`, '', `\`${method} ${path}\`: ${op.summary}`, '');
    if (op.parameters?.length) {
      out.push('| parameter | in | schema | required |', '|---|---|---|---|');
      for (const p of op.parameters) out.push(`| \`${p.name}\` | ${p.in} | ${cell(describeSchema(p.schema))} | ${p.required ? 'yes' : ''} |`);
      out.push('');
    }
    const body = op.requestBody?.content['application/json']?.schema;
    if (body) out.push('Body (JSON):', '', ...bodySection(body), '');
    out.push('| status | means | body |', '|---|---|---|');
    for (const [status, r] of Object.entries(op.responses)) {
      const schema = r.content?.['application/json']?.schema;
      const headers = r.headers ? ` (header ${Object.keys(r.headers).map((h) => `\`${h}\``).join(', ')})` : '';
      out.push(`| ${status} | ${cell(r.description)}${headers} | ${schema ? cell(describeSchema(schema)) : 'none'} |`);
    }
    out.push('');
  }
  out.push('## Schemas', '');
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    out.push(`### ${name}`, '');
    const rows = bodySection(schema);
    out.push(...(rows.length ? rows : [describeSchema(schema)]), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
