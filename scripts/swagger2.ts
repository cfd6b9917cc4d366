/**
 * The API's OpenAPI 3.0 document written as Swagger 2.0, for the importers that read only 2.0: a Power Platform
 * custom connector ("Import an OpenAPI file") takes an OpenAPI 2.0 definition. Written for this document's own
 * shapes (the converters on npm target other versions or are unmaintained), and checked by Redocly's 2.0 rules in
 * test/integration/http/swagger2.test.ts.
 *
 * What 2.0 cannot say is loosened, never tightened, so the connector never refuses a request the API accepts:
 * an `anyOf`/`oneOf` of objects becomes one object with every variant's properties, required only where all
 * variants require them (the API still refuses the invalid combinations, naming the field); of other types, its
 * first variant; `nullable` becomes `x-nullable`.
 */

type Json = Record<string, any>;

const REF_3 = '#/components/schemas/';
const REF_2 = '#/definitions/';
/** The Schema Object keywords 2.0 shares with 3.0 (2.0 section "Schema Object"), besides the ones rewritten here. */
const SCHEMA_KEYS = ['type', 'format', 'title', 'description', 'default', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'maxProperties', 'minProperties', 'required', 'enum', 'readOnly', 'example'];
/** The keywords a 2.0 query or path parameter may carry itself (2.0 section "Parameter Object"). */
const PARAMETER_KEYS = ['type', 'format', 'default', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'enum', 'multipleOf'];

export function schema2(schema: Json): Json {
  if (typeof schema.$ref === 'string') return { $ref: schema.$ref.replace(REF_3, REF_2) };
  const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (variants) {
    const { anyOf: _a, oneOf: _o, ...rest } = schema;
    const converted = variants.map(schema2);
    // Variants that only add constraints (`required: [firstName]` or `[lastName]`) say nothing 2.0 can: dropped.
    const merged = converted.every(isObject) ? mergeObjects(converted) : converted.some((v) => !v.type && !v.$ref) ? {} : converted[0];
    return { ...schema2(rest), ...merged, ...(schema.description ? { description: schema.description } : {}) };
  }
  if (schema.allOf) {
    const { allOf, ...rest } = schema;
    const parts = [schema2(rest), ...(allOf as Json[]).map(schema2)].filter((p) => Object.keys(p).length);
    // All of objects and plain constraints: one object holding every part's properties and requirements.
    if (parts.every((p) => isObject(p) || (!p.type && !p.$ref))) return flattenAll(parts);
    return { ...schema2(rest), allOf: (allOf as Json[]).map(schema2) };
  }
  const out: Json = {};
  for (const key of SCHEMA_KEYS) if (key in schema) out[key] = schema[key];
  if (schema.nullable) out['x-nullable'] = true;
  if (schema.items) out.items = schema2(schema.items);
  if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties as Record<string, Json>).map(([k, v]) => [k, schema2(v)]));
  if (typeof schema.additionalProperties === 'object') out.additionalProperties = schema2(schema.additionalProperties);
  else if (schema.additionalProperties !== undefined) out.additionalProperties = schema.additionalProperties;
  if (Array.isArray(out.required) && !out.required.length) delete out.required;
  return out;
}

const isObject = (s: Json) => s.type === 'object';

/** One of several objects: any property of any variant, required where every variant requires it, nothing else refused. */
function mergeObjects(variants: Json[]): Json {
  const properties: Record<string, Json> = {};
  for (const v of variants) {
    for (const [name, property] of Object.entries((v.properties ?? {}) as Record<string, Json>)) {
      const seen = properties[name];
      if (!seen) properties[name] = property;
      else if (seen.enum && property.enum) properties[name] = { ...seen, enum: [...new Set([...seen.enum, ...property.enum])] };
      else if (isObject(seen) && isObject(property)) properties[name] = mergeObjects([seen, property]);
      else if (JSON.stringify(seen) !== JSON.stringify(property)) properties[name] = seen.type === property.type ? { type: seen.type } : {};
    }
  }
  const required = variants.map((v) => new Set<string>(v.required ?? [])).reduce((a, b) => new Set([...a].filter((n) => b.has(n))));
  return { type: 'object', properties, ...(required.size ? { required: [...required] } : {}) };
}

/** All of several objects: every property, every requirement (`additionalProperties: false` dropped: it would refuse the other parts' properties). */
function flattenAll(parts: Json[]): Json {
  const out: Json = { type: 'object', properties: {} };
  const required = new Set<string>();
  for (const { properties, required: req, additionalProperties: _x, type: _t, ...rest } of parts) {
    Object.assign(out, rest);
    Object.assign(out.properties, properties ?? {});
    for (const r of req ?? []) required.add(r);
  }
  if (required.size) out.required = [...required];
  return out;
}

function parameter2(parameter: Json): Json {
  const flat = schema2(parameter.schema ?? {});
  const out: Json = { name: parameter.name, in: parameter.in, required: parameter.in === 'path' ? true : Boolean(parameter.required) };
  if (parameter.description) out.description = parameter.description;
  for (const key of PARAMETER_KEYS) if (key in flat) out[key] = flat[key];
  if (flat.items) out.items = flat.items;
  out.type ??= 'string';
  return out;
}

function response2(response: Json): Json {
  const out: Json = { description: response.description };
  const body = response.content?.['application/json']?.schema;
  if (body) out.schema = schema2(body);
  if (response.headers) {
    out.headers = Object.fromEntries(Object.entries(response.headers as Record<string, Json>).map(([name, h]) => [name, { type: h.schema?.type ?? 'string', ...(h.description ? { description: h.description } : {}) }]));
  }
  return out;
}

function operation2(operation: Json): Json {
  const { parameters = [], requestBody, responses, ...rest } = operation;
  const out: Json = { ...rest, parameters: (parameters as Json[]).map(parameter2) };
  const body = requestBody?.content?.['application/json']?.schema;
  if (body) out.parameters.push({ name: 'body', in: 'body', required: Boolean(requestBody.required), schema: schema2(body) });
  if (!out.parameters.length) delete out.parameters;
  out.responses = Object.fromEntries(Object.entries(responses as Record<string, Json>).map(([status, r]) => [status, response2(r)]));
  return out;
}

function securityScheme2(scheme: Json): Json {
  if (scheme.type !== 'oauth2') return scheme;
  const flow = scheme.flows.clientCredentials;
  return { type: 'oauth2', flow: 'application', tokenUrl: flow.tokenUrl, scopes: flow.scopes, ...(scheme.description ? { description: scheme.description } : {}) };
}

export function toSwagger2(document: Json): Json {
  const server = new URL(document.servers?.[0]?.url ?? 'https://example.com');
  return {
    swagger: '2.0',
    info: document.info,
    host: server.host,
    basePath: server.pathname.replace(/\/$/, '') || '/',
    schemes: [server.protocol.replace(':', '')],
    consumes: ['application/json'],
    produces: ['application/json'],
    ...(document.security ? { security: document.security } : {}),
    securityDefinitions: Object.fromEntries(Object.entries(document.components.securitySchemes as Record<string, Json>).map(([k, v]) => [k, securityScheme2(v)])),
    paths: Object.fromEntries(
      Object.entries(document.paths as Record<string, Record<string, Json>>).map(([path, methods]) => [path, Object.fromEntries(Object.entries(methods).map(([m, op]) => [m, operation2(op)]))]),
    ),
    definitions: Object.fromEntries(Object.entries(document.components.schemas as Record<string, Json>).map(([k, v]) => [k, schema2(v)])),
    ...(document.tags ? { tags: document.tags } : {}),
  };
}
