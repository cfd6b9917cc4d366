import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

/**
 * Validates requests (and, advisorily, responses) against Cisco's official OpenAPI documents in
^ * functions/lib/webex-spec/openapi/ (copied into the repository, see its NOTICE.md). Paths there are relative to https://webexapis.com/v1.
 */
export const OPENAPI_DIR = join(__dirname, '..', '..', 'functions', 'lib', 'webex-spec', 'openapi');
const FILES = [
  'webex-admin.json',
  'webex-numbers.yml',
  'webex-locations.yml',
  'webex-user-call-settings-1-2.yml',
  'webex-user-call-settings-2-2.yml',
  // The calling location (is it enabled for Webex Calling?) and its PSTN connection.
  'calling/webex-location-call-settings.yml',
  'calling/webex-pstn.yml',
];

/** Endpoints Webex documents outside these files (webex-api.md §5.2: the OAuth refresh). */
export const UNSPECIFIED_OPERATIONS: ReadonlySet<string> = new Set(['POST /access_token']);
/**
 * Query parameters a client sends only by following Webex's own `Link: rel="next"` URLs, which carry
 * paging state the specs do not declare.
 */
const LINK_ONLY_PARAMS = new Set(['cursor']);
/**
 * Request-body checks where clients exercised on live organisations contradict the document, and we send
 * what they send: `operation template` → the ajv error paths that are not problems.
 */
const LIVE_BODY_DEVIATIONS: Record<string, RegExp> = {
  // The document's PUT body allows only `work` numbers; wxc_sdk (people/__init__.py Person.create_update)
  // and wxcadm (person.py update_person) write every entry back as read, and leaving mobile/fax out erases them.
  'PUT /people/{personId}': /^\/phoneNumbers\/\d+\/type$/,
};

interface Operation {
  doc: string;
  template: string;
  method: string;
  pattern: RegExp;
  pathParams: string[];
  parameters: { name: string; in: string; required?: boolean; schema?: unknown; ref: string }[];
  requestBodyRef?: string;
  requestBodyRequired: boolean;
  operation: Record<string, unknown>;
}

export interface RecordedRequestLike {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface ResponseCheck {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(dir: string = OPENAPI_DIR) {
    // OpenAPI 3.0 keywords (example, nullable, discriminator...) are not JSON Schema: ignore, don't fail.
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: true });
    addFormats(this.ajv);
    for (const file of FILES) {
      const text = readFileSync(join(dir, file), 'utf8');
      const doc = (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as {
        paths: Record<string, Record<string, Record<string, unknown>>>;
      };
      this.ajv.addSchema(doc as object, file);
      this.index(file, doc);
    }
  }

  private index(file: string, doc: { paths: Record<string, Record<string, Record<string, unknown>>> }) {
    for (const [template, item] of Object.entries(doc.paths)) {
      const pathParams: string[] = [];
      const pattern = new RegExp(
        `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_m, a, b) => {
          pathParams.push(a ?? b);
          return '([^/]+)';
        })}$`,
      );
      for (const [method, operation] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        const pathLevel = (item.parameters as unknown as unknown[] | undefined) ?? [];
        const params = [...pathLevel, ...((operation.parameters as unknown[]) ?? [])];
        const parameters = params.map((p, i) => {
          const resolved = this.deref(doc, p) as { name: string; in: string; required?: boolean; schema?: unknown };
          const base = (p as { $ref?: string }).$ref
            ? `${file}${(p as { $ref: string }).$ref}`
            : i < pathLevel.length
              ? `${file}#/${pointer('paths', template, 'parameters', String(i))}`
              : `${file}#/${pointer('paths', template, method, 'parameters', String(i - pathLevel.length))}`;
          return { ...resolved, ref: base };
        });
        const body = operation.requestBody as { $ref?: string; required?: boolean; content?: Record<string, unknown> } | undefined;
        const resolvedBody = body ? (this.deref(doc, body) as { required?: boolean; content?: Record<string, unknown> }) : undefined;
        const hasJson = Boolean(resolvedBody?.content?.['application/json']);
        this.operations.push({
          doc: file,
          template,
          method: method.toUpperCase(),
          pattern,
          pathParams,
          parameters,
          requestBodyRef: hasJson
            ? body!.$ref
              ? `${file}${body!.$ref}/content/application~1json/schema`
              : `${file}#/${pointer('paths', template, method, 'requestBody', 'content', 'application/json', 'schema')}`
            : undefined,
          requestBodyRequired: Boolean(resolvedBody?.required),
          operation,
        });
      }
    }
  }

