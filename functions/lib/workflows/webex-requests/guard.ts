// A namespace import lets esbuild drop what is unused (zod's locales alone are ~200 KB).
import * as z from 'zod';
import { ValidationError, type FieldIssue } from '../../errors';
import { operationsFor, type Operation } from '../../webex-spec/operations';
import { validate, type Schema } from '../../webex-spec/schema-validator';

export const DEFAULT_ALLOWED_PREFIXES = ['/people', '/licenses', '/locations', '/telephony/config'];

export const WebexRequestInput = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  path: z.string().min(1).max(2048),
  query: z.record(z.string().max(128), z.union([z.string().max(4096), z.number(), z.boolean()])).optional(),
  body: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
  /** Follow every page of a GET listing. */
  all: z.boolean().optional(),
  /** Validate and return the request that would be sent, without sending it. */
  dryRun: z.boolean().optional(),
});
export type WebexRequestInput = z.infer<typeof WebexRequestInput>;

export interface CheckedRequest {
  operation: Operation;
  query: Record<string, string | number | boolean>;
}

/**
 * The guard rails, applied before anything is sent: a relative path under an allowed prefix, with no
 * way to climb out of it; an operation Cisco's OpenAPI documents define for that method; declared
 * query parameters of the right types; a body that satisfies the operation's schema.
 */
export function checkWebexRequest(input: WebexRequestInput, allowedPrefixes: readonly string[]): CheckedRequest {
  const pathProblem = unsafePath(input.path);
  if (pathProblem) throw new ValidationError([{ field: 'path', message: pathProblem }]);
  if (!allowedPrefixes.some((p) => input.path === p || input.path.startsWith(`${p}/`))) {
    throw new ValidationError([{ field: 'path', message: `must be under one of ${allowedPrefixes.join(', ')}` }]);
  }
  const candidates = operationsFor(input.path);
  if (!candidates.length) {
    throw new ValidationError([{ field: 'path', message: "is not an operation in Cisco's OpenAPI documents for these APIs" }]);
  }
  const operation = candidates.find((op) => op.method === input.method);
  if (!operation) {
    const allowed = [...new Set(candidates.map((op) => op.method))].join(', ');
    throw new ValidationError([{ field: 'method', message: `${input.method} is not defined for ${candidates[0].path} (allowed: ${allowed})` }]);
  }
  if (input.all && input.method !== 'GET') {
    throw new ValidationError([{ field: 'all', message: 'only applies to GET listings' }]);
  }

  const issues: FieldIssue[] = [];
  const query: Record<string, string | number | boolean> = {};
  for (const [name, raw] of Object.entries(input.query ?? {})) {
    const param = operation.query[name];
    if (!param) {
      issues.push({ field: `query.${name}`, message: `is not a parameter of ${operation.method} ${operation.path}` });
      continue;
    }
    const problems = validate(param.schema, coerce(raw, param.schema.type));
    if (problems.length) issues.push({ field: `query.${name}`, message: problems.map((p) => p.message).join('; ') });
    query[name] = raw;
  }
  for (const [name, param] of Object.entries(operation.query)) {
    if (param.required && !(name in (input.query ?? {}))) issues.push({ field: `query.${name}`, message: 'is required' });
  }

  if (operation.body) {
    if (input.body === undefined) {
      // Several operations omit `required` on the body while its schema has required fields.
      const schemaRequires = (operation.body.schema.required?.length ?? 0) > 0;
      if (operation.body.required || schemaRequires) issues.push({ field: 'body', message: `is required by ${operation.method} ${operation.path}` });
    } else {
      for (const problem of validate(operation.body.schema, input.body)) {
        issues.push({ field: ['body', ...problem.path].join('.'), message: problem.message });
      }
    }
  } else if (input.body !== undefined) {
    issues.push({ field: 'body', message: `${operation.method} ${operation.path} takes no body` });
  }
  if (issues.length) throw new ValidationError(issues);
  return { operation, query };
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

function coerce(value: string | number | boolean, type: Schema['type']): unknown {
  if (typeof value !== 'string') return value;
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if ((type === 'integer' || type === 'number') && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return value;
}
