// axe-core (from npm) in every main state, light and dark, wide and narrow:
// no violation of WCAG 2.2 A/AA or axe's best practices (issue 11).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { sharedBrowser, openApp, selectText, fileInput, ROOT } from './harness.mjs';

const AXE = await readFile(`${ROOT}/node_modules/axe-core/axe.min.js`, 'utf8');
const shared = sharedBrowser({ before, after });

/// The violations axe finds on the page now, one line each.
async function violations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const result = await page.evaluate(() => axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  return result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function tag(page, text, label) {
  await selectText(page, text);
  await page.getByRole('toolbar', { name: 'Tagging' }).getByRole('button', { name: label, exact: true }).click();
}

for (const [width, colorScheme] of [[1400, 'light'], [1400, 'dark'], [390, 'light'], [390, 'dark']]) {
  test(`no axe violations in the main states, ${width} px, ${colorScheme}`, async () => {
    const { page, context, problems } = await openApp(shared.browser, shared.served.url, { viewport: { width, height: 900 }, colorScheme });
    const found = {};
    const check = async (state) => {
      await page.waitForTimeout(150); // transitions settle
      const list = await violations(page);
      if (list.length) found[state] = list;
    };
    await check('empty');
    await page.getByRole('button', { name: 'Try a sample article' }).click();
    await page.getByRole('article', { name: 'Article' }).waitFor();
    await check('article');
    await tag(page, 'Iraq said Thursday', 'Source');
    await tag(page, 'timeline', 'Quote');
    await page.locator('mark[data-label="quote"]').first().click();
    await check('selection');
    await page.getByRole('button', { name: 'Link to a source' }).click();
    await check('linking');
    await page.keyboard.press('Escape');
    await page.getByRole('article', { name: 'Article' }).focus();
    await page.keyboard.press('/');
    await page.keyboard.type('coalition');
    await check('find in article');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Export as…' }).click();
    await check('export menu');
    await page.keyboard.press('Escape');
    await fileInput(page, 'Import JSON').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":') });
    await page.getByRole('alert').waitFor();
    await check('import message');
    await page.getByRole('button', { name: 'Dismiss message' }).click();
    await page.getByRole('button', { name: 'Labels…' }).click();
    await check('settings');
    await page.keyboard.press('Escape');
    await page.getByRole('article', { name: 'Article' }).focus();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard' }).waitFor();
    await check('keyboard help');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Clean up…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Apply' }).waitFor();
    await check('clean-up preview');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Suggest', exact: true }).click();
    await page.getByRole('region', { name: 'Suggestions' }).getByRole('button', { name: 'Reject' }).waitFor();
    await check('suggestions');
    await page.getByRole('button', { name: 'Close suggestions' }).click();
    assert.deepEqual(found, {});
    assert.deepEqual(problems, []);
    await context.close();
  });
}
