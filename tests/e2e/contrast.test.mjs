// WCAG 2.2 AA contrast for every label colour (issue 11): each of the palette's
// eight colours on a highlight, selected and not, in the article and the list,
// light and dark, checked by axe-core's color-contrast rule.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { sharedBrowser, openApp, selectText, ROOT } from './harness.mjs';

const AXE = await readFile(`${ROOT}/node_modules/axe-core/axe.min.js`, 'utf8');
const PALETTE = ['blue', 'orange', 'purple', 'green', 'sky', 'red', 'yellow', 'grey'];
const shared = sharedBrowser({ before, after });

async function contrastProblems(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const result = await page.evaluate(() => axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } }));
  return result.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.any.map((a) => a.message).join(' ')}`));
}

for (const colorScheme of ['light', 'dark']) {
  test(`every label colour keeps AA contrast, selected or not (${colorScheme})`, async () => {
    const { page, context, problems } = await openApp(shared.browser, shared.served.url, { colorScheme });
    await page.getByRole('textbox', { name: 'Article text' }).fill('Prices rose sharply this year. Wages did not follow at all.');
    await page.getByRole('button', { name: 'Load text' }).click();
    for (const text of ['Prices rose sharply', 'Wages did not follow']) {
      await selectText(page, text);
      await page.getByRole('toolbar', { name: 'Tagging' }).getByRole('button', { name: 'Claim', exact: true }).click();
    }
    const found = [];
    for (const colour of PALETTE) {
      await page.getByRole('button', { name: 'Labels…' }).click();
      await page.getByRole('radiogroup', { name: 'Colour of Claim' }).getByRole('radio', { name: colour }).click();
      await page.keyboard.press('Escape');
      await page.getByRole('article', { name: 'Article' }).waitFor();
      await page.locator('mark[data-label="claim"]').first().click();
      await page.waitForTimeout(100);
      for (const problem of await contrastProblems(page)) found.push(`${colour}: ${problem}`);
    }
    assert.deepEqual(found, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
