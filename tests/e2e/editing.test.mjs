// Precise editing by pointer: word snapping (and turning it off), dragging an
// annotation's edges, the chooser for overlapping highlights, and the Annotations
// list grouped by source or filtered to what is not attributed yet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  sharedApp, selectText, articleText, exportJson, eventually, waitSaved, clickText,
} from './harness.mjs';

// Arabic and an emoji before the words, so UTF-16 and code points differ.
const TEXT = 'مرحبا 😀 The foreign ministry said talks would begin soon, officials added.';

const app = sharedApp({ before, after });
const article = () => app.page.getByRole('article', { name: 'Article' });
const details = () => app.page.getByRole('region', { name: 'Details' });
const list = () => app.page.getByRole('list', { name: 'Annotations' });

async function tag(needle, label) {
  await selectText(app.page, needle);
  await app.page.getByRole('button', { name: label, exact: true }).click();
}

/// The exported annotations as "label:text", in document order.
async function exported() {
  const { json } = await exportJson(app.page);
  return json.annotations.map((a) => `${a.label}:${a.text}`);
}

/// The centre of the `index`th character of the first `needle` in the article
/// (which may run across highlights).
async function pointAt(needle, index) {
  return app.page.evaluate(([needle, index]) => {
    const article = document.querySelector('[aria-label="Article"]');
    let target = article.textContent.indexOf(needle);
    if (target < 0) throw new Error(`"${needle}" is not in the article`);
    target += index;
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (target < node.length) {
        const range = document.createRange();
        range.setStart(node, target);
        range.setEnd(node, target + 1);
        const rect = range.getBoundingClientRect();
        return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
      }
      target -= node.length;
    }
    throw new Error('beyond the text');
  }, [needle, index]);
}

async function drag(handle, to) {
  const box = await handle.boundingBox();
  const { mouse } = app.page;
  await mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await mouse.down();
  await mouse.move(to.x, to.y, { steps: 4 });
  await mouse.up();
}

test('new spans snap to whole words, unless that is turned off', async () => {
  const { page } = app;
  await page.getByRole('textbox', { name: 'Article text' }).fill(TEXT);
  await page.getByRole('button', { name: 'Load text' }).click();
  await eventually(() => articleText(page), TEXT);
  const snap = page.getByRole('checkbox', { name: 'Whole words' });
  assert.ok(await snap.isChecked());
  // A sloppy selection from inside "foreign" to inside "said".
  await tag('reign ministry sa', 'Source');
  assert.deepEqual(await exported(), ['source:foreign ministry said']);
  // Arabic words snap too.
  await tag('حب', 'Cue');
  assert.deepEqual(await exported(), ['cue:مرحبا', 'source:foreign ministry said']);
  await snap.uncheck();
  await tag('alks would', 'Claim');
  assert.deepEqual(await exported(), ['cue:مرحبا', 'source:foreign ministry said', 'claim:alks would']);
  // The choice is remembered.
  await waitSaved(page);
  await page.reload();
  await article().waitFor();
  assert.equal(await page.getByRole('checkbox', { name: 'Whole words' }).isChecked(), false);
  await page.getByRole('checkbox', { name: 'Whole words' }).check();
});

test('dragging the handles of the selected annotation moves its edges', async () => {
  const { page } = app;
  await clickText(page, 'alks would');
  const end = article().locator('[data-handle="end"]');
  const start = article().locator('[data-handle="start"]');
  assert.equal(await end.count(), 1);
  assert.equal(await start.count(), 1);
  // Drop the end inside "begin": with snapping on, it lands after the word.
  await drag(end, await pointAt('begin', 2));
  await eventually(exported, ['cue:مرحبا', 'source:foreign ministry said', 'claim:alks would begin']);
  // Drop the start inside "talks": it lands at the word's start.
  await drag(start, await pointAt('talks', 1));
  await eventually(exported, ['cue:مرحبا', 'source:foreign ministry said', 'claim:talks would begin']);
  // One undo step per drag, and the annotation stays selected.
  await article().focus();
  await page.keyboard.press('Control+z');
  await eventually(exported, ['cue:مرحبا', 'source:foreign ministry said', 'claim:alks would begin']);
  assert.match(await details().locator('.details-text').textContent(), /alks would begin/);
  await page.keyboard.press('Control+Shift+z');
  // The handles add no text: offsets stay exact.
  assert.equal(await articleText(page), TEXT);
});

test('a click on overlapping highlights offers each of them', async () => {
  const { page } = app;
  await tag('ministry', 'Quote');
  await page.keyboard.press('Escape');
  await clickText(page, 'ministry');
  const chooser = page.getByRole('menu', { name: 'Overlapping highlights' });
  await chooser.waitFor();
  const options = await chooser.getByRole('button').allTextContents();
  assert.deepEqual(options, ['Quoteministry', 'Sourceforeign ministry said']);
  // The innermost is selected at once; the chooser picks the other.
  assert.match(await details().locator('.details-text').textContent(), /^ministry$/);
  await chooser.getByRole('button', { name: /Source/ }).click();
  await eventually(() => details().locator('.details-text').textContent(), 'foreign ministry said');
  assert.equal(await chooser.count(), 0);
  // A click on plain text closes it too.
  await clickText(page, 'ministry');
  await chooser.waitFor();
  await clickText(page, 'officials');
  assert.equal(await chooser.count(), 0);
});

test('the list groups by source and filters to unattributed quotes and claims', async () => {
  const { page } = app;
  // Link the claim to the source.
  await clickText(page, 'talks would begin');
  await details().getByRole('button', { name: 'Link to a source' }).click();
  await clickText(page, 'said');
  await details().getByRole('list', { name: 'Attributed to' }).getByRole('listitem').waitFor();
  const rows = () => list().locator('li').evaluateAll((items) => items
    .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
    .map((li) => li.textContent.replace(/Delete$/, '')));
  await page.getByRole('button', { name: 'Group by source' }).click();
  await eventually(rows, [
    'Source · 1 attributedforeign ministry said',
    'Claimtalks would begin',
    'Not attributed · 1',
    'Quoteministry',
  ]);
  await page.getByRole('button', { name: 'Group by source' }).click();
  const filter = page.getByRole('button', { name: /Unattributed only/ });
  assert.match(await filter.textContent(), /1$/);
  await filter.click();
  await eventually(rows, ['Quoteministry']);
  // The total counts annotations, not the rows listed.
  assert.equal(await page.locator('#annotations-heading .total').textContent(), '4');
  // Arrow keys walk what is listed.
  await list().getByRole('button', { name: /ministry/ }).first().click();
  await page.keyboard.press('ArrowDown');
  await eventually(() => details().locator('.details-text').textContent(), 'ministry');
  await filter.click();
  await eventually(() => rows().then((r) => r.length), 4);
});
