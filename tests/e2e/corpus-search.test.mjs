// Search all documents (issue 12): a phrase across the library lists every hit
// with context; a regular expression too, and a bad one says why; choosing a
// hit opens its document with the match selected, ready for a label key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sharedApp, loadText } from './harness.mjs';

const app = sharedApp({ before, after });

const load = (text) => loadText(app.page, text);

test('a phrase and a pattern are found in every document, and a hit opens selected', async () => {
  const { page } = app;
  await load('Budget day: the finance minister said spending would rise.');
  await load('Talks in Baghdad: the Finance  Minister said nothing. Officials 😀 disagreed.');
  await load('Weather: rain all week, officials said.');
  await page.getByRole('button', { name: 'Search all documents…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Search all documents' });
  await dialog.getByRole('searchbox', { name: 'Search all documents for' }).fill('finance minister said');
  await dialog.getByRole('button', { name: 'Search' }).click();
  await dialog.getByText('2 hits in 2 documents.').waitFor();
  const hits = dialog.getByRole('list', { name: 'Hits' }).getByRole('button');
  assert.equal(await hits.count(), 2);
  // Newest document first, as the library lists them.
  assert.match(await hits.nth(0).textContent(), /Talks in Baghdad/);
  assert.match(await hits.nth(1).textContent(), /Budget day/);

  await dialog.getByRole('checkbox', { name: 'Regular expression' }).check();
  await dialog.getByRole('searchbox', { name: 'Search all documents for' }).fill('[Oo]fficials (😀 )?\\w+');
  await dialog.getByRole('button', { name: 'Search' }).click();
  await dialog.getByText('2 hits in 2 documents.').waitFor();
  await dialog.getByRole('searchbox', { name: 'Search all documents for' }).fill('(unclosed');
  await dialog.getByRole('button', { name: 'Search' }).click();
  await dialog.getByText(/That pattern cannot be used/).waitFor();

  await dialog.getByRole('searchbox', { name: 'Search all documents for' }).fill('Officials 😀 disagreed');
  await dialog.getByRole('checkbox', { name: 'Regular expression' }).uncheck();
  await dialog.getByRole('button', { name: 'Search' }).click();
  await dialog.getByText('1 hit in 1 document.').waitFor();
  await hits.first().click();
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction(() => getSelection().toString() === 'Officials 😀 disagreed');
  assert.match(await page.locator('.document-heading').textContent(), /Talks in Baghdad/);
  await page.keyboard.press('c');
  await page.waitForFunction(() => document.querySelector('[aria-label="Article"] mark[data-label="claim"]')?.textContent === 'Officials 😀 disagreed');
  assert.deepEqual(app.problems, []);
});
