// Samples the CPU while importing the benchmark document and tagging once, and
// prints the functions with the most self time. Build with names kept first:
//   scripts/profile-build   (writes dist/ without wasm-opt, with debug names)
import { serveDist, launch, openApp, startImport, waitForMarks } from '../tests/e2e/harness.mjs';
import { generateArticle, generateExport } from './generate.mjs';

const served = await serveDist();
const browser = await launch();
const { page } = await openApp(browser, served.url);
const text = generateArticle();
const { json, gaps } = generateExport(text);
const client = await page.context().newCDPSession(page);
await client.send('Profiler.enable');
await client.send('Profiler.setSamplingInterval', { interval: 50 });

async function profile(label, action) {
  await client.send('Profiler.start');
  const t0 = Date.now();
  await action();
  const elapsed = Date.now() - t0;
  const { profile } = await client.send('Profiler.stop');
  const byName = new Map();
  const interval = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const node of profile.nodes) {
    const name = node.callFrame.functionName || `(${node.callFrame.url.split('/').pop() || 'native'})`;
    byName.set(name, (byName.get(name) ?? 0) + (counts.get(node.id) ?? 0) * interval);
  }
  // Inclusive time of the app's own functions: self time plus everything they call.
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const inclusive = new Map();
  const total = (node) => {
    let sum = (counts.get(node.id) ?? 0) * interval;
    for (const child of node.children ?? []) sum += total(nodes.get(child));
    const name = node.callFrame.functionName;
    if (/marginalia|yew::|Reducible|reduce/.test(name)) {
      const short = name.replace(/::h[0-9a-f]{16}$/, '').slice(0, 150);
      inclusive.set(short, (inclusive.get(short) ?? 0) + sum);
    }
    return sum;
  };
  total(profile.nodes[0]);
  console.log(`\n== ${label}: ${elapsed} ms wall; inclusive time of app functions:`);
  for (const [name, time] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${time.toFixed(1).padStart(8)} ms  ${name}`);
  }
  console.log(`-- self time:`);
  for (const [name, time] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${time.toFixed(1).padStart(8)} ms  ${name.slice(0, 140)}`);
  }
}

await profile('import 1M chars + 5,000 annotations', async () => {
  await startImport(page, json, 'bench.json');
  await waitForMarks(page, 5000);
});

await profile('tag once, until painted', async () => {
  const gap = gaps[100];
  await page.evaluate(([start]) => {
    const article = document.querySelector('[aria-label="Article"]');
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    let node = walker.nextNode();
    for (let seen = 0; node; node = walker.nextNode()) { if (seen + node.length > start + 20) break; seen += node.length; }
    const range = document.createRange();
    range.setStart(node, 0); range.setEnd(node, Math.min(node.length, 5));
    getSelection().removeAllRanges(); getSelection().addRange(range);
  }, gap);
  await page.evaluate(async () => {
    const before = document.querySelectorAll('mark').length;
    document.querySelector('button[aria-label="Claim"]').click();
    while (document.querySelectorAll('mark').length <= before) await new Promise((r) => requestAnimationFrame(r));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  });
});
await browser.close();
served.server.close();
