import type { Operation } from '../../functions/lib/webex-spec/operations';
import type { Schema } from '../../functions/lib/webex-spec/schema-validator';

/** A smallest value the schema accepts: required properties only, the first enum member, the least length. */
export function sampleValue(schema: Schema): unknown {
  if (schema.enum?.length) return schema.enum[0];
  const type = [schema.type ?? 'string'].flat()[0];
  switch (type) {
    case 'string':
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'number':
    case 'integer':
      return schema.minimum ?? Math.min(1, schema.maximum ?? 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleValue(schema.items ?? {}));
    default:
      return Object.fromEntries((schema.required ?? []).map((name) => [name, sampleValue(schema.properties?.[name] ?? {})]));
  }
}

/** A request for `op` the guard should accept: its path filled with ids of each parameter's form, required query and body. */
export function sampleRequest(op: Operation) {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'phoneNumber' ? '%2B14085550101' : name === 'fileName' ? 'greeting.wav' : `Y2lzY29${name}`));
  const query = Object.fromEntries(
    Object.entries(op.query)
      .filter(([, p]) => p.required)
      .map(([name, p]) => [name, sampleValue(p.schema) as string | number | boolean]),
  );
  const needsBody = op.body && (op.body.required || (op.body.schema.required?.length ?? 0) > 0);
  return {
    method: op.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path,
    ...(Object.keys(query).length ? { query } : {}),
    ...(needsBody ? { body: sampleValue(op.body!.schema) as Record<string, unknown> } : {}),
  };
}
