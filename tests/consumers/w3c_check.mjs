// The W3C export against the Web Annotation Data Model: the collection and every
// annotation validate against tests/w3c/web-annotation.schema.json (ajv), and every
// TextPositionSelector agrees with its TextQuoteSelector on the document text, in
// code points.
//   node tests/consumers/w3c_check.mjs annotations.w3c.jsonld
import { readFile } from 'node:fs/promises';
import assert from 'node:assert/strict';
import Ajv from 'ajv';

const [file] = process.argv.slice(2);
const schema = JSON.parse(await readFile(new URL('../w3c/web-annotation.schema.json', import.meta.url), 'utf8'));
const collection = JSON.parse(await readFile(file, 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
assert.ok(validate(collection), `the collection: ${ajv.errorsText(validate.errors)}`);
const annotation = ajv.getSchema(`${schema.$id}#/definitions/annotation`);
const texts = new Map(collection['marginalia:documents'].map((d) => [d.id, Array.from(d.text)]));
const items = collection.first.items;
assert.equal(collection.total, items.length);
let spans = 0;
for (const item of items) {
  assert.ok(annotation(item), `${item.id}: ${ajv.errorsText(annotation.errors)}`);
  if (item.motivation !== 'tagging') continue;
  const chars = texts.get(item.target.source);
  const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector');
  const position = item.target.selector.find((s) => s.type === 'TextPositionSelector');
  const slice = (start, end) => chars.slice(start, end).join('');
  assert.equal(slice(position.start, position.end), quote.exact, `${item.id}: position and quote disagree`);
  assert.equal(slice(position.start - Array.from(quote.prefix).length, position.start), quote.prefix, `${item.id}: prefix`);
  assert.equal(slice(position.end, position.end + Array.from(quote.suffix).length), quote.suffix, `${item.id}: suffix`);
  spans += 1;
}
assert.ok(spans > 0, 'nothing was checked');
console.log(`W3C: ${items.length} annotations valid against the Web Annotation schema; ${spans} selectors agree with the text in code points`);
