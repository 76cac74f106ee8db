// Document status (issue 12): set by hand in the list, remembered, a filter of
// the list, and an export of just the documents listed carries it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { sharedApp, loadText } from './harness.mjs';

const app = sharedApp({ before, after });

const load = (text) => loadText(app.page, text);

test('a document marked done is listed by status and exported alone with its status', async () => {
  const { page } = app;
  await load('First report: the minister resigned.');
  await load('Second report: talks resumed.');
  await load('Third report: nothing changed.');
  const list = page.getByRole('list', { name: 'Documents' });
  await list.getByRole('combobox', { name: /Status of “Second report/ }).selectOption({ label: 'Done' });
  await page.getByText('All changes saved').waitFor();
  await page.waitForTimeout(300);
  await page.reload();
  await page.getByRole('article', { name: 'Article' }).waitFor();
  assert.equal(await list.getByRole('combobox', { name: /Status of “Second report/ }).inputValue(), 'done', 'remembered');

  await page.getByRole('combobox', { name: 'Show documents' }).selectOption({ label: 'Done' });
  await page.getByText('1 document matches.').waitFor();
  assert.equal(await list.getByRole('listitem').count(), 1);

  await page.getByRole('button', { name: 'Export as…' }).click();
  const menu = page.getByRole('menu', { name: 'Export as' });
  await menu.getByRole('menuitemradio', { name: 'The 1 document listed' }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByRole('menuitem', { name: /^Marginalia JSONL corpus/ }).click(),
  ]);
  const lines = (await readFile(await download.path(), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(lines.length, 1);
  assert.match(lines[0].document.title, /Second report/);
  assert.equal(lines[0].document.status, 'done');
  await page.getByRole('combobox', { name: 'Show documents' }).selectOption({ label: 'All' });
  assert.deepEqual(app.problems, []);
});
