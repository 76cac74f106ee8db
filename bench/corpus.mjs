// Imports a corpus of 1,000 articles (5,000 characters, 20 annotations each) as
// one Marginalia JSONL file right after the page opens, and prints how long until
// every document is listed and saved, and the longest main-thread task meanwhile.
//   ./scripts/build && node bench/corpus.mjs [documents]
// A report, not a test: it passes or fails nothing.
import { serveDist, launch, openApp, startImport } from '../tests/e2e/harness.mjs';
import { generateArticle, generateExport } from './generate.mjs';

const count = Number(process.argv[2] ?? 1000);
const lines = [];
for (let i = 0; i < count; i++) {
  const file = JSON.parse(generateExport(generateArticle(5000, 100 + i), 20, 11 + i).json);
  file.document.title = `Article ${i + 1}`;
  lines.push(JSON.stringify(file));
}
const jsonl = lines.join('\n');

const served = await serveDist();
const browser = await launch();
const { page, context } = await openApp(browser, served.url);
await page.evaluate(() => {
  window.longest = 0;
  window.tasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // Tasks before the import began are the benchmark handing the file over.
      if (window.importStarted === undefined || entry.startTime < window.importStarted) continue;
      window.longest = Math.max(window.longest, entry.duration);
      window.tasks.push([Math.round(entry.startTime), Math.round(entry.duration)]);
    }
  }).observe({ type: 'longtask', buffered: false });
});
const started = await startImport(page, jsonl, 'corpus.jsonl');
await page.evaluate((started) => { window.importStarted = started; }, started);
await page.waitForFunction((count) => document.querySelectorAll('[aria-label="Documents"] > li, [aria-label="Documents"] [role="listitem"]').length >= count || document.body.textContent.includes(`Imported ${count} documents`), count, { timeout: 300_000, polling: 100 });
const listed = await page.evaluate(() => performance.now());
await page.getByText('All changes saved').waitFor({ timeout: 300_000 });
const saved = await page.evaluate(() => performance.now());
const longest = await page.evaluate(() => window.longest);
if (process.env.DETAIL) {
  console.log('long tasks [start, ms]:', JSON.stringify(await page.evaluate(() => window.tasks)));
  console.log('marks:', JSON.stringify(await page.evaluate(() => performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]))));
  console.log('import started at', Math.round(started));
}
console.log(`${count} documents (${(jsonl.length / 1e6).toFixed(1)} MB JSONL): listed after ${((listed - started) / 1000).toFixed(2)} s, saved after ${((saved - started) / 1000).toFixed(2)} s (target 5 s), longest task ${longest.toFixed(0)} ms (target: no frame over 100 ms)`);
await page.reload();
await page.getByRole('list', { name: 'Documents' }).waitFor();
// A long list renders the rows in view; each says how many there are.
const after = await page.evaluate(() => Number(document.querySelector('[aria-label="Documents"] > li[aria-setsize]')?.getAttribute('aria-setsize') ?? document.querySelectorAll('[aria-label="Documents"] > li').length));
console.log(`after a reload: ${after} documents listed`);
await context.close();
await browser.close();
served.server.close();
