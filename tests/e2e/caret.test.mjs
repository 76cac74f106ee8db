// Caret browsing in the article (issue 11): Tab in, arrows move a caret you can
// see, Shift extends from it, Home/End and Ctrl+Home/End, and a label key tags
// what was selected, all without the mouse.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sharedApp } from './harness.mjs';

const app = sharedApp({ before, after });
const LINES = [
  'First line of the story.',
  'Second line, where "the quote" sits.',
  'Third line ends it.',
];

/** The caret's box and the selection, in the article's text offsets. */
function state(page) {
  return page.evaluate(() => {
    const article = document.querySelector('[aria-label="Article"]');
    const caret = article.querySelector(':scope > .caret');
    const style = getComputedStyle(caret);
    const box = caret.getBoundingClientRect();
    const selection = getSelection();
    const offset = (node, at) => {
      const range = document.createRange();
      range.setStart(article, 0);
      range.setEnd(node, at);
      return range.toString().length;
    };
    return {
      seen: style.display !== 'none' && style.visibility === 'visible' && box.height > 0,
      height: box.height,
      focus: offset(selection.focusNode, selection.focusOffset),
      anchor: offset(selection.anchorNode, selection.anchorOffset),
      selected: selection.toString(),
    };
  });
}

test('arrows move a visible caret; Shift, Home/End and Ctrl+Home/End select from it; a label key tags', async () => {
  const { page } = app;
  await page.getByRole('textbox', { name: 'Article text' }).fill(LINES.join('\n'));
  await page.getByRole('button', { name: 'Load text' }).click();
  const article = page.getByRole('article', { name: 'Article' });
  await article.waitFor();
  await article.focus();
  await page.keyboard.press('ArrowRight');
  let now = await state(page);
  assert.ok(now.seen, 'the caret is drawn when the article has focus');
  assert.ok(now.height > 10, `the caret is a line high (${now.height}px)`);
  assert.equal(now.focus, 1, 'ArrowRight from the start moves one character');

  await page.keyboard.press('ArrowDown');
  now = await state(page);
  assert.equal(now.focus, LINES[0].length + 1 + 1, 'ArrowDown keeps the column on the next line');

  await page.keyboard.press('End');
  assert.equal((await state(page)).focus, LINES[0].length + 1 + LINES[1].length, 'End: end of the line');
  await page.keyboard.press('Home');
  assert.equal((await state(page)).focus, LINES[0].length + 1, 'Home: start of the line');

  // Select "the quote" from the keyboard: 7 characters on, then Shift+Ctrl+Right twice.
  const quoteAt = LINES[1].indexOf('"the quote"') + 1;
  for (let i = 0; i < quoteAt; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+Control+ArrowRight');
  await page.keyboard.press('Shift+Control+ArrowRight');
  now = await state(page);
  assert.equal(now.selected.trim(), 'the quote');
  assert.ok(!now.seen, 'a range selection is drawn by the browser, not the caret');
  await page.keyboard.press('q');
  await page.waitForFunction(() => document.querySelector('[aria-label="Article"] mark')?.textContent.trim() === 'the quote');

  await page.keyboard.press('Control+End');
  const end = LINES.join('\n').length;
  assert.equal((await state(page)).focus, end, 'Ctrl+End: the end of the text');
  await page.keyboard.press('ArrowDown');
  assert.equal((await state(page)).focus, end, 'the caret never leaves the article');
  await page.keyboard.press('Shift+Control+Home');
  now = await state(page);
  assert.equal(now.focus, 0);
  assert.equal(now.anchor, end);
  await page.keyboard.press('Control+Home');
  now = await state(page);
  assert.equal(now.focus, 0);
  assert.equal(now.selected, '');
  assert.ok(now.seen);

  await page.getByRole('button', { name: 'Load text' }).focus();
  assert.ok(!(await state(page)).seen, 'no caret once the article loses focus');
  assert.deepEqual(app.problems, []);
});
