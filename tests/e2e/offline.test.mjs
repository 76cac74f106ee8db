// Offline for real (issue 10): after one visit the app opens, edits, exports and
// imports with the server gone (not only the browser's network flag); a new
// version waits for the user to reload and keeps everything; the app is
// installable; the Content-Security-Policy holds also as an HTTP header.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ROOT, serveDist, selectText, exportJson, fileInput } from './harness.mjs';

const csp = (await readFile(`${ROOT}/dist/index.html`, 'utf8')).match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)[1];
const cleanups = [];
after(async () => { for (const cleanup of cleanups.reverse()) await cleanup(); });

/// A browser profile of its own (installability is not checked in incognito).
async function open(url) {
  const profile = await mkdtemp(join(tmpdir(), 'marginalia-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, acceptDownloads: true, viewport: { width: 1280, height: 860 },
  });
  cleanups.push(async () => { await context.close(); await rm(profile, { recursive: true, force: true }); });
  const page = context.pages()[0] ?? await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // With the server gone, the browser logs the failed check for a new sw.js.
    if (message.type() === 'error' && !/ERR_CONNECTION_REFUSED|Failed to (fetch|load)|An unknown error occurred when fetching the script/.test(message.text())) {
      errors.push(message.text());
    }
  });
  await page.goto(url);
  await page.getByRole('button', { name: 'Load text' }).waitFor();
  // Ready for offline once the service worker is active: it has precached everything.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  return { context, page, errors };
}

async function loadAndTag(page, text, word, label) {
  await page.getByRole('textbox', { name: 'Article text' }).fill(text);
  await page.getByRole('button', { name: 'Load text' }).click();
  await page.getByRole('article', { name: 'Article' }).waitFor();
  await selectText(page, word);
  await page.getByRole('toolbar', { name: 'Tagging' }).getByRole('button', { name: label, exact: true }).click();
  await page.getByText('All changes saved').waitFor();
}

test('after one visit the app works with the server gone, and is installable', async () => {
  const served = await serveDist({ headers: { 'content-security-policy': csp } });
  cleanups.push(() => served.stop());
  const { context, page, errors } = await open(served.url);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  await loadAndTag(page, 'Austin said the attacks "need to stop", officials said on Thursday.', 'Austin', 'Source');

  await served.stop();
  await page.reload();
  await page.getByRole('article', { name: 'Article' }).waitFor();
  const documents = page.getByRole('list', { name: 'Documents' }).getByRole('listitem');
  assert.equal(await documents.count(), 1);
  assert.equal(await page.locator('[aria-label="Article"] mark').textContent(), 'Austin');
  // Edits and exports offline.
  await selectText(page, 'officials');
  await page.getByRole('toolbar', { name: 'Tagging' }).getByRole('button', { name: 'Source', exact: true }).click();
  const { json } = await exportJson(page);
  assert.deepEqual(json.annotations.map((a) => a.text), ['Austin', 'officials']);
  // The format worker works offline too: another format imports.
  await fileInput(page, 'Import JSON').setInputFiles(`${ROOT}/tests/golden/label-studio.json`);
  await page.getByRole('status').filter({ hasText: 'Imported “Label Studio task 1” with 4 annotations.' }).waitFor();
  assert.equal(await documents.count(), 2);
  assert.deepEqual(errors, []);
});

test('a new version waits for the user to reload, and keeps everything', async () => {
  const root = await mkdtemp(join(tmpdir(), 'marginalia-dist-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  await cp(`${ROOT}/dist`, root, { recursive: true });
  const served = await serveDist({ root });
  cleanups.push(() => served.stop());
  const { page, errors } = await open(served.url);
  // A later visit: the page is the service worker's now.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await loadAndTag(page, 'The ministry said talks would begin on a timeline.', 'ministry', 'Source');

  // The next release: another index.html, and the sw.js the build writes for it.
  const index = join(root, 'index.html');
  await writeFile(index, (await readFile(index, 'utf8')).replace('</head>', '<meta name="release" content="next" /></head>'));
  execFileSync('node', [`${ROOT}/scripts/post-build.mjs`, root], { cwd: ROOT, stdio: 'ignore' });
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  const prompt = page.getByRole('status').filter({ hasText: 'A new version of Marginalia is ready' });
  await prompt.waitFor();
  // Nothing reloads by itself: the work stays on screen until the user chooses.
  await page.waitForTimeout(500);
  assert.equal(await page.locator('meta[name="release"]').count(), 0);
  await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload' }).click()]);
  await page.getByRole('article', { name: 'Article' }).waitFor();
  assert.equal(await page.locator('meta[name="release"]').count(), 1);
  assert.equal(await page.locator('[aria-label="Article"] mark').textContent(), 'ministry');
  assert.deepEqual(errors, []);
});
