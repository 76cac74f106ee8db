// How long Suggest takes in the app on a long article (issue 13: 1 MB in under
// 300 ms in the worker): from the click to the suggestions bar, worker start-up
// excluded (a first run warms it), and the worker's part alone (marks). Prints figures; passes or fails nothing.
//   ./scripts/build && node bench/suggest-speed.mjs
import { readFile } from 'node:fs/promises';
import { serveDist, launch, openApp } from '../tests/e2e/harness.mjs';

const story = await readFile(new URL('../tests/fixtures/seeds/004_ef4a60158f06bac0.txt', import.meta.url), 'utf8');
const served = await serveDist();
const browser = await launch();
const { page } = await openApp(browser, served.url);
for (const copies of [1, 12, 115]) {
  const text = Array(copies).fill(story).join('\n\n');
  const close = page.getByRole('button', { name: 'Close suggestions' });
  if (await close.count()) await close.click();
  await page.getByLabel('Open file', { exact: true }).setInputFiles({ name: `story-${copies}.txt`, mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.locator('.document-heading').filter({ hasText: 'Washington' }).waitFor();
  await page.waitForFunction((n) => document.querySelector('[aria-label="Article"]')?.textContent.length >= n, text.length - 10, { timeout: 60000 });
  const times = [];
  const worker = [];
  for (let run = 0; run < 4; run += 1) {
    const close = page.getByRole('button', { name: 'Close suggestions' });
    if (await close.count()) await close.click();
    const started = Date.now();
    await page.getByRole('button', { name: 'Suggest', exact: true }).click();
    await page.getByRole('region', { name: 'Suggestions' }).waitFor();
    times.push(Date.now() - started);
    worker.push(await page.evaluate(() => {
      const [start] = performance.getEntriesByName('marginalia:suggest-start').slice(-1);
      const [found] = performance.getEntriesByName('marginalia:suggest-found').slice(-1);
      return Math.round(found.startTime - start.startTime);
    }));
  }
  const count = await page.locator('.suggestion-count').textContent();
  console.log(`${(text.length / 1024).toFixed(0)} KB: ${count}; click to bar ${times.slice(1).join(', ')} ms (first, with the worker starting: ${times[0]} ms); in the worker, text there and suggestions back: ${worker.slice(1).join(', ')} ms`);
}
await browser.close();
await served.close?.();
process.exit(0);
