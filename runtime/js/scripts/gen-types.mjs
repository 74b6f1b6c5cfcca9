// Writes TypeScript types for the export document from its JSON Schema, so that the types the
// package declares cannot drift from docs/export.schema.json. Run at every build (npm's and
// CMake's); the output is never committed.
//
//   node scripts/gen-types.mjs SCHEMA.json OUT.ts
//
// It reads the parts of JSON Schema that the export's schema uses: $ref to $defs, type (one
// or a list), const, enum, properties with required, additionalProperties as a schema, items,
// prefixItems, oneOf (also beside properties: each branch refines the shared properties, where
// `true` keeps the shared one), and description (as a doc comment). Anything else fails, so a
// new construct in the schema is noticed here rather than typed wrongly.
import fs from 'node:fs';

const [schemaPath, outPath] = process.argv.slice(2);
if (!schemaPath || !outPath) {
  console.error('usage: node gen-types.mjs SCHEMA.json OUT.ts');
  process.exit(2);
}
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
const known = new Set([
  '$schema', '$id', '$ref', '$defs', 'title', 'description', 'type', 'const', 'enum', 'properties',
  'required', 'additionalProperties', 'items', 'prefixItems', 'oneOf', 'minItems', 'minLength',
  'minimum', 'pattern', 'uniqueItems', 'if', 'then', 'else',
]);

const typeName = (key) => key.charAt(0).toUpperCase() + key.slice(1);
const indent = (text, by) => text.split('\n').join('\n' + by);
const comment = (text, by) =>
  text ? `${by}/** ${text.replace(/\*\//g, '* /').split('\n').join(`\n${by} * `)} */\n` : '';

function check(s, where) {
  for (const k of Object.keys(s))
    if (!known.has(k)) throw new Error(`gen-types: ${where}: JSON Schema keyword \`${k}\` is not supported`);
}

function literal(value) {
  return JSON.stringify(value);
}

// The TypeScript type of schema s; `base` holds the properties of an enclosing schema that a
// oneOf branch refines.
function toType(s, where, base) {
  if (s === true) return 'unknown';
  if (s === false) return 'never';
  check(s, where);
  if (s.$ref) {
    const m = /^#\/\$defs\/(.+)$/.exec(s.$ref);
    if (!m) throw new Error(`gen-types: ${where}: unsupported $ref ${s.$ref}`);
    return typeName(m[1]);
  }
  if ('const' in s) return literal(s.const);
  if (s.enum) return s.enum.map(literal).join(' | ');
  if (s.oneOf) {
    const shared = s.properties ? s : base;
    return s.oneOf
      .map((b, i) => {
        let branch = shared && (b.properties || b.required) ? refine(shared, b) : b;
        if (branch.type === undefined && s.type && !branch.$ref) branch = { ...branch, type: s.type };
        return toType(branch, `${where}/oneOf/${i}`);
      })
      .map((t) => (t.includes('|') ? `(${t})` : t))
      .join(' | ');
  }
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1) return types.map((t) => toType({ ...s, type: t }, where)).join(' | ');
  switch (types[0]) {
    case 'string': return 'string';
    case 'integer':
    case 'number': return 'number';
    case 'boolean': return 'boolean';
    case 'null': return 'null';
    case 'array': return arrayType(s, where);
    case 'object': return objectType(s, where);
    default:
      if (s.properties) return objectType(s, where);
      throw new Error(`gen-types: ${where}: no type`);
  }
}

// A oneOf branch of a schema with properties: the branch's properties, `true` meaning the
// shared one; the shared required ones and the branch's.
function refine(shared, branch) {
  const properties = {};
  for (const [k, v] of Object.entries(branch.properties || shared.properties || {}))
    properties[k] = v === true && shared.properties && shared.properties[k] ? shared.properties[k] : v;
  const required = [...new Set([...(shared.required || []), ...(branch.required || [])])];
  return {
    type: 'object', properties, required,
    additionalProperties: branch.additionalProperties ?? shared.additionalProperties,
  };
}

function arrayType(s, where) {
  if (s.prefixItems) {
    const items = s.prefixItems.map((p, i) => toType(p, `${where}/prefixItems/${i}`));
    return `[${items.join(', ')}]`;
  }
  if (s.items === undefined || s.items === true) return 'unknown[]';
  const t = toType(s.items, `${where}/items`);
  return /[|\n]/.test(t) && !t.startsWith('{') ? `Array<${t}>` : `${t}[]`;
}

function objectType(s, where) {
  const required = new Set(s.required || []);
  const lines = [];
  for (const [k, v] of Object.entries(s.properties || {})) {
    const t = toType(v, `${where}/properties/${k}`);
    const doc = v && typeof v === 'object' ? v.description : undefined;
    lines.push(`${comment(doc, '  ')}  readonly ${JSON.stringify(k)}${required.has(k) ? '' : '?'}: ${indent(t, '  ')};`);
  }
  if (s.additionalProperties && s.additionalProperties !== false)
    lines.push(`  readonly [key: string]: ${toType(s.additionalProperties, `${where}/additionalProperties`)};`);
  if (!lines.length) return s.additionalProperties === false ? 'Record<string, never>' : 'Record<string, unknown>';
  return `{\n${lines.join('\n')}\n}`;
}

let out = `// Generated from docs/export.schema.json by scripts/gen-types.mjs: do not edit.\n\n`;
out += comment(schema.title, '');
out += `export type Export = ${toType({ oneOf: schema.oneOf }, '#')};\n`;
for (const [key, def] of Object.entries(schema.$defs)) {
  out += `\n${comment(def.description, '')}export type ${typeName(key)} = ${toType(def, `#/$defs/${key}`)};\n`;
}
fs.mkdirSync(new URL('.', 'file://' + (outPath.startsWith('/') ? outPath : process.cwd() + '/' + outPath)).pathname, { recursive: true });
fs.writeFileSync(outPath, out);
