// Files that crashed the format worker or lost data before (issue 8), in the real
// app: each import or export either works or says why, the worker survives, and
// nothing the user has changes. Also: only a quote or claim starts a link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { sharedApp, eventually, fileInput, ROOT, selectText } from './harness.mjs';

const app = sharedApp({ before, after });
const documents = () => app.page.getByRole('list', { name: 'Documents' }).getByRole('listitem');

async function load(text) {
  const { page } = app;
  await page.getByRole('textbox', { name: 'Article text' }).fill(text);
  await page.getByRole('button', { name: 'Load text' }).click();
}

test('spans with blank labels import under one label, unnamed', async () => {
  const { page } = app;
  const line = '{"text":"one two three","spans":[{"start":0,"end":3,"label":""},{"start":4,"end":7,"label":" "},{"start":8,"end":13}]}\n';
  await fileInput(page, 'Import JSON').setInputFiles([
    { name: 'blank.spacy.jsonl', mimeType: 'application/json', buffer: Buffer.from(line) },
  ]);
  await page.getByRole('status').filter({ hasText: 'with 3 annotations' }).waitFor();
  const labels = await page.locator('[aria-label="Article"] mark').evaluateAll((marks) => marks.map((m) => m.dataset.label));
  assert.equal(labels.length, 3);
  assert.equal(new Set(labels).size, 1);
  await page.getByRole('toolbar', { name: 'Tagging' }).getByRole('button', { name: 'unnamed', exact: true }).waitFor();
  assert.deepEqual(app.problems, []);
});

test('a .zip holding a text that is not UTF-8 is refused, naming it, and changes nothing', async () => {
  const { page } = app;
  const before = await documents().count();
  await fileInput(page, 'Import JSON').setInputFiles(`${ROOT}/tests/fixtures/not-utf8.zip`);
  await page.getByRole('alert').filter({ hasText: 'corpus/story.txt is not UTF-8 text' }).waitFor();
  assert.equal(await documents().count(), before);
  // The worker is still there: the next import works.
  await fileInput(page, 'Import JSON').setInputFiles(`${ROOT}/tests/golden/label-studio.json`);
  await page.getByRole('status').filter({ hasText: 'Imported “Label Studio task 1” with 4 annotations.' }).waitFor();
  assert.deepEqual(app.problems, []);
});

test('documents that share a title export to a brat .zip as a file each', async () => {
  const { page } = app;
  await load('Same headline\nThe first copy of the story.');
  await load('Same headline\nThe second copy, edited.');
  await page.getByRole('button', { name: 'Export as…' }).click();
  const menu = page.getByRole('menu', { name: 'Export as' });
  await menu.getByRole('menuitemradio', { name: /^All \d+ documents$/ }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByRole('menuitem', { name: /^brat standoff/ }).click(),
  ]);
  const zip = (await readFile(await download.path())).toString('latin1');
  // Each name appears in its local header and in the central directory.
  assert.ok(zip.includes('/Same headline.txt'), 'the first copy');
  assert.ok(zip.includes('/Same headline-2.txt'), 'the second copy');
  assert.deepEqual(app.problems, []);
});

test('a source does not start a link; a quote does', async () => {
  const { page } = app;
  await load('Austin said "no comment" today.');
  await selectText(page, 'Austin');
  await page.getByRole('button', { name: 'Source', exact: true }).click();
  const cancel = page.getByRole('region', { name: 'Details' }).getByRole('button', { name: 'Cancel', exact: true });
  await page.getByRole('article', { name: 'Article' }).press('l');
  await page.getByRole('status').filter({ hasText: 'select a quote or claim to link it' }).waitFor();
  assert.equal(await cancel.count(), 0);
  await selectText(page, '"no comment"');
  await page.getByRole('button', { name: 'Quote', exact: true }).click();
  await page.getByRole('article', { name: 'Article' }).press('l');
  await eventually(() => cancel.count(), 1);
});

test('loading a text that is already a document opens it instead of copying it', async () => {
  const { page } = app;
  const text = 'A story loaded twice\nThe minister said the talks would begin on Monday.';
  await load(text);
  const before = await documents().count();
  await load('Something else entirely, said nobody.');
  await load(text);
  await page.getByRole('status').filter({ hasText: 'This text is already in your documents as “A story loaded twice”: opened it.' }).waitFor();
  assert.equal(await documents().count(), before + 1);
  assert.equal(await page.getByRole('list', { name: 'Documents' }).locator('[aria-current="true"] .document-title').textContent(), 'A story loaded twice');
});

test('annotations made on another copy of the story are placed on the open document, in one step', async () => {
  const { page } = app;
  // Annotated on a hard-wrapped copy…
  const wrapped = 'Albares said the attacks\n"need to stop".\nSudani said IS "is no longer a danger".';
  const span = (needle, id, label) => {
    const start = [...wrapped.slice(0, wrapped.indexOf(needle))].length;
    return { id, label, start, end: start + [...needle].length, text: needle };
  };
  const file = {
    format: 'marginalia', version: 2,
    document: { title: 'Wrapped copy', text: wrapped },
    labels: [],
    annotations: [span('Albares', 'a1', 'source'), span('"need to stop"', 'a2', 'quote'), span('Sudani', 'a3', 'source'), span('"is no longer a danger"', 'a4', 'quote')],
    relations: [{ id: 'r1', type: 'attribution', from: 'a2', to: 'a1' }, { id: 'r2', type: 'attribution', from: 'a4', to: 'a3' }],
  };
  // …placed on the clean copy that is open, with typographic quotes.
  const clean = 'Spain\u2019s Albares said the attacks \u201cneed to stop\u201d. Sudani said IS \u201cis no longer a danger\u201d.';
  await load(clean);
  const before = await documents().count();
  await fileInput(page, 'Import JSON').setInputFiles({ name: 'wrapped.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByRole('button', { name: 'Place on this document' }).click();
  await page.getByRole('status').filter({ hasText: 'Placed 4 of 4 annotations' }).waitFor();
  assert.equal(await documents().count(), before);
  const marks = () => page.locator('[aria-label="Article"] mark').evaluateAll((els) => els.map((m) => `${m.dataset.label}:${m.textContent}`));
  assert.deepEqual(await marks(), ['source:Albares', 'quote:\u201cneed to stop\u201d', 'source:Sudani', 'quote:\u201cis no longer a danger\u201d']);
  // One step: one Undo takes it all back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await eventually(() => marks(), []);
  assert.deepEqual(app.problems, []);
});
