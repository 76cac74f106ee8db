// Export as… and import of other tools' formats, in the real app: the format
// worker loads from the app's own origin, offsets stay exact with emoji and
// Arabic, brat comes as a .zip, and a bad file changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  sharedApp, selectText, articleText, eventually, codePointSlice, fileInput, ROOT, waitSaved,
} from './harness.mjs';

const TEXT = '😀 مرحبا. Lloyd Austin said the attacks "need to stop".';

const app = sharedApp({ before, after });
const documents = () => app.page.getByRole('list', { name: 'Documents' }).getByRole('listitem');

async function tag(needle, label) {
  await selectText(app.page, needle);
  await app.page.getByRole('button', { name: label, exact: true }).click();
}

/// Chooses a format in Export as… and returns the download's name and bytes.
async function exportAs(formatTitle, all = false) {
  const { page } = app;
  await page.getByRole('button', { name: 'Export as…' }).click();
  const menu = page.getByRole('menu', { name: 'Export as' });
  await menu.getByRole('menuitemradio', { name: all ? /^(All \d+ documents|The 1 document)$/ : 'This document' }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByRole('menuitem', { name: new RegExp(`^${formatTitle}`) }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

test('export as doccano and spaCy: offsets are code points', async () => {
  const { page } = app;
  await page.getByRole('textbox', { name: 'Article text' }).fill(TEXT);
  await page.getByRole('button', { name: 'Load text' }).click();
  await eventually(() => articleText(page), TEXT);
  await tag('Lloyd Austin', 'Source');
  await tag('"need to stop"', 'Quote');
  await tag('مرحبا', 'Claim');
  const doccano = await exportAs('doccano JSONL');
  assert.match(doccano.name, /\.doccano\.jsonl$/);
  const line = JSON.parse(doccano.bytes.toString('utf8').trim());
  assert.equal(line.text, TEXT);
  const spans = line.entities.map((e) => `${e.label}:${codePointSlice(TEXT, e.start_offset, e.end_offset)}`);
  assert.deepEqual(spans, ['Claim:مرحبا', 'Source:Lloyd Austin', 'Quote:"need to stop"']);
  const spacy = JSON.parse((await exportAs('spaCy / Prodigy JSONL')).bytes.toString('utf8').trim());
  assert.deepEqual(spacy.spans.map((s) => codePointSlice(TEXT, s.start, s.end)), ['مرحبا', 'Lloyd Austin', '"need to stop"']);
  await page.getByRole('status').filter({ hasText: 'Exported 1 document as spaCy / Prodigy JSONL' }).waitFor();
  // A click elsewhere closes the menu; Escape does too.
  await page.getByRole('button', { name: 'Export as…' }).click();
  await page.getByRole('menu', { name: 'Export as' }).waitFor();
  await page.getByRole('article', { name: 'Article' }).click();
  await eventually(() => page.getByRole('menu', { name: 'Export as' }).count(), 0);
  await page.getByRole('button', { name: 'Export as…' }).click();
  await page.keyboard.press('Escape');
  await eventually(() => page.getByRole('menu', { name: 'Export as' }).count(), 0);
});

test('export all documents as brat: one .zip', async () => {
  const brat = await exportAs('brat standoff', true);
  assert.match(brat.name, /^marginalia-corpus\.brat\.zip$/);
  assert.equal(brat.bytes.subarray(0, 2).toString('latin1'), 'PK');
});

test('import a Label Studio file with emoji before its spans', async () => {
  const { page } = app;
  const before = await documents().count();
  await fileInput(page, 'Import JSON').setInputFiles(`${ROOT}/tests/golden/label-studio.json`);
  await page.getByRole('status').filter({ hasText: 'Imported “Label Studio task 1” with 4 annotations.' }).waitFor();
  await eventually(() => documents().count(), before + 1);
  const marks = await page.locator('[aria-label="Article"] mark').evaluateAll((els) => els.map((m) => `${m.dataset.label}:${m.textContent}`));
  assert.deepEqual(marks, ['source:Ministry spokesman Ahmed', 'cue:said', 'quote:“will begin soon”', 'source:Officials']);
});

test('import a brat .ann with its .txt, chosen together', async () => {
  const { page } = app;
  const before = await documents().count();
  const text = '👍 The minister said talks will begin.';
  await fileInput(page, 'Import JSON').setInputFiles([
    { name: 'story.txt', mimeType: 'text/plain', buffer: Buffer.from(text) },
    { name: 'story.ann', mimeType: 'text/plain', buffer: Buffer.from('T1\tSource 2 14\tThe minister\nT2\tClaim 20 36\ttalks will begin\nR1\tAttribution Arg1:T2 Arg2:T1\n') },
  ]);
  await page.getByRole('status').filter({ hasText: 'Imported “story” with 2 annotations.' }).waitFor();
  await eventually(() => documents().count(), before + 1);
  await eventually(() => articleText(page), text);
  await page.locator('mark[data-label="claim"]').click();
  await page.getByRole('region', { name: 'Details' }).getByRole('list', { name: 'Attributed to' }).getByText('The minister').waitFor();
});

test('a bad file says why and changes nothing', async () => {
  const { page } = app;
  const before = await documents().count();
  await fileInput(page, 'Import JSON').setInputFiles([
    { name: 'fine.jsonl', mimeType: 'application/json', buffer: Buffer.from('{"text":"ok","label":[[0,2,"X"]]}\n') },
    { name: 'broken.jsonl', mimeType: 'application/json', buffer: Buffer.from('{"text":"ab","label":[[0,9,"X"]]}\n') },
  ]);
  const alert = page.getByRole('alert');
  await alert.filter({ hasText: 'Nothing was imported: broken.jsonl: Annotation line 1, label 1 has offsets 0–9, outside the text (2 characters).' }).waitFor();
  assert.equal(await documents().count(), before);
  assert.deepEqual(app.problems, []);
});

test('a corpus of several documents imports whole, and all of it survives a reload', async () => {
  const { page } = app;
  const before = await documents().count();
  await fileInput(page, 'Import JSON').setInputFiles(`${ROOT}/tests/corpus/corpus.jsonl`);
  await page.getByRole('status').filter({ hasText: 'Imported 4 documents with 14 annotations from corpus.jsonl.' }).waitFor();
  await eventually(() => documents().count(), before + 4);
  await waitSaved(page);
  await page.reload();
  await page.getByRole('button', { name: 'Load text' }).waitFor();
  await eventually(() => documents().count(), before + 4);
  // Every imported document was stored with its text and annotations.
  for (const [title, count] of [['Austin 😀 on the strikes', 5], ['وزير الخارجية', 3], ['外交部', 3], ['CRLF wire copy', 3]]) {
    await page.getByRole('list', { name: 'Documents' }).getByRole('button', { name: new RegExp(`^${title}`) }).click();
    await eventually(() => page.locator('[aria-label="Article"] mark').evaluateAll((marks) => new Set(marks.map((m) => m.dataset.id)).size), count);
  }
});

test('with the connection gone, exporting still works (the worker was fetched ahead)', async () => {
  const { page, context } = app;
  const started = page.waitForEvent('worker', { timeout: 15000 });
  await page.reload();
  await page.getByRole('article', { name: 'Article' }).waitFor();
  // The app starts the worker by itself a few seconds after start-up; wait until
  // its WebAssembly runs (it has set its message handler), without touching the UI.
  const worker = await started;
  await worker.evaluate(() => new Promise((resolve) => {
    const check = () => (self.onmessage ? resolve() : setTimeout(check, 20));
    check();
  }));
  await context.setOffline(true);
  try {
    const csv = await exportAs('CSV');
    assert.match(csv.bytes.toString('utf8'), /^document,id,label,start,end,text,/);
  } finally {
    await context.setOffline(false);
  }
});
