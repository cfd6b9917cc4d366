import * as z from 'zod';
import { ValidationError, type FieldIssue } from '../../errors';
import { operationsFor, type Operation } from '../../webex-spec/operations';
import { isUnderPrefix, REACHABLE_PREFIXES } from '../../webex-spec/prefixes';
import { UNDECLARED, validate, type Schema } from '../../webex-spec/schema-validator';

/** Every prefix the bundled operations reach; the CDK prop `webexRequestAllowedPrefixes` narrows it. */
export const DEFAULT_ALLOWED_PREFIXES = REACHABLE_PREFIXES;

/** Deeper bodies are refused: no Webex schema nests past ~8 levels, and walking them recursively must stay cheap. */
export const MAX_BODY_DEPTH = 32;
/** Issues one refusal lists: a 64 KB body of unknown fields would otherwise answer megabytes. */
export const MAX_ISSUES = 25;
/** Longer strings in a body are refused: no Webex field takes more, and every regex applied later stays cheap. */
export const MAX_BODY_STRING_LENGTH = 8192;

/**
 * A value that fills a `{param}` of the path: a Webex id (base64url, maybe padded) or a name. Nothing that
 * could add a segment, a parameter or an encoding (`/`, `;`, `%`, `.`, CR/LF) reaches Webex inside one.
 */
const PATH_PARAMETER = /^[A-Za-z0-9_-]+={0,2}$/;
/**
 * The two parameters whose values are not ids. `{phoneNumber}` (PUT /telephony/pstn/numbers/{phoneNumber}/emergencyAddress)
 * is an E.164 number, `+` sent raw or as `%2B`; `{fileName}` (DELETE …/announcements/{fileName}) is an
 * announcement's file name such as `greeting.wav` (webex-features-call-queue.yml, -auto-attendant.yml).
 * Neither admits `/`, `%` other than the `%2B`, or a leading dot.
 */
const NAMED_PARAMETERS: Record<string, RegExp> = {
  phoneNumber: /^(\+|%2B)?[0-9]{1,20}$/i,
  fileName: /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,254}$/,
};

/**
 * Top-level body fields that change what a person may do or who they are, refused unless the deployment
 * opts in (`webexRequestAllowPrivilegeFields`): admin roles anywhere, and the sign-in address on an update.
 */
const PRIVILEGE_FIELDS: { field: string; applies: (op: Operation) => boolean }[] = [
  { field: 'roles', applies: () => true },
  { field: 'emails', applies: (op) => op.method === 'PUT' && op.path === '/people/{personId}' },
];

/**
 * JSON.parse keeps a `__proto__` key as an own property, but copying it into a new object (as zod's
 * record does) sets the prototype instead, and the field vanishes without a word: refuse it first.
 */
const withoutProtoKey = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value, context) => {
    if (value && typeof value === 'object' && Object.hasOwn(value, '__proto__')) {
      context.issues.push({ code: 'custom', message: 'is not a field name that can be sent', input: value, path: ['__proto__'] });
    }
    return value;
  }, schema);

export const WebexRequestInput = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  path: z.string().min(1).max(2048),
  query: withoutProtoKey(z.record(z.string().max(128), z.union([z.string().max(4096), z.number(), z.boolean()]))).optional(),
  body: withoutProtoKey(z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())])).optional(),
  /** Follow every page of a GET listing. */
  all: z.boolean().optional(),
  /** Continue an `all` listing where a truncated answer stopped. */
  cursor: z.string().min(1).max(4096).optional(),
  /** Validate and return the request that would be sent, without sending it. */
  dryRun: z.boolean().optional(),
});
export type WebexRequestInput = z.infer<typeof WebexRequestInput>;

export interface GuardOptions {
  /** Let bodies carry PRIVILEGE_FIELDS (CDK prop `webexRequestAllowPrivilegeFields`). */
  allowPrivilegeFields?: boolean;
}

export interface CheckedRequest {
  operation: Operation;
  /** The path as it is sent: without the trailing `/` a few of Cisco's templates spell (as live clients send them). */
  path: string;
  /** The query as validated and as it is sent: numbers and booleans as values, not the strings given. */
  query: Record<string, string | number | boolean>;
}

/**
 * The guard rails, applied before anything is sent: a relative path under an allowed prefix, with no
 * way to climb out of it; an operation Cisco's OpenAPI documents define for that method; declared
 * query parameters of the right types; a body that satisfies the operation's schema and declares no
 * field the schema does not.
 */
