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
import { CHROMIUM_ARGS, serveDist, startImport } from '../tests/e2e/harness.mjs';
import { generateArticle, generateExport } from './generate.mjs';

const served = await serveDist();
const imports = {
  '50 KB / 200 annotations': generateExport(generateArticle(50_000), 200, 11).json,
  '1 MB / 5,000 annotations': generateExport(generateArticle(1_000_000, 8), 5000, 11).json,
};

async function visit(context, label, importJson) {
  const page = await context.newPage();
  if (process.env.DEBUG) {
    page.on('crash', () => console.log('crash', label));
    page.on('close', () => console.log('close', label));
    page.on('console', (m) => console.log('console', label, m.text()));
    page.on('pageerror', (e) => console.log('pageerror', label, e.message));
  }
  const before = served.bytes;
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Load text' }).waitFor();
  const interactive = await page.evaluate(() => performance.now());
  // The app's own marks (src/ui/mod.rs): WebAssembly running, library read.
  const marks = await page.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
  );
  let imported = null;
  let importStarted = null;
  if (importJson) {
    importStarted = await startImport(page, importJson, 'import.json');
    // The document shown before (a repeat visit reopens it) has highlights too:
    // wait for the import's own mark, then for its frame to be painted.
    imported = await page.evaluate(async () => {
      const shown = () => performance.getEntriesByName('marginalia:import-shown').length > 0;
      while (!shown()) await new Promise((resolve) => requestAnimationFrame(resolve));
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      return performance.now();
    });
  }
  await page.waitForTimeout(importJson ? 100 : 4000); // the format worker's fetch, on a first visit
  const importMarks = await page.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
  );
  await page.close();
  return { label, interactive, imported, importStarted, marks: { ...marks, ...importMarks }, networkBytes: served.bytes - before };
}

/// A browser profile that has visited once and has the service worker ready;
/// `measure` runs in it, then it is thrown away.
async function withProfile(measure) {
  const profile = await mkdtemp(join(tmpdir(), 'marginalia-bench-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    return await measure(context);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

async function swReady(context) {
  const page = await context.newPage();
  await page.goto(served.url);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.close();
}

const rows = [];
await withProfile(async (context) => {
  rows.push(await visit(context, 'first visit'));
  await swReady(context);
  rows.push(await visit(context, 'repeat visit'));
});
// Each import in a profile of its own, with an empty library: with the other
// document open, an import of the same (generated) words would be offered as
// another copy of its story instead.
for (const [label, json] of Object.entries(imports)) {
  await withProfile(async (context) => {
    await visit(context, 'first visit');
    await swReady(context);
    rows.push(await visit(context, `repeat visit, import ${label}`, json));
  });
}
await served.stop();

// Targets, and what issue 10 found when it was filed (no service worker then).
const BEFORE = {
  'repeat visit': 'target 150 ms',
  'repeat visit, import 50 KB / 200 annotations': 'target 250 ms; 581 ms at filing',
  'repeat visit, import 1 MB / 5,000 annotations': 'target 500 ms',
};
for (const { label, interactive, imported, importStarted, marks, networkBytes } of rows) {
  const at = (name) => (marks[name] === undefined ? '?' : marks[name].toFixed(0));
  // Interactive: the app's first render committed, every control in the page with
  // its handlers (the app's mark); "seen" is when Playwright noticed, polling.
  const parts = [`navigation → interactive ${at('marginalia:interactive')} ms (seen by the test at ${interactive.toFixed(0)} ms)`];
  parts.push(`(app code running at ${at('marginalia:start')} ms, library read ${at('marginalia:restore')}–${at('marginalia:restored')} ms)`);
  if (imported !== null) {
    parts.push(`navigation → highlights shown ${imported.toFixed(0)} ms`);
    // The test starts the import only once it has seen the page: how long the import itself took.
    parts.push(`(the test started it at ${importStarted.toFixed(0)} ms, once it saw the page: ${(imported - importStarted).toFixed(0)} ms from the file to its highlights painted)`);
  }
  if (BEFORE[label]) parts.push(`(${BEFORE[label]})`);
  parts.push(`${(networkBytes / 1024).toFixed(1)} KB from the server, uncompressed`);
  console.log(`${label}: ${parts.join(', ')}`);
}
