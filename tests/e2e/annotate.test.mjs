// A user pastes an article with emoji and Arabic, tags spans by button, hotkey and
// keyboard selection, exports, reloads, survives a broken import, opens a CRLF file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import Ajv2020 from 'ajv/dist/2020.js';
import {
  sharedApp, selectText, articleText, waitSaved, exportJson,
  codePointSlice, fileInput, clickText, eventually, ROOT,
} from './harness.mjs';

const ARTICLE = [
  'Iraq talks 😀 begin',
  'Lloyd Austin said the attacks "need to stop" and 👩‍👩‍👧 families waited.',
  'قال المتحدث باسم الحكومة إن «الانسحاب سيبدأ قريبا» يوم الخميس.',
  'A senior US defence official said talks would start soon.',
].join('\n');

const app = sharedApp({ before, after });

async function validateAgainstSchema(json) {
  const schema = JSON.parse(await readFile(`${ROOT}/docs/marginalia-v2.schema.json`, 'utf8'));
  const ajv = new Ajv2020({ allErrors: true });
  const validate = ajv.compile(schema);
  assert.ok(validate(json), JSON.stringify(validate.errors));
}

test('the first visit shows every control and a way to start', async () => {
  const { page } = app;
  for (const name of ['Load text', 'Claim', 'Quote', 'Source', 'Export JSON', 'Try a sample article']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, name);
  }
  assert.equal(await page.getByRole('textbox', { name: 'Article text' }).count(), 1);
  assert.equal(await fileInput(page, 'Open file').count(), 1);
  assert.equal(await fileInput(page, 'Import JSON').count(), 1);
  assert.equal(await page.getByRole('list', { name: 'Documents' }).count(), 1);
  assert.equal(await page.getByRole('list', { name: 'Annotations' }).count(), 1);
  assert.ok(await page.getByRole('button', { name: 'Claim', exact: true }).isDisabled());
});

test('pasted text renders exactly, line breaks included', async () => {
  const { page } = app;
  await page.getByRole('textbox', { name: 'Article text' }).fill(ARTICLE);
  await page.getByRole('button', { name: 'Load text' }).click();
  await page.getByRole('article', { name: 'Article' }).waitFor();
  assert.equal(await articleText(page), ARTICLE);
  assert.equal(await page.getByRole('textbox', { name: 'Article text' }).inputValue(), '');
  const titles = await page.getByRole('list', { name: 'Documents' }).locator('.document-title').allTextContents();
  assert.deepEqual(titles, ['Iraq talks 😀 begin']);
});

test('tagging by button, by hotkey and by keyboard selection', async () => {
  const { page } = app;
  // Button, with whitespace around the selection that must be trimmed.
  await selectText(page, '\nLloyd Austin said the attacks "need to stop" and 👩‍👩‍👧 families waited.\n');
  await page.getByRole('button', { name: 'Claim', exact: true }).click();
  // Hotkey while the article has focus.
  await selectText(page, '"need to stop"');
  await page.getByRole('article', { name: 'Article' }).focus();
  await page.keyboard.press('q');
  await selectText(page, '«الانسحاب سيبدأ قريبا»');
  await page.getByRole('button', { name: 'Quote', exact: true }).click();
  await selectText(page, 'Lloyd Austin');
  await page.getByRole('article', { name: 'Article' }).focus();
  await page.keyboard.press('s');
  // Keyboard only: from the start of the article, extend by words over "Iraq talks".
  await page.evaluate(() => getSelection().removeAllRanges());
  await page.getByRole('article', { name: 'Article' }).focus();
  await page.keyboard.press('Escape'); // deselect: Shift+arrows would resize the selected one
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('c');

  const marks = await page.locator('[aria-label="Article"] mark').evaluateAll((els) =>
    els.map((el) => [el.dataset.label, el.textContent]));
  assert.deepEqual(marks.filter(([, text]) => text === 'Iraq talks'), [['claim', 'Iraq talks']]);
  assert.ok(marks.some(([label, text]) => label === 'quote' && text === '"need to stop"'));
  assert.ok(marks.some(([label, text]) => label === 'quote' && text === '«الانسحاب سيبدأ قريبا»'));
  assert.ok(marks.some(([label, text]) => label === 'source' && text === 'Lloyd Austin'));
  // Marks never add text: the article still reads exactly as the document.
  assert.equal(await articleText(page), ARTICLE);

  const entries = page.getByRole('list', { name: 'Annotations' }).locator('.entry-text');
  await eventually(() => entries.allTextContents(), [
    'Iraq talks',
    'Lloyd Austin said the attacks "need to stop" and 👩‍👩‍👧 families waited.',
    'Lloyd Austin',
    '"need to stop"',
    '«الانسحاب سيبدأ قريبا»',
  ]);
  const counts = page.getByRole('list', { name: 'Counts per label' });
  await eventually(() => counts.textContent(), 'Claim 2Quote 2Source 1Cue 0');
});

