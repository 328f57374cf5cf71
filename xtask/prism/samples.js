// Values the spec allows for each argument of each operation, for `cargo xtask prism`'s calling
// program: `node samples.js <openapi.json> <operations.json>` prints a JSON array with one object
// per operation, keyed `"<location> <name>"` for parameters and `"body"`.
//
// `operations.json` lists the operations in the client's order: `{method, path, params: [{in,
// name}], body: <media type> | null}`. A value is the spec's own example where it gives one (of
// the parameter or media type, then of the schema), else made from the schema by the sampler Prism
// itself uses for its examples (`@stoplight/json-schema-sampler`), read-only properties left out
// of bodies. Only the spec is read; nothing in it is run.
'use strict';

const fs = require('fs');
const { sample } = require('@stoplight/json-schema-sampler');

const [specPath, operationsPath] = process.argv.slice(2);
const spec = JSON.parse(fs.readFileSync(specPath, 'utf8'));
const operations = JSON.parse(fs.readFileSync(operationsPath, 'utf8'));

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

function fromSchema(schema, options) {
  if (!schema) return undefined;
  try {
    return sample(schema, Object.assign({ quiet: true }, options), spec);
  } catch (e) {
    return undefined;
  }
}

function mediaSample(media, options) {
  if (!media) return undefined;
  const given = example(media);
  return given !== undefined ? given : fromSchema(media.schema, options);
}

function paramSample(param) {
  const given = example(param);
  if (given !== undefined) return given;
  if (param.schema) return fromSchema(param.schema, {});
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
    const value = mediaSample(media, { skipReadOnly: true });
    if (value !== undefined) values.body = value;
  }
  return values;
});
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
