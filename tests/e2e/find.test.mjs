// Keyboard-only tagging (issue 11): Find in article with `/`, `]` to the end of
// the quotation, a label key — a quote from the middle of the web page copy of
// the story tagged, linked and exported, keys counted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { sharedApp, exportJson, ROOT } from './harness.mjs';

const app = sharedApp({ before, after });

test('a quote in the middle of 004 is found, tagged, linked and exported from the keyboard', async () => {
  const { page } = app;
  const text = await readFile(`${ROOT}/tests/fixtures/seeds/004_ef4a60158f06bac0.txt`, 'utf8');
  await page.getByRole('textbox', { name: 'Article text' }).fill(text);
  await page.getByRole('button', { name: 'Load text' }).click();
  const article = page.getByRole('article', { name: 'Article' });
  await article.waitFor();
  await article.focus();
  let keys = 0;
  const press = async (key) => { keys += 1; await page.keyboard.press(key); };
  const type = async (words) => { for (const c of words) await press(c === ' ' ? 'Space' : c); };

  // The source: `/`, its name, Escape, one Shift+Left off the comma, `s`.
  await press('/');
  await type('albares,');
  await press('Escape');
  await page.keyboard.press('Shift+ArrowLeft'); keys += 1; // drop the comma
  await press('s');
  // The quote: `/`, its first words, Escape, `]` to the closing quotation mark, `q`.
  const before = keys;
  await press('/');
  await type('"we are ext');
  await press('Escape');
  await press('.');
  await press('q');
  const quoteKeys = keys - before;
  // Link it: `l`, step to the source (after the quote) with `n`, Enter.
  await press('l');
  await press('n');
  await press('Enter');
  const { json } = await exportJson(page);
  const quote = json.annotations.find((a) => a.label === 'quote');
  const source = json.annotations.find((a) => a.label === 'source');
  assert.equal(quote.text, '"We are extremely worried by the constant attacks against international military bases,"');
  assert.equal(source.text, 'Albares');
  assert.deepEqual(json.relations.map((r) => [r.from, r.to]), [[quote.id, source.id]]);
  console.log(`keys: ${quoteKeys} to find and tag the quote, ${keys} for source, quote and link`);
  assert.ok(quoteKeys < 20, `${quoteKeys} keys`);
  assert.deepEqual(app.problems, []);
});