test('an empty selection or one outside the article tags nothing', async () => {
  const { page } = app;
  const before = await page.locator('[aria-label="Article"] mark').count();
  await page.evaluate(() => getSelection().removeAllRanges());
  await page.getByRole('button', { name: 'Claim', exact: true }).click();
  await page.evaluate(() => {
    const heading = document.querySelector('#load-heading');
    getSelection().selectAllChildren(heading);
  });
  await page.getByRole('button', { name: 'Source', exact: true }).click();
  assert.equal(await page.locator('[aria-label="Article"] mark').count(), before);
});

test('nested highlights stay clickable and the list follows', async () => {
  const { page } = app;
  await clickText(page, 'need to stop');
  const pressed = page.getByRole('list', { name: 'Annotations' }).locator('[aria-pressed="true"] .entry-text');
  await eventually(() => pressed.textContent(), '"need to stop"');
  // The enclosing claim, clicked where the quote is not.
  await clickText(page, 'families waited');
  await eventually(() => pressed.textContent(), /^Lloyd Austin said/);
  // Choosing an entry selects and flashes its highlight.
  await page.getByRole('list', { name: 'Annotations' }).getByRole('button', { name: /«الانسحاب/ }).click();
  const mark = page.locator('mark[data-label="quote"]', { hasText: 'الانسحاب' });
  assert.match(await mark.getAttribute('class'), /selected/);
  assert.match(await mark.getAttribute('class'), /flash/);
});

test('export gives code point offsets that slice back to the tagged text', async () => {
  const { page } = app;
  const { name, json } = await exportJson(page);
  assert.equal(name, 'Iraq talks 😀 begin.annotations.json');
  await validateAgainstSchema(json);
  assert.equal(json.format, 'marginalia');
  assert.equal(json.version, 2);
  assert.deepEqual(json.relations, []);
  assert.deepEqual(json.labels.map((l) => [l.id, l.hotkey]), [['claim', 'c'], ['quote', 'q'], ['source', 's'], ['cue', 'u']]);
  assert.equal(json.document.text, ARTICLE);
  assert.equal(json.annotations.length, 5);
  for (const annotation of json.annotations) {
    assert.equal(codePointSlice(ARTICLE, annotation.start, annotation.end), annotation.text, annotation.id);
  }
  // Exact offsets, counted in code points (the emoji before them count once each).
  const quote = json.annotations.find((a) => a.text === '"need to stop"');
  assert.deepEqual([quote.start, quote.end], [49, 63]);
  const arabic = json.annotations.find((a) => a.text.startsWith('«'));
  // Python: text.index('«') == 119; JavaScript's UTF-16 index is larger (the emoji).
  assert.deepEqual([arabic.start, arabic.end], [119, 141]);
  assert.notEqual(ARTICLE.indexOf('«'), 119);
  assert.deepEqual(Object.keys(json), ['format', 'version', 'document', 'labels', 'annotations', 'relations']);
  assert.deepEqual(Object.keys(json.annotations[0]), ['id', 'label', 'start', 'end', 'text']);
});

test('deleting an annotation from the list removes its highlight', async () => {
  const { page } = app;
  const list = page.getByRole('list', { name: 'Annotations' });
  const entry = list.locator('li', { hasText: 'Lloyd Austin' }).filter({ has: page.locator('[data-label="source"]') });
  await list.locator('li[data-label="source"]').getByRole('button', { name: 'Delete' }).click();
  assert.equal(await page.locator('mark[data-label="source"]').count(), 0);
  await eventually(() => list.locator('li').count(), 4);
  assert.equal(await entry.count(), 0);
});

