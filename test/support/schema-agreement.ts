import Ajv from 'ajv';
import fc from 'fast-check';
import { allOperations } from '../../functions/lib/webex-spec/operations';
import { UNDECLARED, validate, type Schema, type SchemaIssue } from '../../functions/lib/webex-spec/schema-validator';

/**
 * schema-validator.ts against Ajv: for every schema of operations.json, values mostly of the schema's shape
 * get the same issues, in the same order. The integration project checks every body schema, open and closed
 * (test/integration/webex-requests): Ajv compiling the several hundred body schemas is most of that cost, so
 * the unit project checks the query parameters' schemas and the rest of the supported subset only.
 */
export interface AgreementRuns {
  /** Values drawn a body schema, open and closed; none given: the bodies are not checked. */
  bodies?: { open: number; closed: number };
  query: number;
  subset: number;
}

const operations = allOperations();

// The options the guard used with Ajv before schema-validator.ts replaced it. `code.optimize: false` skips the passes
// that tidy the generated code (the same checks, the same errors): compiling every body schema is this test's cost,
// and the passes doubled it.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, coerceTypes: false, code: { optimize: false } });

function ajvIssues(schema: Schema, value: unknown): SchemaIssue[] {
  const check = ajv.compile(schema);
  if (check(value)) return [];
  return (check.errors ?? []).map((e) => ({
    path: [
      ...e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')),
      ...(e.keyword === 'required' ? [(e.params as { missingProperty: string }).missingProperty] : []),
      ...(e.keyword === 'additionalProperties' ? [(e.params as { additionalProperty: string }).additionalProperty] : []),
    ],
    message: e.keyword === 'additionalProperties' ? UNDECLARED : (e.message ?? ''),
  }));
}

/** `closed` means Ajv's additionalProperties: false on every schema that declares properties. */
function closedForAjv(schema: Schema): Schema {
  const out: Record<string, unknown> = { ...schema };
  if (schema.items) out.items = closedForAjv(schema.items);
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, closedForAjv(v)]));
    if (Object.keys(schema.properties).length) out.additionalProperties = false;
  }
  return out as Schema;
}

const oddValues = fc.constantFrom(NaN, Infinity, -Infinity, -0, 0.5, '', null, [], {});
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), oddValues);
// Lone and paired surrogates tell code points from UTF-16 units.
const chars = fc.constantFrom('a', 'é', '😀', '\ud800', '\udc00');

/** Values mostly of the schema's shape, each part now and then something else, so most keywords both pass and fail. */
function valuesFor(schema: Schema): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: shaped(schema) }, { weight: 1, arbitrary: anyValue });
}

function shaped(schema: Schema): fc.Arbitrary<unknown> {
  const types = [schema.type ?? 'string'].flat();
  const byType = fc.oneof(...types.map((type) => ofType(type, schema)));
  return schema.enum ? fc.oneof(fc.constantFrom(...schema.enum), byType) : byType;
}

function ofType(type: string, s: Schema): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return fc
        .integer({ min: Math.max(0, (s.minLength ?? 0) - 1), max: (s.maxLength ?? 6) + 2 })
        .chain((length) => fc.string({ unit: chars, minLength: length, maxLength: length }));
    case 'number':
    case 'integer':
      return fc.oneof(fc.integer({ min: (s.minimum ?? 0) - 3, max: (s.maximum ?? 10) + 3 }), fc.double(), oddValues);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valuesFor(s.items ?? {}), { minLength: Math.max(0, (s.minItems ?? 0) - 1), maxLength: (s.maxItems ?? 3) + 2 });
    case 'object': {
      const properties = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, sub]) => [k, valuesFor(sub)]));
      const extra = fc.dictionary(fc.string({ maxLength: 4 }), anyValue, { maxKeys: 2 });
      return fc.tuple(fc.record(properties, { requiredKeys: [] }), extra).map(([known, more]) => ({ ...more, ...known }));
    }
    default:
      return fc.constant(null);
  }
}

function distinct(schemas: Schema[]): Schema[] {
  return [...new Map(schemas.map((s) => [JSON.stringify(s), s])).values()];
}

function agreesWithAjv(schemas: Schema[], numRuns: number, closed = false): void {
  for (const schema of schemas) {
    const reference = closed ? closedForAjv(schema) : schema;
    fc.assert(
      fc.property(valuesFor(schema), (value) => {
        const ours = validate(schema, value, [], { closed });
        const theirs = ajvIssues(reference, value);
        // jest's deep equality only where the cheap comparison differs (it also lets undefined equal absent).
        if (JSON.stringify(ours) !== JSON.stringify(theirs)) expect(ours).toEqual(theirs);
      }),
      // One fixed seed in CI (a landing never depends on the draw); random locally, where a failure prints its seed.
      { numRuns, ...(process.env.CI ? { seed: 20261129 } : {}) },
    );
  }
}

export function describeAjvAgreement(runs: AgreementRuns): void {
  const { bodies } = runs;
  describe(`validate, against Ajv (${bodies ? `${bodies.open} values a body schema` : 'query and subset schemas'})`, () => {
    if (bodies) {
      const schemas = distinct(operations.flatMap((op) => (op.body ? [op.body.schema] : [])));
      it('reports the same issues, in the same order, for request bodies', () => {
        agreesWithAjv(schemas, bodies.open);
      });

      it('refuses undeclared properties as Ajv does with additionalProperties: false, when closed', () => {
        agreesWithAjv(schemas, bodies.closed, true);
      });
    }

    it('keeps a schema without properties open when closed', () => {
      expect(validate({ type: 'object' }, { anything: 1 }, [], { closed: true })).toEqual([]);
      expect(validate({ type: 'object', properties: {} }, { anything: 1 }, [], { closed: true })).toEqual([]);
      expect(validate({ type: 'object', properties: { a: { type: 'string' } } }, { a: 'x', b: 1 }, [], { closed: true })).toEqual([{ path: ['b'], message: UNDECLARED }]);
    });

    it('reports the same issues for query parameters', () => {
      agreesWithAjv(distinct(operations.flatMap((op) => Object.values(op.query).map((q) => q.schema))), runs.query);
    });

    // Keywords and combinations the validator supports that today's operations.json does not exercise.
    it('reports the same issues for the rest of the supported subset', () => {
      agreesWithAjv(
        [
          { type: 'integer', minimum: 0, maximum: 5 },
          { type: ['string', 'null'], minLength: 1, maxLength: 2 },
          { type: ['integer', 'string'], enum: [1, 'a', null] },
          { type: 'string', format: 'uuid', enum: ['a', 'b'] },
          { type: 'string', maxLength: 2, enum: ['abc', 'a'] },
          { type: 'number', format: 'int64', enum: [1, 2] },
          { type: 'array', minItems: 1, maxItems: 2, items: { type: 'object', required: ['a'], properties: { a: { type: 'boolean' } } } },
          { type: 'object', required: ['a', 'b'] },
          { enum: ['x', 3, true, null] },
          { minimum: 1, maxLength: 1, maxItems: 1, required: ['z'] },
          {},
        ],
        runs.subset,
      );
    });
  });
}
