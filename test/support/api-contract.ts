import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { buildOpenApiDocument } from '../../functions/lib/http/openapi';
import { routes } from '../../functions/routes';

/**
 * The suite's own API against its OpenAPI document (GET /openapi.json): every answer a test sees is recorded at
 * the local API's server and checked when the harness closes, so the document and the handlers cannot drift.
 * An answer must be a status the operation documents, with a body its schema accepts (or no body where none is
 * documented) and the headers it documents (Retry-After).
 */

export interface RecordedAnswer {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  text: string;
}

type Operation = { responses: Record<string, { content?: Record<string, { schema: unknown }>; headers?: Record<string, unknown> }> };
interface Template {
  method: string;
  template: string;
  pattern: RegExp;
  literals: number;
  operation: Operation;
}

let contract: ApiContract | undefined;
/** One document and its compiled schemas for the whole test file. */
export const apiContract = () => (contract ??= new ApiContract());

export class ApiContract {
  readonly document = buildOpenApiDocument(routes, 'http://127.0.0.1') as { paths: Record<string, Record<string, Operation>> };
  private readonly ajv: Ajv;
  private readonly templates: Template[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    // OpenAPI 3.0 keywords that are not JSON Schema (example, discriminator) are ignored; `nullable` is Ajv's own.
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(this.ajv);
    this.ajv.addSchema(this.document, 'api');
    for (const [template, methods] of Object.entries(this.document.paths)) {
      const segments = template.split('/');
      const pattern = new RegExp(`^${segments.map((s) => (/^\{\w+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`);
      for (const [method, operation] of Object.entries(methods)) {
        this.templates.push({ method: method.toUpperCase(), template, pattern, literals: segments.filter((s) => !s.startsWith('{')).length, operation });
      }
    }
  }

  /** The operation a request reaches (a literal segment wins over a parameter, as in API Gateway), if any. */
  private operationFor(method: string, path: string): Template | undefined {
    return this.templates.filter((t) => t.method === method && t.pattern.test(path)).sort((a, b) => b.literals - a.literals)[0];
  }

  /** What is wrong with one answer ([] when it keeps the contract). Answers to no operation (404, 405 of the router) are not the document's. */
  check(answer: RecordedAnswer): string[] {
    const path = answer.path.split('?')[0];
    const op = this.operationFor(answer.method, path);
    if (!op) return [];
    const where = `${answer.method} ${path} → ${answer.status}`;
    const documented = op.operation.responses[String(answer.status)];
    if (!documented) return [`${where}: status not documented for ${op.method} ${op.template} (documented: ${Object.keys(op.operation.responses).join(', ')})`];
    const problems: string[] = [];
    for (const header of Object.keys(documented.headers ?? {})) {
      if (answer.headers[header.toLowerCase()] === undefined) problems.push(`${where}: documented header ${header} missing`);
    }
    // The one media type the operation answers (application/json, or a protocol's own: application/scim+json).
    const mediaType = Object.keys(documented.content ?? {})[0];
    if (!mediaType) {
      if (answer.text) problems.push(`${where}: a body where the document says none: ${answer.text.slice(0, 200)}`);
      return problems;
    }
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      return [...problems, `${where}: body is not JSON: ${answer.text.slice(0, 200)}`];
    }
    const validate = this.validator(op, answer.status, mediaType);
    if (!validate(body)) {
      const errors = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
      problems.push(`${where}: body breaks the document's schema: ${errors.join('; ')}\n  body: ${answer.text.slice(0, 600)}`);
    }
    return problems;
  }

  private validator(op: Template, status: number, mediaType: string): ValidateFunction {
    const key = `${op.method} ${op.template} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      const pointer = ['paths', op.template, op.method.toLowerCase(), 'responses', String(status), 'content', mediaType, 'schema']
        .map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1'))
        .join('/');
      validate = this.ajv.compile({ $ref: `api#/${pointer}` });
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

/** Records every answer the server sends, with its status, headers and body as sent. */
export function recordAnswers(server: Server): RecordedAnswer[] {
  const answers: RecordedAnswer[] = [];
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const keep = (chunk: unknown) => {
      if (typeof chunk === 'string') chunks.push(Buffer.from(chunk));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (typeof chunk !== 'function') keep(chunk);
      answers.push({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        status: res.statusCode,
        headers: headersSent(res),
        text: Buffer.concat(chunks).toString('utf8'),
      });
      return end(chunk, ...rest);
    }) as typeof res.end;
  });
  return answers;
}

/** The headers as sent: writeHead's are only in the header block Node has built by the time the body ends. */
function headersSent(res: ServerResponse): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.getHeaders())) headers[k.toLowerCase()] = String(v);
  const block = (res as unknown as { _header?: string })._header;
  for (const line of block?.split('\r\n').slice(1) ?? []) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}
