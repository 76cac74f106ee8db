// Records a Chromium timeline trace around one Claim press on the benchmark
// document and prints where the browser spent its time (style, layout, paint…).
import { serveDist, launch, openApp, startImport, waitForMarks } from '../tests/e2e/harness.mjs';
import { generateArticle, generateExport } from './generate.mjs';

const served = await serveDist();
const browser = await launch();
const { page } = await openApp(browser, served.url);
const text = generateArticle();
const { json, gaps } = generateExport(text);
await startImport(page, json, 'bench.json');
await waitForMarks(page, 5000);
await page.waitForTimeout(500);
const client = await page.context().newCDPSession(page);
const events = [];
client.on('Tracing.dataCollected', ({ value }) => events.push(...value));
const done = new Promise((resolve) => client.once('Tracing.tracingComplete', resolve));
await page.evaluate(() => {
  const article = document.querySelector('[aria-label="Article"]');
  const node = article.querySelectorAll('.block')[40].lastChild;
  const range = document.createRange();
  range.setStart(node, 0);
  range.setEnd(node, Math.min(4, node.length));
  getSelection().removeAllRanges();
  getSelection().addRange(range);
});
await client.send('Tracing.start', { categories: 'devtools.timeline,blink,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
await page.evaluate(async () => {
  const before = document.querySelectorAll('mark').length;
  document.querySelector('button[aria-label="Claim"]').click();
  while (document.querySelectorAll('mark').length <= before) await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
});
await client.send('Tracing.end');
await done;
const totals = new Map();
for (const event of events) {
  if (event.ph !== 'X' || !event.dur) continue;
  const key = event.name;
  totals.set(key, (totals.get(key) ?? 0) + event.dur / 1000);
}
for (const [name, time] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`${time.toFixed(1).padStart(8)} ms  ${name}`);
}
for (const event of events.filter((e) => e.name === 'UpdateLayoutTree' || e.name === 'Layout').slice(0, 10)) {
  console.log(event.name, (event.dur / 1000).toFixed(1), JSON.stringify(event.args?.beginData ?? event.args?.elementCount ?? event.args).slice(0, 200));
}
await browser.close();
served.server.close();
