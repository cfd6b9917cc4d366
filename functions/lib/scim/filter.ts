import { filter as compile, parse, type Filter } from 'scim2-parse-filter';
import { ScimError } from './errors';
import type { ScimResourceType, UniqueAttribute } from './store';

/** How a filter's candidates are found without a scan: one equality the store indexes. */
export type Lookup = { by: 'id'; value: string } | { by: UniqueAttribute; value: string } | { by: 'email'; value: string };

export interface ParsedFilter {
  lookup: Lookup;
  /** The whole filter, evaluated on each candidate (attribute names and caseExact false values compared case-insensitively). */
  matches(resource: Record<string, unknown>): boolean;
}

const INDEXED: Record<ScimResourceType, Record<string, Lookup['by']>> = {
  User: { id: 'id', username: 'userName', externalid: 'externalId', 'emails.value': 'email' },
  Group: { id: 'id', displayname: 'displayName', externalid: 'externalId' },
};
/** Attributes compared exactly (RFC 7643: id and externalId are caseExact); every other string case-insensitively. */
const CASE_EXACT = new Set(['id', 'externalid', 'members.value']);

/**
 * A filter parsed with scim2-parse-filter (RFC 7644 §3.4.2.2 grammar). It must hold, alone or joined by `and`, an
 * `eq` on an attribute the store looks up without a scan (Users: userName, externalId, id, emails.value, so also
 * `emails[type eq "work"].value eq …`; Groups: displayName, externalId, id): what Entra ID and Okta send. Anything
 * else is a 400 invalidFilter naming `filter`.
 */
export function parseFilter(type: ScimResourceType, text: string): ParsedFilter {
  let tree: Filter;
  try {
    tree = parse(text);
  } catch (error) {
    throw new ScimError(400, 'invalidFilter', `filter: not a SCIM filter (${error instanceof Error ? error.message.slice(0, 200) : 'unreadable'})`);
  }
  const folded = fold(tree);
  const lookup = findLookup(type, folded);
  if (!lookup) {
    throw new ScimError(400, 'invalidFilter', `filter: must include an "eq" on ${Object.keys(INDEXED[type]).join(', ')} (alone or joined by "and")`);
  }
  const test = compile(folded);
  return { lookup, matches: (resource) => test(foldResource(resource)) };
}

function findLookup(type: ScimResourceType, tree: Filter): Lookup | undefined {
  if (tree.op === 'eq' && 'attrPath' in tree && typeof tree.compValue === 'string') {
    const by = INDEXED[type][tree.attrPath];
    return by ? ({ by, value: tree.compValue } as Lookup) : undefined;
  }
  if (tree.op === 'and' && 'filters' in tree) {
    for (const f of tree.filters) {
      const found = findLookup(type, f);
      if (found) return found;
    }
  }
  return undefined;
}

/** Attribute paths in lower case (names are case-insensitive, RFC 7643 §2.1), and compared values unless caseExact. */
function fold(tree: Filter, parent = ''): Filter {
  switch (tree.op) {
    case 'and':
    case 'or':
      return { ...tree, filters: tree.filters.map((f) => fold(f, parent)) };
    case 'not':
      return { ...tree, filter: fold(tree.filter, parent) };
    case '[]': {
      const attrPath = shortPath(tree.attrPath);
      return { ...tree, attrPath, valFilter: fold(tree.valFilter, `${parent}${attrPath}.`) };
    }
    default: {
      const attrPath = shortPath(tree.attrPath);
      const exact = CASE_EXACT.has(`${parent}${attrPath}`);
      const compValue = 'compValue' in tree && typeof tree.compValue === 'string' && !exact ? tree.compValue.toLowerCase() : 'compValue' in tree ? tree.compValue : undefined;
      return { ...tree, attrPath, ...(compValue === undefined ? {} : { compValue }) } as Filter;
    }
  }
}

/** `urn:…:User:userName` is `userName`: the core schema's URN prefix is optional in a path. */
function shortPath(path: string): string {
  const lower = path.toLowerCase();
  const core = /^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/;
  return lower.replace(core, '');
}

function foldResource(value: unknown, path = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => foldResource(v, path));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), foldResource(v, path ? `${path}.${k.toLowerCase()}` : k.toLowerCase())]));
  }
  return typeof value === 'string' && !CASE_EXACT.has(path) ? value.toLowerCase() : value;
}
