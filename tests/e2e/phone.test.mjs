// Phones and narrow windows (issue 11): nothing pushes the page sideways, the
// export buttons are on screen, and the tagging toolbar stays reachable while
// reading a long article. 640 × 400 is a 1280 × 800 window at 200 % zoom.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser, openApp, selectText } from './harness.mjs';

const shared = sharedBrowser({ before, after });

for (const [width, height] of [[360, 800], [390, 844], [640, 400], [768, 1024]]) {
  test(`at ${width}×${height} the page fits, exports are on screen and the toolbar stays`, async () => {
    const { page, context, problems } = await openApp(shared.browser, shared.served.url, { viewport: { width, height } });
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

test('on a phone, Details and Annotations are tabs below the article, and a tap on a label tags the selection', async () => {
  const { page, context, problems } = await openApp(shared.browser, shared.served.url, { viewport: { width: 390, height: 844 }, hasTouch: true });
  await page.getByRole('button', { name: 'Try a sample article' }).tap();
  await page.getByRole('article', { name: 'Article' }).waitFor();
  await selectText(page, 'Baghdad');
  await page.getByRole('toolbar', { name: 'Tagging' }).getByRole('button', { name: 'Source', exact: true }).tap();
  await page.locator('[aria-label="Article"] mark').first().tap();
  const tabs = page.getByRole('tablist', { name: 'Panels' });
  assert.equal(await tabs.getByRole('tab', { name: 'Details' }).getAttribute('aria-selected'), 'true');
  // Scrolled there first and let settle: a tap right after a programmatic
  // scroll is hit-tested at the old position (a quirk of emulated touch).
  await tabs.getByRole('tab', { name: 'Annotations' }).scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await tabs.getByRole('tab', { name: 'Annotations' }).tap();
  await page.getByRole('tabpanel', { name: 'Annotations' }).getByRole('list', { name: 'Annotations' }).getByRole('button', { name: /Baghdad/ }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);
  assert.deepEqual(problems, []);
  await context.close();
});