export function checkWebexRequest(input: WebexRequestInput, allowedPrefixes: readonly string[], options: GuardOptions = {}): CheckedRequest {
  // One trailing `/` is read as the path without it, accepted below only where Cisco's document spells it.
  const trailingSlash = input.path.length > 1 && input.path.endsWith('/') && !input.path.endsWith('//');
  const path = trailingSlash ? input.path.slice(0, -1) : input.path;
  const pathProblem = unsafePath(path);
  if (pathProblem) throw new ValidationError([{ field: 'path', message: pathProblem }]);
  if (!allowedPrefixes.some((p) => isUnderPrefix(path, p))) {
    throw new ValidationError([{ field: 'path', message: `must be under one of ${allowedPrefixes.join(', ')}` }]);
  }
  const candidates = operationsFor(path);
  if (!candidates.length) {
    throw new ValidationError([{ field: 'path', message: "is not an operation in Cisco's OpenAPI documents for these APIs" }]);
  }
  const operation = candidates.find((op) => op.method === input.method);
  if (!operation) {
    const allowed = [...new Set(candidates.map((op) => op.method))].join(', ');
    throw new ValidationError([{ field: 'method', message: `${input.method} is not defined for ${candidates[0].path} (allowed: ${allowed})` }]);
  }
  if (trailingSlash && !operation.documentedTrailingSlash) {
    throw new ValidationError([{ field: 'path', message: `must not end in / (Cisco's documents spell ${operation.method} ${operation.path} without it)` }]);
  }
  const badParameter = badPathParameter(operation.path, path);
  if (badParameter) throw new ValidationError([{ field: 'path', message: badParameter }]);
  if (input.all && input.method !== 'GET') {
    throw new ValidationError([{ field: 'all', message: 'only applies to GET listings' }]);
  }
  if (input.all && !operation.listKey) {
    throw new ValidationError([{ field: 'all', message: `GET ${operation.path} answers a single object, not a list to page through` }]);
  }
  if (input.cursor !== undefined && !input.all) throw new ValidationError([{ field: 'cursor', message: 'only applies with all: true' }]);

  const { query, issues } = checkQuery(operation, input.query ?? {});
  for (const [name, param] of Object.entries(operation.query)) {
    if (param.required && !Object.hasOwn(input.query ?? {}, name)) issues.push({ field: `query.${name}`, message: 'is required' });
  }

  if (operation.body) {
    if (input.body === undefined) {
      // Several operations omit `required` on the body while its schema has required fields.
      const schemaRequires = (operation.body.schema.required?.length ?? 0) > 0;
      if (operation.body.required || schemaRequires) issues.push({ field: 'body', message: `is required by ${operation.method} ${operation.path}` });
    } else {
      const shape = bodyShapeIssue(input.body);
      if (shape) throw new ValidationError([shape]);
      for (const problem of validate(operation.body.schema, input.body, [], { closed: true })) {
        const message = problem.message === UNDECLARED ? `is not a field of ${operation.method} ${operation.path} in Cisco's documents` : problem.message;
        issues.push({ field: ['body', ...problem.path].join('.'), message });
      }
      if (!options.allowPrivilegeFields && !Array.isArray(input.body)) {
        for (const { field, applies } of PRIVILEGE_FIELDS) {
          if (Object.hasOwn(input.body, field) && applies(operation)) {
            issues.push({ field: `body.${field}`, message: 'changes privileges; this deployment does not allow it through the guarded request (webexRequestAllowPrivilegeFields)' });
          }
        }
      }
    }
  } else if (input.body !== undefined) {
    issues.push({ field: 'body', message: `${operation.method} ${operation.path} takes no body` });
  }
  if (issues.length > MAX_ISSUES) {
    throw new ValidationError([...issues.slice(0, MAX_ISSUES), { field: issues[MAX_ISSUES].field, message: `and ${issues.length - MAX_ISSUES} more issues` }]);
  }
  if (issues.length) throw new ValidationError(issues);
  return { operation, path, query };
}

