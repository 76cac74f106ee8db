// Clean-up (issue 9), in the real app, on the two real copies of the wire story:
// offered when a text needs it, previewed change by change, applied as one
// undoable step that keeps every annotation on its words and the original text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { sharedApp, articleText, codePointSlice, exportJson, ROOT, selectText } from './harness.mjs';

const app = sharedApp({ before, after });
const seed = (name) => readFile(`${ROOT}/tests/fixtures/seeds/${name}`, 'utf8');

async function load(text) {
  const { page } = app;
  await page.getByRole('textbox', { name: 'Article text' }).fill(text);
  await page.getByRole('button', { name: 'Load text' }).click();
  await page.getByRole('article', { name: 'Article' }).waitFor();
}

async function tag(text, label) {
  await selectText(app.page, text);
  await app.page.getByRole('toolbar', { name: 'Tagging' }).getByRole('button', { name: label, exact: true }).click();
}

test('a hard-wrapped story is offered clean-up, previewed, applied and undone', async () => {
  const { page } = app;
  const wrapped = await seed('000_20bfa71c295678a8.txt');
  await load(wrapped);
  // Offered, never done silently.
  await page.getByRole('status').filter({ hasText: 'hard-wrapped' }).waitFor();
  assert.equal(await articleText(page), wrapped);
  // A quote across a line break, tagged before cleaning.
  await tag('determine how the Coalition\'s military mission will evolve', 'Quote');
  await page.getByRole('button', { name: 'Review the clean-up' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clean up the text' });
  await dialog.getByText(/^Joins \d+ broken lines/).waitFor();
  // The preview shows the joined text as it will read.
  await dialog.getByRole('button', { name: 'Result' }).click();
  const result = await dialog.getByLabel('Text after clean-up').textContent();
  assert.ok(result.includes('Washington and Baghdad will begin discussions expected to lead to a timeline to reduce the presence of troops'), result.slice(0, 400));
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('status').filter({ hasText: 'every annotation kept its words' }).waitFor();
  const cleaned = await articleText(page);
  assert.ok(!cleaned.includes('Washington\nand Baghdad'));
  // No line break inside a sentence is left: below the caption line, each line
  // of running text ends one.
  for (const line of cleaned.split('\n').slice(1).filter((l) => l.split(' ').length > 8)) {
    assert.match(line, /[.!?"”')]$/, line);
  }
  const { json } = await exportJson(page);
  const quote = json.annotations.find((a) => a.label === 'quote');
  assert.equal(quote.text, 'determine how the Coalition\'s military mission will evolve');
  assert.equal(codePointSlice(json.document.text, quote.start, quote.end), quote.text);
  // What was changed can be checked: the original text and the edits that make the text.
  assert.equal(json.document.original.text, wrapped);
  let replayed = Array.from(json.document.original.text);
  for (const edit of [...json.document.original.edits].reverse()) {
    replayed.splice(edit.start, edit.end - edit.start, ...Array.from(edit.text));
  }
  assert.equal(replayed.join(''), json.document.text);
  // One step back: the wrapped text, the quote on its words.
  await page.keyboard.press('Control+z');
  await page.waitForFunction((text) => document.querySelector('[aria-label="Article"]').textContent === text, wrapped);
  assert.equal(await page.locator('[aria-label="Article"] mark').first().textContent(), 'determine how the Coalition\'s military mission will evolve');
  assert.deepEqual(app.problems, []);
});

test('a web page\'s chrome is removed change by change, with cuts by hand and a warning for what would go', async () => {
  const { page } = app;
  const pageText = await seed('004_ef4a60158f06bac0.txt');
  await load(pageText);
  await page.getByRole('status').filter({ hasText: 'site chrome' }).waitFor();
  // A tag inside the chrome: the preview must say it would go.
  await tag('IRAQ WARS', 'Claim');
  await page.getByRole('button', { name: 'Clean up…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clean up the text' });
  const alert = dialog.getByRole('alert');
  await alert.filter({ hasText: 'Apply would remove 1 annotation' }).waitFor();
  assert.ok((await alert.textContent()).includes('IRAQ WARS'));
  // Keep the section labels: the warning goes.
  const labels = dialog.getByRole('checkbox', { name: /^Remove site or section label/ });
  for (const box of await labels.all()) await box.uncheck();
  await alert.waitFor({ state: 'detached' });
  // Cut the dateline by hand in the preview.
  await selectText(page, 'Baghdad (AFP) Jan 25, 2024', 0, '.cleanup-text');
  await dialog.getByRole('button', { name: 'Cut selection' }).click();
  await dialog.getByRole('button', { name: 'Restore “Baghdad (AFP) Jan 25, 2024”' }).waitFor();
  await dialog.getByRole('button', { name: 'Result' }).click();
  const result = await dialog.getByLabel('Text after clean-up').textContent();
  assert.ok(result.startsWith('Energy News\nIRAQ WARS\nWashington, Baghdad to discuss future of foreign troops in Iraq\n'), result.slice(0, 200));
  assert.ok(!result.includes('Baghdad (AFP) Jan 25, 2024'));
  assert.ok(!result.includes('Related Links'));
  assert.ok(!result.includes('GDPR'));
  assert.ok(result.includes('The United States and Iraq said Thursday they will begin discussions'));
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('status').filter({ hasText: 'Cleaned up' }).waitFor();
  assert.equal(await articleText(page), result);
  assert.equal(await page.locator('[aria-label="Article"] mark').textContent(), 'IRAQ WARS');
  // Cancel changes nothing.
  await page.getByRole('button', { name: 'Clean up…' }).click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await articleText(page), result);
  assert.deepEqual(app.problems, []);
});

test('the clean-up preview works from the keyboard alone', async () => {
  const { page } = app;
  await load('Site Name\nA line that is cut by the keyboard. And the story goes on here in a sentence long enough to count as running text for sure.');
  await page.getByRole('button', { name: 'Clean up…' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Clean up the text' });
  await dialog.getByRole('button', { name: 'Apply' }).waitFor();
  // The preview takes the focus with Tab; Shift+arrows select, Delete cuts.
  const preview = dialog.getByLabel('Text with the changes marked');
  await preview.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 'Site Name\n'.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Delete');
  await dialog.getByRole('button', { name: /^Restore “Site Name/ }).waitFor();
  // Escape is Cancel.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.ok((await articleText(page)).startsWith('Site Name\n'));
  assert.deepEqual(app.problems, []);
});
