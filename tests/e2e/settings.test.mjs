// The label schema settings: rename, add, recolour, hotkeys and fields, refused
// edits, undo/redo of schema edits, and the schema saved, used and exported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  sharedApp, selectText, articleText, waitSaved, exportJson, eventually,
} from './harness.mjs';

const TEXT = 'Unemployment fell to 3.9 percent in May, the ministry said.';

const app = sharedApp({ before, after });
const settings = () => app.page.getByRole('region', { name: 'Labels' });
const card = (name) => settings().getByRole('listitem').filter({ has: app.page.getByRole('textbox', { name: `Name of ${name}`, exact: true }) });
const toolbarLabels = () => app.page.getByRole('toolbar', { name: 'Tagging' }).locator('.tag-button').allTextContents();

async function commit(locator, value) {
  await locator.fill(value);
  await locator.press('Enter');
}

test('renaming a label keeps its annotations, everywhere at once', async () => {
  const { page } = app;
  await page.getByRole('textbox', { name: 'Article text' }).fill(TEXT);
  await page.getByRole('button', { name: 'Load text' }).click();
  await eventually(() => articleText(page), TEXT);
  await selectText(page, 'the ministry');
  await page.getByRole('button', { name: 'Source', exact: true }).click();

  await page.getByRole('button', { name: 'Labels…' }).click();
  await commit(settings().getByRole('textbox', { name: 'Name of Source', exact: true }), 'Attributed to');
  await eventually(toolbarLabels, ['Claimc', 'Quoteq', 'Attributed tos', 'Cueu']);
  assert.equal(await page.locator('.entry-label').first().textContent(), 'Attributed to');
  assert.match(await page.locator('.entry').first().textContent(), /the ministry/);
  assert.equal(await card('Attributed to').getByText('1 annotation in the open document').count(), 1);
});

test('adding a label with a colour, a hotkey and a choice field, then tagging with it', async () => {
  const { page } = app;
  await page.getByRole('textbox', { name: 'New label name' }).fill('Statistic');
  await page.getByRole('button', { name: 'Add label' }).click();
  const statistic = card('Statistic');
  await statistic.waitFor();
  // A new label takes the first colour no other label shows.
  assert.equal(await statistic.getByRole('radio', { checked: true }).getAttribute('aria-label'), 'sky');
  await statistic.getByRole('radio', { name: 'red' }).click();
  await eventually(() => statistic.getByRole('radio', { checked: true }).getAttribute('aria-label'), 'red');
  await commit(statistic.getByRole('textbox', { name: 'Hotkey of Statistic' }), 'x');
  await statistic.getByRole('textbox', { name: 'New field of Statistic' }).fill('Unit');
  await statistic.getByRole('combobox', { name: 'Kind of the new field of Statistic' }).selectOption('choice');
  await statistic.getByRole('textbox', { name: 'Options of the new field of Statistic' }).fill('percent\ncount\n\npercent');
  await statistic.getByRole('button', { name: 'Add field' }).click();
  await eventually(() => statistic.getByRole('textbox', { name: 'Options of Unit' }).inputValue(), 'percent\ncount');

  await settings().getByRole('button', { name: 'Done' }).click();
  await selectText(page, '3.9 percent');
  await page.getByRole('article', { name: 'Article' }).press('x');
  const mark = page.locator('mark[data-label="statistic"]');
  await eventually(() => mark.textContent(), '3.9 percent');
  // Drawn in the palette's red, from the rules the app writes for the schema.
  const [markColour, red] = await mark.evaluate((m) => [
    getComputedStyle(m).textDecorationColor,
    getComputedStyle(document.documentElement).getPropertyValue('--red').trim(),
  ]);
  assert.equal(markColour, 'rgb(192, 38, 45)');
  assert.equal(red, '#c0262d');
  const details = page.getByRole('region', { name: 'Details' });
  await details.getByRole('combobox', { name: 'Unit' }).selectOption('percent');

  const { json } = await exportJson(page);
  const label = json.labels.find((l) => l.id === 'statistic');
  assert.deepEqual(label, {
    id: 'statistic', name: 'Statistic', hotkey: 'x', colour: 'red',
    fields: [{ id: 'unit', name: 'Unit', kind: 'choice', options: ['percent', 'count'] }],
  });
  assert.equal(json.labels.find((l) => l.id === 'source').name, 'Attributed to');
  assert.deepEqual(json.annotations.find((a) => a.label === 'statistic').attributes, { unit: 'percent' });
});

test('a refused edit says why and leaves the field as it was', async () => {
  const { page } = app;
  await page.getByRole('button', { name: 'Labels…' }).click();
  const hotkey = card('Statistic').getByRole('textbox', { name: 'Hotkey of Statistic' });
  await commit(hotkey, 'c');
  await page.getByRole('alert').filter({ hasText: 'Not changed: the key c tags Claim already.' }).waitFor();
  assert.equal(await hotkey.inputValue(), 'x');
  await commit(card('Claim').getByRole('textbox', { name: 'Name of Claim' }), 'statistic');
  await page.getByRole('alert').filter({ hasText: 'there is a label “statistic” already' }).waitFor();
  assert.equal(await card('Claim').getByRole('textbox', { name: 'Name of Claim' }).inputValue(), 'Claim');
});

test('schema edits undo and redo while the settings are open, and survive a reload', async () => {
  const { page } = app;
  const undo = page.getByRole('button', { name: 'Undo' });
  // Remove Cue (after confirming), move Claim down, then undo both.
  await card('Cue').getByRole('button', { name: 'Remove Cue' }).click();
  await card('Cue').getByRole('button', { name: 'Remove label' }).click();
  await card('Claim').getByRole('button', { name: 'Move Claim down' }).click();
  await eventually(toolbarLabels, ['Quoteq', 'Claimc', 'Attributed tos', 'Statisticx']);
  await settings().getByRole('heading', { name: 'Labels' }).click();
  await page.keyboard.press('Control+z');
  await eventually(toolbarLabels, ['Claimc', 'Quoteq', 'Attributed tos', 'Statisticx']);
  await undo.click();
  await eventually(toolbarLabels, ['Claimc', 'Quoteq', 'Attributed tos', 'Cueu', 'Statisticx']);
  await page.keyboard.press('Control+Shift+z');
  await eventually(toolbarLabels, ['Claimc', 'Quoteq', 'Attributed tos', 'Statisticx']);
  await undo.click();
  // With the settings closed, undo is the document's again: it untags the statistic's unit.
  await settings().getByRole('button', { name: 'Done' }).click();
  await undo.click();
  const { json } = await exportJson(page);
  assert.equal(json.annotations.find((a) => a.label === 'statistic').attributes, undefined);
  await page.getByRole('button', { name: 'Redo' }).click();

  await waitSaved(page);
  await page.reload();
  await page.getByRole('article', { name: 'Article' }).waitFor();
  await eventually(toolbarLabels, ['Claimc', 'Quoteq', 'Attributed tos', 'Cueu', 'Statisticx']);
  // The schema's history came back too: the removal of Cue can be redone.
  await page.getByRole('button', { name: 'Labels…' }).click();
  await page.getByRole('button', { name: 'Redo' }).click();
  await eventually(toolbarLabels, ['Claimc', 'Quoteq', 'Attributed tos', 'Statisticx']);
});
