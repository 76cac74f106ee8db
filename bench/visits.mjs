// Prints what a first and a repeat visit cost, served from a sub-path with the
// service worker: bytes fetched from the network, navigation to interactive (the
// Load text button usable), and an import right after the page opens (navigation
// start to highlights shown), for 50 KB / 200 annotations and 1 MB / 5,000.
//   ./scripts/build && node bench/visits.mjs
// A report, not a test: it passes or fails nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, serveDist, startImport, waitForMarks } from '../tests/e2e/harness.mjs';
import { generateArticle, generateExport } from './generate.mjs';

const served = await serveDist();
const imports = {
  '50 KB / 200 annotations': generateExport(generateArticle(50_000), 200, 11).json,
  '1 MB / 5,000 annotations': generateExport(generateArticle(1_000_000), 5000, 11).json,
};

async function visit(context, label, importJson) {
  const page = await context.newPage();
  const before = served.bytes;
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Load text' }).waitFor();
  const interactive = await page.evaluate(() => performance.now());
  // The app's own marks (src/ui/mod.rs): WebAssembly running, library read.
  const marks = await page.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
  );
  let imported = null;
  if (importJson) {
    await startImport(page, importJson, 'import.json');
    imported = await waitForMarks(page, 1);
  }
  await page.waitForTimeout(importJson ? 100 : 4000); // the format worker's fetch, on a first visit
  await page.close();
  return { label, interactive, imported, marks, networkBytes: served.bytes - before };
}

const profile = await mkdtemp(join(tmpdir(), 'marginalia-bench-'));
const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const rows = [];
rows.push(await visit(context, 'first visit'));
// Let the service worker finish precaching.
const page = await context.newPage();
await page.goto(served.url);
await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
await page.close();
rows.push(await visit(context, 'repeat visit'));
for (const [label, json] of Object.entries(imports)) {
  rows.push(await visit(context, `repeat visit, import ${label}`, json));
}
await context.close();
await rm(profile, { recursive: true, force: true });
await served.stop();

// Targets, and what issue 10 found when it was filed (no service worker then).
const BEFORE = {
  'repeat visit': 'target 150 ms',
  'repeat visit, import 50 KB / 200 annotations': 'target 250 ms; 581 ms at filing',
  'repeat visit, import 1 MB / 5,000 annotations': 'target 500 ms',
};
for (const { label, interactive, imported, marks, networkBytes } of rows) {
  const parts = [`navigation → interactive ${interactive.toFixed(0)} ms`];
  const at = (name) => (marks[name] === undefined ? '?' : marks[name].toFixed(0));
  parts.push(`(app code running at ${at('marginalia:start')} ms, library read ${at('marginalia:restore')}–${at('marginalia:restored')} ms)`);
  if (imported !== null) parts.push(`navigation → highlights shown ${imported.toFixed(0)} ms`);
  if (BEFORE[label]) parts.push(`(${BEFORE[label]})`);
  parts.push(`${(networkBytes / 1024).toFixed(1)} KB from the server, uncompressed`);
  console.log(`${label}: ${parts.join(', ')}`);
}
