// Prints what clean-up costs in the browser on a 1 MB hard-wrapped article with
// 5,000 annotations: opening the preview (proposals from the worker, then the
// marked text rendered), switching all line joins off and on, and Apply.
//   ./scripts/build && node bench/cleanup.mjs
// A report, not a test: it passes or fails nothing.
import { readFile } from 'node:fs/promises';
import { serveDist, launch, openApp, startImport, waitForMarks, ROOT } from '../tests/e2e/harness.mjs';

const seed = await readFile(`${ROOT}/tests/fixtures/seeds/000_20bfa71c295678a8.txt`, 'utf8');
const body = seed.slice(seed.indexOf('Washington\n'), seed.lastIndexOf('AFP'));
const text = seed.slice(0, seed.indexOf('Washington\n')) + body.repeat(Math.ceil(1024 * 1024 / body.length));
// 5,000 annotations on words spread over the text, as a native file.
const chars = Array.from(text);
const annotations = [];
const step = Math.floor(chars.length / 5000);
for (let i = 0; i < 5000; i++) {
  let start = i * step;
  while (start < chars.length && !/\p{L}/u.test(chars[start])) start++;
  let end = Math.min(start + 12, chars.length);
  while (end < chars.length && /\p{L}/u.test(chars[end])) end++;
  while (/\s/.test(chars[end - 1])) end--;
  annotations.push({ id: `a${i + 1}`, label: ['quote', 'source', 'claim'][i % 3], start, end, text: chars.slice(start, end).join('') });
}
const json = JSON.stringify({ format: 'marginalia', version: 2, document: { title: 'Long wrapped story', text }, labels: [], annotations, relations: [] });

const served = await serveDist();
const browser = await launch();
const { page } = await openApp(browser, served.url);
await startImport(page, json, 'long.json');
await waitForMarks(page, 1);
const now = () => page.evaluate(() => performance.now());
const frame = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));

// When the proposals leave for the worker and come back, to tell the worker's
// share from the rendering's.
await page.evaluate(() => {
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message?.kind === 'propose') {
      window.proposeSent = performance.now();
      this.addEventListener('message', () => { window.proposeAnswered ??= performance.now(); }, { once: true });
    }
    return post.call(this, message, ...rest);
  };
});
let started = await now();
await page.getByRole('button', { name: 'Clean up…' }).click();
const dialog = page.getByRole('dialog');
await dialog.locator('.change-join').first().waitFor({ timeout: 120000 });
await frame();
const opened = (await now()) - started;
const inWorker = await page.evaluate(() => window.proposeAnswered - window.proposeSent);
const joins = await dialog.locator('.change-join').count();

started = await now();
await dialog.getByRole('checkbox', { name: /^Join lines/ }).uncheck();
await frame();
const toggledOff = (await now()) - started;
started = await now();
await dialog.getByRole('checkbox', { name: /^Join lines/ }).check();
await frame();
const toggledOn = (await now()) - started;

started = await now();
await dialog.getByRole('button', { name: 'Apply' }).click();
await page.getByRole('status').filter({ hasText: 'Cleaned up' }).waitFor({ timeout: 120000 });
await frame();
const applied = (await now()) - started;
const kept = await page.evaluate(() => new Set([...document.querySelectorAll('[aria-label="Article"] mark')].map((m) => m.dataset.id)).size);

console.log(`1 MB wrapped article (${chars.length.toLocaleString('en')} characters), 5,000 annotations:`);
console.log(`  open the preview (${joins.toLocaleString('en')} joins marked): ${opened.toFixed(0)} ms, of which ${inWorker.toFixed(0)} ms finding the proposals in the worker`);
console.log(`  all joins off, then on again: ${toggledOff.toFixed(0)} ms, ${toggledOn.toFixed(0)} ms`);
console.log(`  Apply, until the cleaned article is painted: ${applied.toFixed(0)} ms (${kept.toLocaleString('en')} annotations shown in the rendered part)`);
await browser.close();
served.server.close();
