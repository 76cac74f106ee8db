// A corpus of 1,000 articles (issue 12): imported from one JSONL file at once,
// saved, all there after a reload; the document list finds one by title and
// sorts, rendering only the rows in view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sharedApp, startImport } from './harness.mjs';
import { generateArticle, generateExport } from '../../bench/generate.mjs';

const app = sharedApp({ before, after });
const COUNT = 1000;

function corpus(count) {
  const lines = [];
  for (let i = 0; i < count; i++) {
    const file = JSON.parse(generateExport(generateArticle(5000, 100 + i), 20, 11 + i).json);
    file.document.title = `Article ${i + 1}`;
    lines.push(JSON.stringify(file));
  }
  return lines.join('\n');
}

test('an import under way can be cancelled, and nothing is imported', async () => {
  const { page } = app;
  await startImport(page, corpus(COUNT), 'corpus.jsonl');
  await page.getByRole('button', { name: 'Cancel import' }).click();
  await page.getByText('Import cancelled: nothing was imported.').waitFor();
  await page.waitForTimeout(1500);
  assert.equal(await page.getByRole('list', { name: 'Documents' }).getByRole('listitem').count(), 0);
  assert.deepEqual(app.problems, []);
});

test('1,000 documents import at once, survive a reload, and the list searches and sorts them', async () => {
  const { page } = app;
  await startImport(page, corpus(COUNT), 'corpus.jsonl');
  await page.getByText(`Imported ${COUNT} documents with ${COUNT * 20} annotations`).first().waitFor({ timeout: 60_000 });
  await page.getByText('All changes saved').waitFor({ timeout: 60_000 });
  await page.reload();
  const list = page.getByRole('list', { name: 'Documents' });
  await list.getByRole('listitem').first().waitFor();
  assert.equal(await list.getByRole('listitem').first().getAttribute('aria-setsize'), String(COUNT), 'every document is listed');
  assert.ok(await list.getByRole('listitem').count() < 60, 'only the rows in view are rendered');

  await page.getByRole('searchbox', { name: 'Search documents' }).fill('article 777');
  await page.getByText('1 document matches.').waitFor();
  await list.getByRole('button', { name: /Article 777/ }).click();
  await page.waitForFunction(() => /Article 777/.test(document.querySelector('.document-heading')?.textContent ?? ''));
  await page.locator('[aria-label="Article"] mark').first().waitFor();
  assert.equal(await page.locator('[aria-label="Article"] mark').count() >= 20, true);

  await page.getByRole('searchbox', { name: 'Search documents' }).fill('');
  await page.getByRole('combobox', { name: 'Sort documents' }).selectOption({ label: 'Title A–Z' });
  const first = await list.getByRole('listitem').first().locator('.document-title').textContent();
  assert.equal(first, 'Article 1');
  assert.deepEqual(app.problems, []);
});
