// Suggestions (issue 13): Suggest finds quotes, sources and cues in the format
// worker and shows them as a layer; each is accepted or rejected with a key or a
// button, Accept all takes those above a confidence, Undo takes an accept back,
// and only accepted ones reach the export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sharedApp, loadText, exportJson, eventually, selectText } from './harness.mjs';

const app = sharedApp({ before, after });

const TEXT = [
  '“We will stay until the work is done,” the minister said on Monday.',
  '',
  'The port reopened after two weeks, according to the harbour authority.',
  '',
  '“The roads are clear,” said Mark Dunne, a farmer near the coast.',
].join('\n');

const links = (json) => {
  const text = new Map(json.annotations.map((a) => [a.id, a.text]));
  return json.relations.map((r) => `${text.get(r.from)} -> ${text.get(r.to)}${r.cue ? ` via ${text.get(r.cue)}` : ''}`);
};
const current = (page) => page.locator('.suggestion-current .suggestion-text').textContent();
const count = (page) => page.locator('.suggestion-count').textContent();

test('suggest, accept one, reject one, accept all, undo, export', async () => {
  const { page } = app;
  await loadText(page, TEXT);
  await page.getByRole('button', { name: 'Suggest', exact: true }).click();
  const bar = page.getByRole('region', { name: 'Suggestions' });
  await bar.waitFor();
  assert.match(await count(page), /^Suggestion 1 of 9$/);
  assert.equal(await current(page), '“We will stay until the work is done,”');
  // Nothing is in the document until accepted.
  assert.equal((await exportJson(page)).json.annotations.length, 0, 'suggestions stay out of exports');
  // A dashed layer of highlights, not marks.
  assert.equal(await page.evaluate(() => CSS.highlights.get('suggestion')?.size), 9);

  // Accept the whole attribution with Shift+A from the article.
  await page.getByRole('article', { name: 'Article' }).focus();
  await page.keyboard.press('Shift+A');
  await eventually(() => count(page), 'Suggestion 1 of 6');
  let json = (await exportJson(page)).json;
  assert.deepEqual(links(json), ['“We will stay until the work is done,” -> the minister via said']);
  assert.equal(json.annotations.find((a) => a.label === 'quote').fields?.kind ?? json.annotations.find((a) => a.label === 'quote').attributes?.kind, 'direct');

  // Reject the next one (the 'according to' quote) with X: its source and cue go with it.
  assert.equal(await current(page), '“The port reopened after two weeks”');
  await page.getByRole('article', { name: 'Article' }).focus();
  await page.keyboard.press('x');
  await eventually(() => count(page), 'Suggestion 1 of 3');

  // Accept one by its button: the quote alone, no link yet.
  await bar.getByRole('button', { name: 'Accept', exact: true }).click();
  await eventually(() => count(page), 'Suggestion 1 of 2');
  json = (await exportJson(page)).json;
  assert.equal(json.annotations.length, 4);
  assert.equal(json.relations.length, 1);

  // Undo takes that accept back in one step; it is suggested again.
  await page.getByRole('article', { name: 'Article' }).focus();
  await page.keyboard.press('Control+z');
  await eventually(async () => (await exportJson(page)).json.annotations.length, 3);
  await eventually(() => count(page), /of 3$/);

  // Accept all at least 80 % sure: the rest, with their links, in one step.
  await bar.getByRole('spinbutton', { name: 'Lowest confidence to accept' }).fill('80');
  await bar.getByRole('spinbutton', { name: 'Lowest confidence to accept' }).press('Tab');
  await bar.getByRole('button', { name: 'Accept all' }).click();
  await eventually(() => count(page), 'No suggestions left');
  json = (await exportJson(page)).json;
  assert.deepEqual(links(json).sort(), [
    '“The roads are clear,” -> Mark Dunne, a farmer near the coast via said',
    '“We will stay until the work is done,” -> the minister via said',
  ]);
  assert.equal(json.annotations.some((a) => a.text.startsWith('The port')), false, 'the rejected quote was not accepted');

  // Rejected and accepted ones do not come back when Suggest runs again.
  await bar.getByRole('button', { name: 'Close suggestions' }).click();
  await page.getByRole('article', { name: 'Article' }).focus();
  await page.keyboard.press('g');
  await bar.waitFor();
  assert.equal(await count(page), 'No suggestions left');
});

test('cues of one’s own: a Prodigy pattern file, and cues tagged by hand', async () => {
  const { page } = app;
  await loadText(page, '“We will appeal the ruling,” the lawyer grumbled.\n\n“It was a fair trial,” the judge muttered.');
  const bar = page.getByRole('region', { name: 'Suggestions' });
  await page.getByRole('button', { name: 'Suggest', exact: true }).click();
  await bar.waitFor();
  assert.equal(await count(page), 'Suggestion 1 of 2', 'the two quotes alone: neither cue is known');

  await bar.getByText('Cues…').click();
  await bar.getByLabel('Import cue patterns (Prodigy JSONL)…').setInputFiles({
    name: 'cues.jsonl',
    mimeType: 'application/jsonl',
    buffer: Buffer.from('{"label": "CUE", "pattern": [{"lower": "grumbled"}]}\n{"label": "ORG", "pattern": "Reuters"}\n'),
  });
  await page.getByText('cues.jsonl: 1 new cue phrase for suggestions (1 patterns of other labels and 0 we cannot use were left out).').waitFor();
  await page.getByRole('button', { name: 'Suggest', exact: true }).click();
  await eventually(() => count(page), 'Suggestion 1 of 4');

  // A cue tagged by hand joins the user's cues.
  await bar.getByRole('button', { name: 'Close suggestions' }).click();
  await selectText(page, 'muttered');
  await page.getByRole('toolbar', { name: 'Tagging' }).getByRole('button', { name: 'Cue', exact: true }).click();
  await page.getByRole('button', { name: 'Suggest', exact: true }).click();
  await bar.getByText('Cues…').click();
  await bar.getByRole('button', { name: 'Add the cues tagged here to my cues' }).click();
  await page.getByText('1 cue tagged here was added to your cues.').waitFor();
  await page.getByRole('button', { name: 'Suggest', exact: true }).click();
  // Both quotes, the lawyer and the judge, and the one cue not yet tagged.
  await eventually(() => count(page), 'Suggestion 1 of 5');
  assert.match(await page.evaluate(() => localStorage.getItem('marginalia.cues')), /^grumbled\nmuttered$/);
});
