// The mapping step of an import (issue 12): a file's own labels are listed with
// their span counts; nothing is imported until Import; Content mapped onto
// Quote makes quotes and adds no label; the choice is remembered next time;
// Cancel imports nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sharedApp, fileInput } from './harness.mjs';

const app = sharedApp({ before, after });
const LINE = '{"text":"Officials said the talks failed. Aides said so too.","label":[[0,9,"Speaker"],[15,31,"Content"],[33,37,"Speaker"]]}';
const file = (name) => ({ name, mimeType: 'application/jsonl', buffer: Buffer.from(LINE) });

test('new labels are mapped before anything is imported, and the choice is remembered', async () => {
  const { page } = app;
  // Off by default: imports add new labels as they always did.
  const ask = page.getByRole('checkbox', { name: 'Ask what new labels become' });
  assert.equal(await ask.isChecked(), false);
  await ask.check();
  await fileInput(page, 'Import JSON').setInputFiles(file('parc.jsonl'));
  const dialog = page.getByRole('dialog', { name: 'Labels to map' });
  await dialog.waitFor();
  assert.equal(await page.getByRole('list', { name: 'Documents' }).getByRole('listitem').count(), 0, 'nothing imported yet');
  const content = dialog.getByRole('combobox', { name: 'Content becomes' });
  const speaker = dialog.getByRole('combobox', { name: 'Speaker becomes' });
  assert.match(await dialog.getByRole('row', { name: /Speaker/ }).textContent(), /2 spans/);
  await content.selectOption({ label: 'Quote (ours)' });
  await speaker.selectOption({ label: 'Source (ours)' });
  await dialog.getByRole('button', { name: 'Import' }).click();
  await page.getByRole('article', { name: 'Article' }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[aria-label="Article"] mark').length === 3);
  const labels = await page.locator('[aria-label="Article"] mark').evaluateAll((marks) => marks.map((m) => m.dataset.label));
  assert.deepEqual(labels, ['source', 'quote', 'source']);
  // No Content or Speaker label was added to the schema.
  const buttons = await page.getByRole('toolbar', { name: 'Tagging' }).locator('.tag-button').allTextContents();
  assert.ok(buttons.every((b) => !/Content|Speaker/.test(b)), buttons.join(' | '));

  // Next time the same labels come in, the choices are already made.
  await fileInput(page, 'Import JSON').setInputFiles(file('again.jsonl'));
  await dialog.waitFor();
  assert.equal(await dialog.getByRole('combobox', { name: 'Content becomes' }).inputValue(), 'quote');
  assert.equal(await dialog.getByRole('combobox', { name: 'Speaker becomes' }).inputValue(), 'source');
  // Cancel: nothing is imported.
  const documents = await page.getByRole('list', { name: 'Documents' }).getByRole('listitem').count();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('Nothing was imported.').waitFor();
  assert.equal(await page.getByRole('list', { name: 'Documents' }).getByRole('listitem').count(), documents);
  assert.deepEqual(app.problems, []);
});
