// The document library, dropping files, storage failure, and long annotation lists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  serveDist, launch, openApp, selectText, articleText, waitSaved, exportJson, fileInput, eventually,
} from './harness.mjs';

let served, browser;

before(async () => {
  served = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  served?.server.close();
});

async function paste(page, text) {
  await page.getByRole('textbox', { name: 'Article text' }).fill(text);
  await page.getByRole('button', { name: 'Load text' }).click();
  await eventually(() => articleText(page), text);
}

const documents = (page) => page.getByRole('list', { name: 'Documents' });

test('loading never destroys work: earlier documents reopen with their annotations', async () => {
  const { page, context, problems } = await openApp(browser, served.url);
  await paste(page, 'First story\nThe mayor said "no comment".');
  await selectText(page, '"no comment"');
  await page.getByRole('button', { name: 'Quote', exact: true }).click();
  await paste(page, 'Second story\nNothing tagged here.');
  assert.deepEqual(await documents(page).locator('.document-title').allTextContents(), ['Second story', 'First story']);
  assert.equal(await page.locator('mark').count(), 0);

  await documents(page).getByRole('button', { name: /First story/ }).click();
  await eventually(() => articleText(page), 'First story\nThe mayor said "no comment".');
  assert.equal(await page.locator('mark[data-label="quote"]').textContent(), '"no comment"');
  assert.equal(await documents(page).locator('[aria-current="true"] .document-title').textContent(), 'First story');

  // Which document was open survives a reload too.
  await waitSaved(page);
  await page.reload();
  await page.locator('mark[data-label="quote"]').waitFor();
  assert.equal(await documents(page).locator('[aria-current="true"] .document-title').textContent(), 'First story');
  assert.deepEqual(problems, []);
  await context.close();
});

