// The right column at 1280×800 (issue 11): Details and Annotations become tabs
// with room each; a highlight picked in the article shows its details; the list
// keeps the selected entry in view after regrouping.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser, openApp, selectText } from './harness.mjs';

const shared = sharedBrowser({ before, after });

async function story(page, sentences) {
  await page.getByRole('textbox', { name: 'Article text' }).fill(sentences.join('\n'));
  await page.getByRole('button', { name: 'Load text' }).click();
  await page.getByRole('article', { name: 'Article' }).waitFor();
}

test('at 1280×800 Details and Annotations are tabs, each with the whole column', async () => {
  const { page, context, problems } = await openApp(shared.browser, shared.served.url, { viewport: { width: 1280, height: 800 } });
  await story(page, ['Lloyd Austin said the attacks "need to stop", officials added.']);
  for (const [text, label] of [['Lloyd Austin', 'Source'], ['said', 'Cue'], ['"need to stop"', 'Quote'], ['officials', 'Source']]) {
    await selectText(page, text);
    await page.getByRole('toolbar', { name: 'Tagging' }).getByRole('button', { name: label, exact: true }).click();
  }
  const tabs = page.getByRole('tablist', { name: 'Panels' });
  const details = tabs.getByRole('tab', { name: 'Details' });
  const annotations = tabs.getByRole('tab', { name: 'Annotations' });
  await page.locator('mark[data-label="quote"]').click();
  assert.equal(await details.getAttribute('aria-selected'), 'true', 'a highlight picked in the article shows its details');
  const link = page.getByRole('button', { name: 'Link to a source' });
  const box = await link.boundingBox();
  assert.ok(box && box.y + box.height <= 800, `"Link to a source" is wholly on screen (bottom at ${box && box.y + box.height})`);

  await annotations.click();
  const panel = page.getByRole('tabpanel', { name: 'Annotations' });
  await panel.waitFor();
  assert.equal(await page.getByRole('button', { name: 'Link to a source' }).count(), 0);
  const entries = await panel.getByRole('list', { name: 'Annotations' }).getByRole('listitem').count();
  assert.equal(entries, 4, 'the list has the column to itself');
  // Keyboard: arrows move between tabs, like every tab list.
  await annotations.focus();
  await page.keyboard.press('ArrowLeft');
  assert.equal(await details.getAttribute('aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-details');
  await page.keyboard.press('End');
  assert.equal(await annotations.getAttribute('aria-selected'), 'true');
  assert.deepEqual(problems, []);
  await context.close();
});

test('wide and tall, Details and the list share the column with no tabs', async () => {
  const { page, context, problems } = await openApp(shared.browser, shared.served.url, { viewport: { width: 1400, height: 900 } });
  await story(page, ['Officials said so.']);
  await selectText(page, 'Officials said so');
  await page.getByRole('toolbar', { name: 'Tagging' }).getByRole('button', { name: 'Claim', exact: true }).click();
  await page.locator('mark').click();
  assert.equal(await page.getByRole('tablist', { name: 'Panels' }).count(), 0);
  await page.getByRole('button', { name: 'Link to a source' }).waitFor();
  await page.getByRole('list', { name: 'Annotations' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('after Group by source the list shows the selected entry, not empty space', async () => {
  const { page, context, problems } = await openApp(shared.browser, shared.served.url, { viewport: { width: 1400, height: 900 } });
  const sentences = Array.from({ length: 60 }, (_, i) => `Speaker${i} said claim number ${i} holds.`);
  await story(page, sentences);
  // Tag many sources, then select one deep in the list.
  for (let i = 0; i < 60; i += 2) {
    await selectText(page, `Speaker${i} `);
    await page.getByRole('toolbar', { name: 'Tagging' }).getByRole('button', { name: 'Source', exact: true }).click();
  }
  await page.locator('mark').nth(25).click();
  const scroller = page.locator('.annotation-scroller');
  await page.getByRole('button', { name: 'Group by source' }).click();
  await page.waitForTimeout(300);
  const visible = await scroller.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const selected = el.querySelector('li.selected');
    const rows = [...el.querySelectorAll('li')].filter((li) => {
      const r = li.getBoundingClientRect();
      return r.bottom > box.top && r.top < box.bottom;
    });
    const s = selected?.getBoundingClientRect();
    return { rows: rows.length, selectedInView: !!s && s.top >= box.top - 1 && s.bottom <= box.bottom + 1 };
  });
  assert.ok(visible.rows > 3, `rows on screen after regrouping: ${visible.rows}`);
  assert.ok(visible.selectedInView, 'the selected entry is in view');
  assert.deepEqual(problems, []);
  await context.close();
});