test('a reload brings back the document and every annotation', async () => {
  const { page } = app;
  await waitSaved(page);
  const { body: beforeReload } = await exportJson(page);
  await page.reload();
  await page.getByRole('article', { name: 'Article' }).waitFor();
  assert.equal(await articleText(page), ARTICLE);
  await eventually(() => page.getByRole('list', { name: 'Annotations' }).locator('li').count(), 4);
  const { body: afterReload } = await exportJson(page);
  assert.equal(afterReload, beforeReload);
});

test('broken imports are refused with a clear message and change nothing', async () => {
  const { page } = app;
  const { body: before } = await exportJson(page);
  const cases = [
    ['broken.json', '{"format": "marginalia", "version": 1,', /not valid JSON \(line 1, column 38\)/],
    ['other.json', '{"format": "brat"}', /not a Marginalia file/],
    ['future.json', '{"format": "marginalia", "version": 3}', /version 3; this version of Marginalia reads versions 1 and 2/],
    ['range.json', JSON.stringify({ ...JSON.parse(before), annotations: [{ id: 'a1', label: 'claim', start: 5, end: 9999, text: 'x' }] }), /Annotation a1 has offsets 5–9999, outside the text/],
    ['mismatch.json', JSON.stringify({ ...JSON.parse(before), annotations: [{ id: 'a1', label: 'claim', start: 0, end: 4, text: 'Irak' }] }), /says its text is "Irak", but the document has "Iraq"/],
  ];
  for (const [name, content, message] of cases) {
    await fileInput(page, 'Import JSON').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: name }).waitFor();
    assert.match(await alert.textContent(), message);
  }
  assert.equal(await page.getByRole('list', { name: 'Documents' }).locator('li').count(), 1);
  const { body: after } = await exportJson(page);
  assert.equal(after, before);
});

test('importing an export of a known text adds only what is missing', async () => {
  const { page } = app;
  const { json } = await exportJson(page);
  json.annotations.push({ id: 'x1', label: 'source', start: 0, end: 4, text: 'Iraq' });
  await fileInput(page, 'Import JSON').setInputFiles({ name: 'more.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });
  await page.getByRole('status').filter({ hasText: 'added 1 annotation and 0 links, 4 already there' }).waitFor();
  assert.equal(await page.getByRole('list', { name: 'Documents' }).locator('li').count(), 1);
  await eventually(() => page.getByRole('list', { name: 'Annotations' }).locator('li').count(), 5);
});

test('a CRLF file opens with LF line ends and tags exactly', async () => {
  const { page } = app;
  const crlf = 'Headline\r\nThe ministry said "talks begin" today.\r\nAFP\r\n';
  await fileInput(page, 'Open file').setInputFiles({ name: 'wire story.txt', mimeType: 'text/plain', buffer: Buffer.from('\uFEFF' + crlf) });
  await page.locator('.document-title', { hasText: 'wire story' }).waitFor();
  const text = 'Headline\nThe ministry said "talks begin" today.\nAFP\n';
  assert.equal(await articleText(page), text);
  await selectText(page, '"talks begin"');
  await page.getByRole('button', { name: 'Quote', exact: true }).click();
  const { name, json } = await exportJson(page);
  assert.equal(name, 'wire story.annotations.json');
  assert.deepEqual(json.annotations.map((a) => [a.start, a.end, a.text]), [[27, 40, '"talks begin"']]);
});

test('files that are not articles get a message and change nothing', async () => {
  const { page } = app;
  const documents = page.getByRole('list', { name: 'Documents' }).locator('li');
  const count = await documents.count();
  const cases = [
    ['photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /looks like a binary file/],
    ['latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9]), /not UTF-8 text/],
    ['empty.txt', Buffer.alloc(0), /is empty/],
    ['huge.txt', Buffer.alloc(21 * 1024 * 1024, 'a'), /huge\.txt is 21\.0 MB — too large\. Marginalia opens articles up to 20 MB\./],
  ];
  for (const [name, buffer, message] of cases) {
    await fileInput(page, 'Open file').setInputFiles({ name, mimeType: 'text/plain', buffer });
    await page.getByRole('alert').filter({ hasText: name }).waitFor();
    assert.match(await page.getByRole('alert').textContent(), message);
  }
  assert.equal(await documents.count(), count);
});

test('no request left the page\'s origin and nothing threw', async () => {
  assert.deepEqual(app.problems, []);
});