test('rename, and delete only after confirming', async () => {
  const { page, context, problems } = await openApp(browser, served.url);
  await paste(page, 'Draft headline\nBody.');
  const item = documents(page).locator('li').first();
  await item.getByRole('button', { name: 'Rename' }).click();
  const title = page.getByRole('textbox', { name: 'New title' });
  await title.fill('Edited: the real headline');
  await title.press('Enter');
  await eventually(() => documents(page).locator('.document-title').allTextContents(), ['Edited: the real headline']);
  const { name } = await exportJson(page);
  assert.equal(name, 'Edited_ the real headline.annotations.json');

  await item.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('group', { name: 'Confirm deletion' });
  assert.match(await confirm.textContent(), /Delete “Edited: the real headline” and its 0 annotations\?/);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await documents(page).locator('li').count(), 1);

  await item.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Delete document' }).click();
  assert.equal(await documents(page).locator('li').count(), 0);
  assert.equal(await page.getByRole('article', { name: 'Article' }).count(), 0);
  await page.getByRole('button', { name: 'Try a sample article' }).waitFor();
  // Deleted for good: not back after a reload.
  await waitSaved(page);
  await page.reload();
  await page.getByRole('button', { name: 'Try a sample article' }).waitFor();
  assert.equal(await documents(page).locator('li').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a file dropped anywhere on the page opens as a document', async () => {
  const { page, context, problems } = await openApp(browser, served.url);
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['# Dropped\r\nA “quoted” line 😀\r\n'], 'dropped story.md', { type: 'text/markdown' }));
    const options = { dataTransfer: transfer, bubbles: true, cancelable: true };
    document.body.dispatchEvent(new DragEvent('dragover', options));
    document.body.dispatchEvent(new DragEvent('drop', options));
  });
  await eventually(() => articleText(page), '# Dropped\nA “quoted” line 😀\n');
  assert.deepEqual(await documents(page).locator('.document-title').allTextContents(), ['dropped story']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('when storage is refused the user is told and can still work and export', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    IDBFactory.prototype.open = () => { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); };
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(served.url);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /cannot be saved in this browser.*Export JSON/);
  assert.match(await page.locator('.save-status').textContent(), /Not saved/);
  await paste(page, 'Private mode\nStill "works".');
  await selectText(page, '"works"');
  await page.getByRole('button', { name: 'Quote', exact: true }).click();
  const { json } = await exportJson(page);
  assert.deepEqual(json.annotations.map((a) => a.text), ['"works"']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a long annotation list stays complete for keyboard and screen-reader users', async () => {
  const { page, context, problems } = await openApp(browser, served.url);
  const words = Array.from({ length: 400 }, (_, i) => `word${i}`);
  const text = words.join(' ');
  const file = {
    format: 'marginalia', version: 1,
    document: { title: 'Many', text },
    labels: [],
    annotations: words.map((word, i) => {
      const start = text.indexOf(`${word} `) >= 0 ? text.indexOf(`${word} `) : text.lastIndexOf(word);
      return { id: `a${i + 1}`, label: ['claim', 'quote', 'source'][i % 3], start, end: start + word.length, text: word };
    }),
  };
  await fileInput(page, 'Import JSON').setInputFiles({ name: 'many.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const list = page.getByRole('list', { name: 'Annotations' });
  await eventually(() => list.locator('li').first().getAttribute('aria-setsize'), '400');
  // Only the rows in view are in the DOM.
  assert.ok(await list.locator('li').count() < 60);
  // Arrow keys walk past the rendered rows; End reaches the last entry.
  await list.getByRole('button', { name: /word0$/ }).click();
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowDown');
  await eventually(() => page.locator('[aria-pressed="true"] .entry-text').textContent(), 'word30');
  await eventually(() => page.evaluate(() => document.activeElement.closest('li')?.getAttribute('aria-posinset')), '31');
  await page.keyboard.press('End');
  await eventually(() => page.locator('[aria-pressed="true"] .entry-text').textContent(), 'word399');
  assert.match(await page.locator('mark.selected').textContent(), /^word399$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('undo and redo every change, by keys and buttons, also after a reload', async () => {
  const { page, context, problems } = await openApp(browser, served.url);
  await paste(page, 'Austin said the strikes "need to stop".');
  const marks = () => page.locator('[aria-label="Article"] mark').evaluateAll((els) => els.map((el) => `${el.dataset.label}:${el.textContent}`));
  await selectText(page, '"need to stop"');
  await page.getByRole('button', { name: 'Quote', exact: true }).click();
  await selectText(page, 'Austin');
  await page.getByRole('button', { name: 'Source', exact: true }).click();
  await page.getByRole('list', { name: 'Annotations' }).locator('li[data-label="quote"]').getByRole('button', { name: 'Delete' }).click();
  assert.deepEqual(await marks(), ['source:Austin']);

  await page.keyboard.press('Control+z');
  assert.deepEqual(await marks(), ['source:Austin', 'quote:"need to stop"']);
  await page.keyboard.press('Control+z');
  assert.deepEqual(await marks(), ['quote:"need to stop"']);
  await page.getByRole('button', { name: 'Redo' }).click();
  assert.deepEqual(await marks(), ['source:Austin', 'quote:"need to stop"']);
  await page.keyboard.press('Control+y');
  assert.deepEqual(await marks(), ['source:Austin']);
  assert.ok(await page.getByRole('button', { name: 'Redo' }).isDisabled());

  // The history is saved with the document.
  await waitSaved(page);
  await page.reload();
  await page.getByRole('article', { name: 'Article' }).waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.deepEqual(await marks(), ['source:Austin', 'quote:"need to stop"']);
  await page.keyboard.press('Control+Shift+z');
  assert.deepEqual(await marks(), ['source:Austin']);

  // In a text field, Ctrl+Z belongs to the field.
  await page.getByRole('textbox', { name: 'Article text' }).fill('draft');
  await page.getByRole('textbox', { name: 'Article text' }).press('Control+z');
  assert.deepEqual(await marks(), ['source:Austin']);
  assert.deepEqual(problems, []);
  await context.close();
});
