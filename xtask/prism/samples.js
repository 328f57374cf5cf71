// Values the spec allows for each argument of each operation, for `cargo xtask prism`'s calling
// program: `node samples.js <openapi.json> <operations.json>` prints a JSON array with one object
// per operation, keyed `"<location> <name>"` for parameters and `"body"`.
//
// `operations.json` lists the operations in the client's order: `{method, path, params: [{in,
// name}], body: <media type> | null}`. A value is the spec's own example where it gives one (of
// the parameter or media type, then of the schemas within), else made from the schema by the
// sampler Prism itself uses for its examples (`@stoplight/json-schema-sampler`). Read-only
// properties are sampled too: a type shared by responses and request bodies holds them, and the
// client must leave them out of what it sends. Specs' examples are often not values of their schemas (a date
// for a `format: date-time`, a list for a string): each value is checked against its schema
// (Ajv, formats included), and one that fails is made again from the schema with every example
// left out. Only the spec is read; nothing in it is run.
'use strict';

const fs = require('fs');
const { sample } = require('@stoplight/json-schema-sampler');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const [specPath, operationsPath] = process.argv.slice(2);
const spec = JSON.parse(fs.readFileSync(specPath, 'utf8'));
const operations = JSON.parse(fs.readFileSync(operationsPath, 'utf8'));

// The spec with every `example` and `examples` of its schemas left out, for the second try.
function withoutExamples(value) {
  if (Array.isArray(value)) return value.map(withoutExamples);
  if (!value || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (k !== 'example' && k !== 'examples') out[k] = withoutExamples(v);
  }
  return out;
}
const bare = withoutExamples(spec);

// Checks a value against a schema of the spec (its `$ref`s resolved in the spec). OpenAPI 3.0's
// own keywords (`nullable`, `discriminator`, ...) are not JSON Schema: unknown keywords are let
// be, and a schema Ajv cannot compile counts as passed.
const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true, unicodeRegExp: false });
addFormats(ajv);

// The spec in JSON Schema's terms for Ajv: OpenAPI 3.0's `nullable: true` as `null` among the
// types (and the `enum` values).
function forValidation(value) {
  if (Array.isArray(value)) return value.map(forValidation);
  if (!value || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) out[k] = forValidation(v);
  if (typeof out.nullable === 'boolean') {
    if (out.nullable && typeof out.type === 'string') out.type = [out.type, 'null'];
    if (out.nullable && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    delete out.nullable;
  }
  return out;
}
const validated = forValidation(spec);
const checked = [];
function fits(schema, value) {
  if (!schema) return true;
  try {
    const id = `check${checked.length}`;
    checked.push(id);
    ajv.addSchema(Object.assign({}, validated, { $id: id, 'x-apigen-value': forValidation(schema) }));
    return ajv.validate({ $ref: `${id}#/x-apigen-value` }, value) !== false;
  } catch (e) {
    return true;
  } finally {
    ajv.removeSchema(checked[checked.length - 1]);
  }
}

// A local `$ref` followed (a few times at most: a chain of references), else the value itself.
function deref(value) {
  for (let i = 0; i < 16 && value && typeof value.$ref === 'string' && value.$ref.startsWith('#/'); i++) {
    let target = spec;
    for (const raw of value.$ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      target = target == null ? undefined : target[key];
    }
    value = target;
  }
  return value;
}

// The first example of an object with `example` or `examples` (OpenAPI's parameter and media
// type objects), or undefined.
function example(holder) {
  if (holder.example !== undefined) return holder.example;
  const examples = holder.examples && typeof holder.examples === 'object' ? Object.values(holder.examples) : [];
  for (const e of examples) {
    const found = deref(e);
    if (found && found.value !== undefined) return found.value;
  }
  return undefined;
}

function fromSchema(schema, options, doc) {
  if (!schema) return undefined;
  try {
    return sample(schema, Object.assign({ quiet: true }, options), doc);
  } catch (e) {
    return undefined;
  }
}

// The value the first way gives when it fits `schema`, else the value made from the schema
// without examples.
function fitting(schema, first, options) {
  if (first !== undefined && fits(schema, first)) return first;
  const made = fromSchema(withoutExamples(schema), options, bare);
  return made !== undefined ? made : first;
}

function mediaSample(media, options) {
  if (!media) return undefined;
  const given = example(media);
  return fitting(media.schema, given !== undefined ? given : fromSchema(media.schema, options, spec), options);
}

function paramSample(param) {
  if (param.schema) {
    const given = example(param);
    return fitting(param.schema, given !== undefined ? given : fromSchema(param.schema, {}, spec), {});
  }
  const content = param.content && Object.values(param.content)[0];
  return mediaSample(content, {});
}

const out = operations.map((op) => {
  const values = {};
  const item = deref((spec.paths || {})[op.path]) || {};
  const operation = deref(item[op.method]) || {};
  // The operation's parameters override its path item's of the same name and location.
  const params = new Map();
  for (const p of [...(item.parameters || []), ...(operation.parameters || [])].map(deref)) {
    if (p && p.name && p.in) params.set(`${p.in} ${p.name}`, p);
  }
  for (const wanted of op.params) {
    const key = `${wanted.in} ${wanted.name}`;
    const param = params.get(key);
    const value = param && paramSample(param);
    if (value !== undefined) values[key] = value;
  }
  if (op.body) {
    const body = deref(operation.requestBody);
    const media = body && body.content && deref(body.content[op.body]);
    let value = mediaSample(media, {});
    // A body of any JSON (`schema: {}`) samples as `null`, which Prism takes for no body.
    if (value === null && media && media.schema && deref(media.schema) && !deref(media.schema).type) value = {};
    if (value !== undefined) values.body = value;
  }
  return values;
});
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