function unsafePath(path: string): string | undefined {
  if (!path.startsWith('/') || path.startsWith('//')) return 'must be a path relative to the Webex API, starting with a single /';
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.includes('://')) return 'must not be an absolute URL';
  if (/[?#\\\s\u0000-\u001f\u007f]/.test(path)) return 'must not contain ?, #, backslashes, spaces or control characters (put parameters in query)';
  if (/%(2e|2f|5c|00)/i.test(path)) return 'must not contain encoded dots, slashes or backslashes';
  if (path.split('/').some((segment, i) => i > 0 && (segment === '' || segment === '.' || segment === '..'))) {
    return 'must not contain empty, . or .. segments';
  }
  return undefined;
}

/** The first segment filling a `{param}` of `template` that is not a plain id (or the parameter's own form). */
function badPathParameter(template: string, path: string): string | undefined {
  const names = template.split('/');
  const values = path.split('/');
  for (let i = 1; i < names.length; i++) {
    const name = /^\{(\w+)\}$/.exec(names[i])?.[1];
    if (!name) continue;
    // `/people/me` and the `…/me/…` operations act on the token's own user: a Service App has none, so they
    // are left out of the table, and `me` must not reach them through a `{personId}` either.
    if (values[i].toLowerCase() === 'me') return `segment ${i} ({${name}}) must be an id: "me" operations need a user's own token, which a Service App does not have`;
    const form = Object.hasOwn(NAMED_PARAMETERS, name) ? NAMED_PARAMETERS[name] : PATH_PARAMETER;
    if (!form.test(values[i])) {
      return `segment ${i} ({${name}}) must be ${form === PATH_PARAMETER ? 'a Webex id: letters, digits, _ and -, with at most two = at the end' : `of the form ${form.source}`}`;
    }
  }
  return undefined;
}

/** Bodies too deep, with strings too long or numbers JSON cannot send: refused before they are walked again. */
function bodyShapeIssue(body: unknown): FieldIssue | undefined {
  // Iterative, so the depth check itself cannot overflow the stack.
  const stack: { value: unknown; path: string[] }[] = [{ value: body, path: ['body'] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.length > MAX_BODY_STRING_LENGTH) return { field: path.join('.'), message: `must NOT have more than ${MAX_BODY_STRING_LENGTH} characters` };
    } else if (typeof value === 'number') {
      // JSON.parse reads 1e400 as Infinity, which JSON.stringify would send as null.
      if (!Number.isFinite(value)) return { field: path.join('.'), message: 'must be a finite number' };
    } else if (value && typeof value === 'object') {
      if (path.length > MAX_BODY_DEPTH) return { field: path.slice(0, MAX_BODY_DEPTH + 1).join('.'), message: `nests deeper than ${MAX_BODY_DEPTH} levels` };
      for (const [key, child] of Object.entries(value)) stack.push({ value: child, path: [...path, key] });
    }
  }
  return undefined;
}

/**
 * A query string as the parameter's type, when it is written as that type in plain decimal: `" 5"`,
 * `"0x10"`, `"1e3"` or `"Infinity"` stay strings and fail a number's check, so what passed is what is sent.
 */
function coerce(value: string | number | boolean, type: Schema['type']): unknown {
  if (typeof value !== 'string') return value;
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if (type === 'integer' && /^-?(0|[1-9][0-9]{0,15})$/.test(value)) return Number(value);
  if (type === 'number' && /^-?(0|[1-9][0-9]{0,15})(\.[0-9]{1,15})?$/.test(value)) return Number(value);
  return value;
}

export type CheckedQuery = Record<string, string | number | boolean>;

/**
 * Query parameters against the operation's declaration: each declared, each of its type and within its
 * schema. The one check of the caller's `query` and of the query a caller-written cursor decodes to.
 */
export function checkQuery(operation: Operation, raw: Readonly<CheckedQuery>): { query: CheckedQuery; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const query: CheckedQuery = {};
  for (const [name, value] of Object.entries(raw)) {
    // Own properties only: `constructor` or `toString` are not parameters of any operation.
    const param = Object.hasOwn(operation.query, name) ? operation.query[name] : undefined;
    if (!param) {
      issues.push({ field: `query.${name}`, message: `is not a parameter of ${operation.method} ${operation.path}` });
      continue;
    }
    const coerced = coerce(value, param.schema.type);
    const problems = validate(param.schema, coerced);
    if (problems.length) issues.push({ field: `query.${name}`, message: problems.map((p) => p.message).join('; ') });
    query[name] = coerced as string | number | boolean;
  }
  return { query, issues };
}
