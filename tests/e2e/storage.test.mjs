// Storage that lasts (issue 10): two tabs on one library never overwrite each
// other; a full disk loses nothing; the library's size is shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { sharedBrowser, selectText, exportJson, eventually, ROOT } from './harness.mjs';

const shared = sharedBrowser({ before, after });

async function openTab(context) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(shared.served.url);
  await page.getByRole('button', { name: 'Load text' }).waitFor();
  return { page, errors };
}

async function tag(page, word, label) {
  await selectText(page, word);
  await page.getByRole('toolbar', { name: 'Tagging' }).getByRole('button', { name: label, exact: true }).click();
}

const marks = (page) => page.locator('[aria-label="Article"] mark').allTextContents();

test('a second tab stops saving when the first saves, and says so', async () => {
  const context = await shared.browser.newContext();
  const a = await openTab(context);
  await a.page.getByRole('textbox', { name: 'Article text' }).fill('Austin said the attacks must stop, officials said.');
  await a.page.getByRole('button', { name: 'Load text' }).click();
  await a.page.getByText('All changes saved').waitFor();
  const b = await openTab(context);
  await b.page.getByRole('article', { name: 'Article' }).waitFor();

  await tag(a.page, 'Austin', 'Source');
  await a.page.getByText('All changes saved').waitFor();
  await b.page.getByRole('alert').filter({ hasText: 'in another tab' }).waitFor();
  // What the second tab does now stays in it (to export), never over the first's work.
  await tag(b.page, 'officials', 'Source');
  await b.page.getByText('Not saved — export to keep your work').waitFor();
  const { json } = await exportJson(b.page);
  assert.deepEqual(json.annotations.map((x) => x.text), ['officials']);
  await a.page.reload();
  await a.page.getByRole('article', { name: 'Article' }).waitFor();
  assert.deepEqual(await marks(a.page), ['Austin']);
  // Reloaded, the second tab has the first's work.
  await b.page.reload();
  await b.page.getByRole('article', { name: 'Article' }).waitFor();
  assert.deepEqual(await marks(b.page), ['Austin']);
  assert.deepEqual([...a.errors, ...b.errors], []);
  await context.close();
});

test('a full disk loses nothing: the save fails whole, the work stays to export', async () => {
  const context = await shared.browser.newContext();
  const { page, errors } = await openTab(context);
  await page.getByRole('textbox', { name: 'Article text' }).fill('The ministry said talks would begin on a timeline.');
  await page.getByRole('button', { name: 'Load text' }).click();
  await tag(page, 'ministry', 'Source');
  await page.getByText('All changes saved').waitFor();
  await page.locator('.storage-use').filter({ hasText: /^Uses .+ in this browser/ }).waitFor();
  // From now on the disk is full: every write is refused.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await tag(page, 'timeline', 'Claim');
  await page.getByRole('alert').filter({ hasText: 'QuotaExceededError' }).waitFor();
  await page.getByText('Not saved — export to keep your work').waitFor();
  const { json } = await exportJson(page);
  assert.deepEqual(json.annotations.map((x) => x.text).sort(), ['ministry', 'timeline']);
  // What was saved before is whole.
  await page.reload();
  await page.getByRole('article', { name: 'Article' }).waitFor();
  // The highlights come a frame after the article.
  await eventually(() => marks(page), ['ministry']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a library written by an earlier release opens with everything in it', async () => {
  const dump = JSON.parse(await readFile(`${ROOT}/tests/fixtures/storage/library-v1.json`, 'utf8'));
  const context = await shared.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // A page of the app's origin that is not the app: storage as the earlier release left it.
  await page.goto(`${shared.served.url}manifest.webmanifest`);
  await page.evaluate((dump) => new Promise((resolve, reject) => {
    const open = indexedDB.open(dump.database, dump.version);
    open.onupgradeneeded = () => {
      for (const name of Object.keys(dump.stores)) open.result.createObjectStore(name);
    };
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const names = Object.keys(dump.stores);
      const transaction = db.transaction(names, 'readwrite');
      for (const name of names) {
        for (const [key, value] of dump.stores[name]) transaction.objectStore(name).put(value, key);
      }
      transaction.oncomplete = () => { db.close(); resolve(); };
      transaction.onerror = () => reject(transaction.error);
    };
  }), dump);
  await page.goto(shared.served.url);
  const documents = page.getByRole('list', { name: 'Documents' }).getByRole('listitem');
  await documents.first().waitFor();
  assert.equal(await documents.count(), 2);
  // The open document: the web page, its details kept.
  await page.getByRole('article', { name: 'Article' }).waitFor();
  assert.deepEqual(await marks(page), ['Albares']);
  assert.ok((await page.locator('.document-heading').textContent()).startsWith('Washington, Baghdad'));
  // The other: cleaned, tagged, linked; its original kept, its history undoable.
  await documents.filter({ hasText: 'Hundreds of people' }).getByRole('button').first().click();
  await page.locator('.document-heading').filter({ hasText: 'Hundreds of people' }).waitFor();
  assert.equal((await marks(page)).length, 3);
  const { json } = await exportJson(page);
  assert.equal(json.relations.length, 1);
  assert.ok(json.document.original.text.includes('Washington\nand Baghdad'));
  assert.ok(json.labels.some((l) => l.name === 'Assertion'));
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('[aria-label="Article"]').textContent.includes('Washington\nand Baghdad'));
  assert.deepEqual(errors, []);
  await context.close();
});
