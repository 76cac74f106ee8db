// Who said what: linking quotes and claims to sources (by mouse and by keyboard),
// details, undo/redo of all of it, reload, and the exported relations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  sharedApp, selectText, clickText, articleText, waitSaved, exportJson, eventually,
} from './harness.mjs';

const TEXT = 'Lloyd Austin said the attacks "need to stop", a senior US defence official added.\n'
  + "Iraq's foreign ministry said talks would begin.";

const app = sharedApp({ before, after });

const article = () => app.page.getByRole('article', { name: 'Article' });
const details = () => app.page.getByRole('region', { name: 'Details' });

async function tag(needle, label, occurrence = 0) {
  await selectText(app.page, needle, occurrence);
  await app.page.getByRole('button', { name: label, exact: true }).click();
}

/// Every link as "from -> to (via cue)", read from an export.
async function exportedLinks() {
  const { json } = await exportJson(app.page);
  const text = new Map(json.annotations.map((a) => [a.id, a.text]));
  return json.relations.map((r) => `${text.get(r.from)} -> ${text.get(r.to)}${r.cue ? ` via ${text.get(r.cue)}` : ''}`);
}

test('tagging the cast of a story, with the cue label', async () => {
  const { page } = app;
  await page.getByRole('textbox', { name: 'Article text' }).fill(TEXT);
  await page.getByRole('button', { name: 'Load text' }).click();
  await eventually(() => articleText(page), TEXT);
  await tag('Lloyd Austin', 'Source');
  await tag('said', 'Cue');
  await tag('"need to stop"', 'Quote');
  await tag('a senior US defence official', 'Source');
  await tag("Iraq's foreign ministry", 'Source');
  await tag('talks would begin', 'Claim');
  assert.equal(await page.locator('mark[data-label="cue"]').textContent(), 'said');
});

test('link a quote to its source with the mouse, through a cue', async () => {
  const { page } = app;
  await clickText(page, 'need to stop');
  await details().getByRole('button', { name: 'Link to a source' }).click();
  await details().getByRole('status').waitFor();
  await clickText(page, 'said'); // the cue first…
  await eventually(() => details().getByRole('status').textContent(), /Cue: “said”/);
  await clickText(page, 'Lloyd Austin'); // …then the source
  const attributed = details().getByRole('list', { name: 'Attributed to' });
  await eventually(() => attributed.textContent(), /Source “Lloyd Austin” — via “said”/);
  assert.deepEqual(await exportedLinks(), ['"need to stop" -> Lloyd Austin via said']);
});

test('link a claim to its source with the keyboard only', async () => {
  const { page } = app;
  await article().focus();
  await page.keyboard.press('Escape');
  for (let i = 0; i < 6; i++) await page.keyboard.press('n'); // to the last annotation: the claim
  await eventually(() => page.locator('mark.selected').textContent(), 'talks would begin');
  await page.keyboard.press('l');
  await page.keyboard.press('p'); // the source before it
  await eventually(() => page.locator('mark.selected').textContent(), "Iraq's foreign ministry");
  await page.keyboard.press('Enter');
  await eventually(() => page.locator('mark.selected').textContent(), 'talks would begin');
  assert.deepEqual(await exportedLinks(), [
    '"need to stop" -> Lloyd Austin via said',
    "talks would begin -> Iraq's foreign ministry",
  ]);
});

test('hovering a source shows what is attributed to it', async () => {
  const { page } = app;
  await page.keyboard.press('Escape');
  await page.locator('mark[data-label="source"]', { hasText: 'Lloyd Austin' }).hover();
  await eventually(() => page.locator('mark.linked').evaluateAll((els) => els.map((e) => e.textContent).sort()), ['"need to stop"', 'said']);
  await page.mouse.move(1, 1);
});

test('details: fields from the label schema and a note', async () => {
  const { page } = app;
  await clickText(page, 'need to stop');
  await details().getByRole('combobox', { name: 'Kind' }).selectOption('direct');
  await details().getByRole('textbox', { name: 'Language' }).fill('en');
  await details().getByRole('textbox', { name: 'Language' }).press('Tab');
  await details().getByRole('textbox', { name: 'Note' }).fill('Check against the Pentagon transcript.');
  await details().getByRole('textbox', { name: 'Note' }).press('Tab');
  const { json } = await exportJson(page);
  const quote = json.annotations.find((a) => a.label === 'quote');
  assert.deepEqual(quote.attributes, { kind: 'direct', language: 'en' });
  assert.equal(quote.note, 'Check against the Pentagon transcript.');
  // A source's name defaults to its text.
  await clickText(page, 'Lloyd Austin');
  assert.equal(await details().getByRole('textbox', { name: 'Referred to as' }).getAttribute('placeholder'), 'Lloyd Austin');
});

test('undo and redo the lot, and a reload keeps it all', async () => {
  const { page } = app;
  const { body: full } = await exportJson(page);
  await article().focus();
  // Six tags, two links, three detail edits: undo all eleven steps.
  for (let i = 0; i < 11; i++) await page.keyboard.press('Control+z');
  assert.equal(await page.locator('[aria-label="Article"] mark').count(), 0);
  assert.ok(await page.getByRole('button', { name: 'Undo' }).isDisabled());
  for (let i = 0; i < 11; i++) await page.keyboard.press('Control+Shift+z');
  const { body: redone } = await exportJson(page);
  assert.equal(redone, full);
  await waitSaved(page);
  await page.reload();
  await article().waitFor();
  const { body: reloaded } = await exportJson(page);
  assert.equal(reloaded, full);
  // The Details panel shows what was stored, in every kind of field.
  await clickText(page, '"need to stop"');
  assert.equal(await details().getByRole('textbox', { name: 'Language' }).inputValue(), 'en');
  assert.equal(await details().getByRole('combobox', { name: 'Kind' }).inputValue(), 'direct');
  assert.equal(await details().getByRole('textbox', { name: 'Note' }).inputValue(), 'Check against the Pentagon transcript.');
});

test('deleting a source takes its links along, and undo brings them back', async () => {
  const { page } = app;
  await clickText(page, 'Lloyd Austin');
  await article().press('Delete');
  await page.getByRole('status').filter({ hasText: 'Deleted the source and its 1 link' }).waitFor();
  assert.deepEqual(await exportedLinks(), ["talks would begin -> Iraq's foreign ministry"]);
  await page.keyboard.press('Control+z');
  assert.deepEqual(await exportedLinks(), [
    '"need to stop" -> Lloyd Austin via said',
    "talks would begin -> Iraq's foreign ministry",
  ]);
});

test('relabel by key and resize by Shift+arrows', async () => {
  const { page } = app;
  await clickText(page, 'talks would begin');
  await article().press('q'); // no text selected: the selected annotation becomes a quote
  await eventually(() => page.locator('mark.selected').getAttribute('data-label'), 'quote');
  await article().press('Shift+ArrowRight'); // end one character later: "talks would begin."
  await article().press('Alt+Shift+ArrowRight'); // start one later: "alks would begin."
  await eventually(() => page.locator('mark.selected').textContent(), 'alks would begin.');
  // The link followed the annotation through both changes.
  assert.deepEqual((await exportedLinks())[1], "alks would begin. -> Iraq's foreign ministry");
});

test('no request left the origin and nothing threw', () => {
  assert.deepEqual(app.problems, []);
});
