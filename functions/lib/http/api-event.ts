import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { z } from 'zod';
import { PayloadTooLargeError, ValidationError, type FieldIssue } from '../errors';

/** Bodies above this are refused before parsing; no workflow needs more. */
export const MAX_BODY_BYTES = 64 * 1024;

export function isApiGatewayEvent(event: unknown): event is APIGatewayProxyEvent {
  return typeof event === 'object' && event !== null && 'httpMethod' in event && 'requestContext' in event;
}

/**
 * One validated input from an API Gateway proxy event: path parameters and JSON body fields merged
 * into one object (a body may not redefine a path parameter), so a direct Step Functions payload and
 * an HTTP request validate against the same zod schema and report the same field names.
 */
export function inputFromApiEvent<T>(event: APIGatewayProxyEvent, schema: z.ZodType<T>, queryParams: readonly string[] = []): T {
  const issues: FieldIssue[] = [];
  // No prototype: a key such as `constructor` or `__proto__` is only ever a field of the request.
  const merged: Record<string, unknown> = Object.create(null);

  for (const [key, value] of Object.entries(event.queryStringParameters ?? {})) {
    if (queryParams.includes(key)) merged[key] = value;
    else issues.push({ field: key, message: 'unknown query parameter' });
  }

  const body = parseBody(event);
  if (body.issue) issues.push(body.issue);
  const pathParams = Object.entries(event.pathParameters ?? {});
  for (const [key, value] of Object.entries(body.value ?? {})) {
    if (pathParams.some(([name]) => name === key) || Object.hasOwn(merged, key)) {
      issues.push({ field: key, message: 'belongs in the URL, not the body' });
    } else {
      merged[key] = value;
    }
  }
  for (const [key, value] of pathParams) merged[key] = value === undefined ? value : safeDecode(value);
  if (issues.length) throw new ValidationError(issues);
  return validateInput(merged, schema);
}

/** Validates a direct (Step Functions / EventBridge) payload or the merged HTTP input. */
export function validateInput<T>(input: unknown, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = new Map<string, FieldIssue>();
  for (const issue of parsed.error.issues) {
    // zod reports unknown keys on the parent object; name the keys themselves.
    const found: FieldIssue[] =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ field: [...issue.path, key].join('.'), message: 'unknown field' }))
        : [{ field: issue.path.map(String).join('.') || 'body', message: issue.message }];
    // One message per field: the first is the most specific (a refinement may repeat it).
    for (const f of found) if (!fields.has(f.field)) fields.set(f.field, f);
  }
  throw new ValidationError([...fields.values()]);
}

function parseBody(event: APIGatewayProxyEvent): { value?: Record<string, unknown>; issue?: FieldIssue } {
  if (event.body == null || event.body === '') return {};
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) {
    throw new PayloadTooLargeError(`The request body is larger than ${MAX_BODY_BYTES} bytes`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { issue: { field: 'body', message: 'must be valid JSON' } };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { issue: { field: 'body', message: 'must be a JSON object' } };
  }
  return { value: json as Record<string, unknown> };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
