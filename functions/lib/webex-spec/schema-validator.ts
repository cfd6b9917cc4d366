/**
 * Validates a value against the JSON Schema subset operations.json uses, with the semantics and
 * messages Ajv had for it (allErrors, no coercion, formats unchecked, strictNumbers off). Ajv with
 * fast-uri was a third of the WebexRequest bundle for a dozen keywords; regenerating the spec with a
 * keyword outside this set fails in generate.ts (see unenforcedKeywords) rather than going unchecked.
 */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array';

export interface Schema {
  type?: JsonType | JsonType[];
  enum?: unknown[];
  /** Documentation only, as it was with Ajv's validateFormats: false (int64, date-time, uuid...). */
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  required?: string[];
  properties?: Record<string, Schema>;
}

export interface SchemaIssue {
  /** Where the offending value is, or for a missing required property where it should be. */
  path: string[];
  message: string;
}

const IS: Record<JsonType, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  // NaN and Infinity count as numbers, Infinity as an integer: Ajv's checks without strictNumbers.
  number: (v) => typeof v === 'number',
  integer: (v) => typeof v === 'number' && !(v % 1) && !Number.isNaN(v),
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  array: (v) => Array.isArray(v),
};

export interface ValidateOptions {
  /**
   * Refuse properties an object schema does not declare (Ajv's `additionalProperties: false` on every
   * schema with properties). A schema without properties says nothing about its fields and stays open.
   */
  closed?: boolean;
}

/** The message for an undeclared property under `closed`; its path names the property. */
export const UNDECLARED = 'is not a property the schema declares';

type Check = (schema: Schema, value: any, path: string[], issues: SchemaIssue[], options: ValidateOptions) => void;

/**
 * Keywords that apply only to one type of value, in the order Ajv evaluates them (its rule groups:
 * number, string, array, object), which is the order of the issues.
 */
const TYPED: [type: 'number' | 'string' | 'array' | 'object', keywords: (keyof Schema)[], check: Check][] = [
  ['number', ['maximum', 'minimum', 'format'], (s, v, path, issues) => {
    // Negated comparisons so NaN fails both, as in Ajv.
    if (s.maximum !== undefined && !(v <= s.maximum)) issues.push({ path, message: `must be <= ${s.maximum}` });
    if (s.minimum !== undefined && !(v >= s.minimum)) issues.push({ path, message: `must be >= ${s.minimum}` });
  }],
  ['string', ['maxLength', 'minLength', 'format'], (s, v, path, issues) => {
    // Code points, not UTF-16 units: Ajv's ucs2length.
    const length = [...(v as string)].length;
    if (s.maxLength !== undefined && length > s.maxLength) issues.push({ path, message: `must NOT have more than ${s.maxLength} characters` });
    if (s.minLength !== undefined && length < s.minLength) issues.push({ path, message: `must NOT have fewer than ${s.minLength} characters` });
  }],
  ['array', ['maxItems', 'minItems', 'items'], (s, v: unknown[], path, issues, options) => {
    if (s.maxItems !== undefined && v.length > s.maxItems) issues.push({ path, message: `must NOT have more than ${s.maxItems} items` });
    if (s.minItems !== undefined && v.length < s.minItems) issues.push({ path, message: `must NOT have fewer than ${s.minItems} items` });
    if (s.items) v.forEach((item, i) => issues.push(...validate(s.items!, item, [...path, String(i)], options)));
  }],
  ['object', ['required', 'properties'], (s, v: Record<string, unknown>, path, issues, options) => {
    for (const name of s.required ?? []) {
      if (!present(v, name)) issues.push({ path: [...path, name], message: `must have required property '${name}'` });
    }
    // Ajv checks additionalProperties between required and properties.
    if (options.closed && s.properties && Object.keys(s.properties).length) {
      for (const name of Object.keys(v)) if (!Object.hasOwn(s.properties, name)) issues.push({ path: [...path, name], message: UNDECLARED });
    }
    for (const [name, sub] of Object.entries(s.properties ?? {})) {
      if (present(v, name)) issues.push(...validate(sub, v[name], [...path, name], options));
    }
  }],
];

export function validate(schema: Schema, value: unknown, path: string[] = [], options: ValidateOptions = {}): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const types = schema.type === undefined ? [] : [schema.type].flat();
  // `${types}` joins with commas: Ajv's "must be string,null".
  const typeIssue = () => issues.push({ path, message: `must be ${types}` });
  // Ajv reports a lone type's mismatch where that type's keywords would have run, not up front.
  const lateType = types.length === 1 ? TYPED.find(([t, keywords]) => t === types[0] && uses(schema, keywords)) : undefined;
  if (types.length && !lateType && !types.some((t) => IS[t](value))) typeIssue();
  if (schema.enum && !schema.enum.some((allowed) => allowed === value)) {
    issues.push({ path, message: 'must be equal to one of the allowed values' });
  }
  for (const group of TYPED) {
    const [type, keywords, check] = group;
    if (!uses(schema, keywords)) continue;
    if (IS[type](value)) check(schema, value, path, issues, options);
    else if (group === lateType) typeIssue();
  }
  return issues;
}

const uses = (schema: Schema, keywords: (keyof Schema)[]) => keywords.some((k) => schema[k] !== undefined);

// Own properties only: Ajv would also see inherited ones (`constructor`), which a JSON body never means.
const present = (object: Record<string, unknown>, name: string) => Object.hasOwn(object, name) && object[name] !== undefined;

/**
 * What in `schema` validate() would not enforce, as JSON pointers: keywords outside the set above,
 * tuple `items`, unknown type names, and enum members it cannot compare by identity.
 */
export function unenforcedKeywords(schema: unknown, at = '#'): string[] {
  if (!IS.object(schema)) return [`${at} (not a schema object)`];
  const found: string[] = [];
  for (const [keyword, value] of Object.entries(schema as Record<string, unknown>)) {
    const here = `${at}/${keyword}`;
    if (!SUPPORTED.has(keyword)) found.push(here);
    else if (keyword === 'type' && ![value].flat().every((t) => Object.hasOwn(IS, t as string))) found.push(here);
    else if (keyword === 'enum' && !(value as unknown[]).every((v) => v === null || typeof v !== 'object')) found.push(here);
    else if (keyword === 'items') found.push(...unenforcedKeywords(value, here));
    else if (keyword === 'properties') {
      for (const [name, sub] of Object.entries(value as object)) found.push(...unenforcedKeywords(sub, `${here}/${name}`));
    }
  }
  return found;
}

const SUPPORTED = new Set<string>(['type', 'enum', ...TYPED.flatMap(([, keywords]) => keywords)]);
