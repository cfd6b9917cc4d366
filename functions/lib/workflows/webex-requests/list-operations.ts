import * as z from 'zod';
import { allOperations } from '../../webex-spec/operations';
import { isUnderPrefix } from '../../webex-spec/prefixes';
import type { WebexOperationsView } from '../../schemas/webex-request-answers';

export const MAX_OPERATIONS_LIMIT = 200;

// Query strings arrive as text through API Gateway and as JSON values in a direct invocation.
const whole = (min: number, max: number) =>
  z
    .union([z.number(), z.string().regex(/^\d{1,6}$/, 'must be a whole number').transform(Number)])
    .pipe(z.number().int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** GET /webex/operations query. */
export const ListWebexOperationsInput = z.strictObject({
  /** Words that must all appear in the path or the summary, in any case. */
  search: z.string().min(1).max(200).optional(),
  prefix: z.string().max(256).regex(/^(\/[A-Za-z0-9_{}-]+)+$/, 'must be a path such as /telephony/config/queues').optional(),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
  limit: whole(1, MAX_OPERATIONS_LIMIT).optional(),
  offset: whole(0, 100_000).optional(),
});
export type ListWebexOperationsInput = z.infer<typeof ListWebexOperationsInput>;

export type OperationSummary = WebexOperationsView['operations'][number];

/** What POST /webex/requests accepts under this deployment's prefixes, filtered and paged. */
export function listWebexOperations(input: ListWebexOperationsInput, allowedPrefixes: readonly string[]) {
  const words = input.search?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
  const matching = allOperations().filter(
    (op) =>
      allowedPrefixes.some((p) => isUnderPrefix(op.path, p)) &&
      (!input.prefix || isUnderPrefix(op.path, input.prefix)) &&
      (!input.method || op.method === input.method) &&
      words.every((w) => op.path.toLowerCase().includes(w) || (op.summary ?? '').toLowerCase().includes(w)),
  );
  const offset = input.offset ?? 0;
  const limit = input.limit ?? 50;
  const page = matching.slice(offset, offset + limit);
  return {
    total: matching.length,
    operations: page.map((op): OperationSummary => ({ method: op.method, path: op.path, summary: op.summary, scopes: op.scopes, body: op.body !== undefined })),
    ...(offset + limit < matching.length ? { nextOffset: offset + limit } : {}),
  };
}
