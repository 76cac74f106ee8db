// Phones and narrow windows (issue 11): nothing pushes the page sideways, the
// export buttons are on screen, and the tagging toolbar stays reachable while
// reading a long article.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser, openApp, selectText } from './harness.mjs';

const shared = sharedBrowser({ before, after });

for (const width of [360, 390, 768]) {
  test(`at ${width} px the page fits, exports are on screen and the toolbar stays`, async () => {
    const { page, context, problems } = await openApp(shared.browser, shared.served.url, { viewport: { width, height: 800 } });
    await page.getByRole('button', { name: 'Try a sample article' }).click();
    await page.getByRole('article', { name: 'Article' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width);
    for (const name of ['Export JSON', 'Export as…']) {
      const box = await page.getByRole('button', { name }).boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= width, `${name} at ${box.x}–${box.x + box.width}`);
    }
    // Deep in the article, the labels are still at the top of the screen.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
    const toolbar = await page.getByRole('toolbar', { name: 'Tagging' }).boundingBox();
    assert.ok(toolbar.y >= 0 && toolbar.y < 10, `toolbar at ${toolbar.y}`);
    // And they tag what is selected down there.
    await selectText(page, 'Gaza');
    await page.getByRole('toolbar', { name: 'Tagging' }).getByRole('button', { name: 'Claim', exact: true }).click();
    await page.locator('[aria-label="Article"] mark').waitFor();
    assert.equal(await page.locator('[aria-label="Article"] mark').textContent(), 'Gaza');
    assert.deepEqual(problems, []);
    await context.close();
  });
}