  private deref(doc: unknown, node: unknown): unknown {
    let current = node as { $ref?: string };
    while (current && typeof current === 'object' && current.$ref?.startsWith('#/')) {
      current = current.$ref
        .slice(2)
        .split('/')
        .reduce((acc: any, key) => acc?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    }
    return current;
  }

  private validator(ref: string): ValidateFunction {
    let fn = this.compiled.get(ref);
    if (!fn) {
      fn = this.ajv.compile({ $ref: ref });
      this.compiled.set(ref, fn);
    }
    return fn;
  }

  /** The operation a method and path (relative to /v1) belong to, preferring literal segments. */
  find(method: string, path: string): Operation | undefined {
    const candidates = this.operations.filter((op) => op.method === method && op.pattern.test(path));
    return candidates.sort((a, b) => a.pathParams.length - b.pathParams.length)[0];
  }

  /** Violations of the spec by one request; empty when it conforms. */
  checkRequest(req: RecordedRequestLike): string[] {
    const label = `${req.method} ${req.path}`;
    if (UNSPECIFIED_OPERATIONS.has(`${req.method} ${req.path}`)) return [];
    const op = this.find(req.method, req.path);
    if (!op) return [`${label}: no such operation in the official OpenAPI documents`];
    const problems: string[] = [];
    const at = `${label} (${op.doc} ${op.method} ${op.template})`;

    for (const [name, value] of Object.entries(req.query ?? {})) {
      if (LINK_ONLY_PARAMS.has(name)) continue;
      const param = op.parameters.find((p) => p.in === 'query' && p.name === name);
      if (!param) {
        problems.push(`${at}: undeclared query parameter "${name}"`);
        continue;
      }
      const schema = param.schema as { type?: string } | undefined;
      if (schema?.type) {
        const coerced = coerce(value, schema.type);
        const validate = this.validator(`${param.ref}/schema`);
        if (!validate(coerced)) problems.push(`${at}: query "${name}"=${JSON.stringify(value)} ${this.ajv.errorsText(validate.errors)}`);
      }
    }
    for (const param of op.parameters) {
      if (param.in === 'query' && param.required && !(param.name in (req.query ?? {}))) {
        problems.push(`${at}: missing required query parameter "${param.name}"`);
      }
    }
    if (op.requestBodyRef) {
      if (req.body === undefined) {
        if (op.requestBodyRequired) problems.push(`${at}: missing required JSON body`);
      } else {
        const validate = this.validator(op.requestBodyRef);
        const deviation = LIVE_BODY_DEVIATIONS[`${op.method} ${op.template}`];
        const errors = validate(req.body) ? [] : (validate.errors ?? []).filter((e) => !deviation?.test(e.instancePath));
        if (errors.length) problems.push(`${at}: body ${this.ajv.errorsText(errors, { dataVar: 'body' })}`);
      }
    } else if (req.body !== undefined && req.body !== null && req.body !== '') {
      problems.push(`${at}: sends a body the operation does not take`);
    }
    return problems;
  }

  /**
   * Violations of the documented response schema (JSON responses only). Advisory: webex-api.md §7
   * lists schemas known to be wrong, which callers skip.
   */
  checkResponse(res: ResponseCheck): string[] {
    const op = this.find(res.method, res.path);
    if (!op) return [];
    const responses = op.operation.responses as Record<string, { content?: Record<string, { schema?: unknown }> }> | undefined;
    const response = responses?.[String(res.status)];
    if (!response?.content?.['application/json']?.schema) return [];
    const ref = `${op.doc}#/${pointer('paths', op.template, op.method.toLowerCase(), 'responses', String(res.status), 'content', 'application/json', 'schema')}`;
    const validate = this.validator(ref);
    return validate(res.body) ? [] : [`${res.method} ${res.path} → ${res.status}: ${this.ajv.errorsText(validate.errors, { dataVar: 'response' })}`];
  }
}

function coerce(value: string, type: string): unknown {
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  if (type === 'integer' || type === 'number') return value !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
  return value;
}

let shared: OpenApiValidator | undefined;
/** One validator per test file: parsing the documents takes a moment. */
export const openApi = () => (shared ??= new OpenApiValidator());
