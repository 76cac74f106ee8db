// Writes tests/fixtures/storage/library-v<N>.json: the IndexedDB a release
// leaves behind after typical work (a tagged, linked, described and cleaned-up
// document, a web page with its details, a renamed label, undo history), so
// later releases are tested against the storage real users have
// (tests/e2e/storage.test.mjs). Run once per storage layout, on that release:
//   ./scripts/build && node scripts/dump-storage.mjs 1
import { readFile, writeFile } from 'node:fs/promises';
import { serveDist, launch, openApp, selectText, fileInput, ROOT } from '../tests/e2e/harness.mjs';

const layout = process.argv[2] ?? '1';
const served = await serveDist();
const browser = await launch();
const { page } = await openApp(browser, served.url);
const tag = async (text, label) => {
  await selectText(page, text);
  await page.getByRole('toolbar', { name: 'Tagging' }).getByRole('button', { name: label, exact: true }).click();
};
const wrapped = await readFile(`${ROOT}/tests/fixtures/seeds/000_20bfa71c295678a8.txt`, 'utf8');
await page.getByRole('textbox', { name: 'Article text' }).fill(wrapped);
await page.getByRole('button', { name: 'Load text' }).click();
await tag('US Secretary of Defense Lloyd Austin', 'Source');
await tag('confirmed', 'Cue');
await tag('determine how the Coalition\'s military mission will evolve', 'Quote');
await page.getByRole('button', { name: 'Link to a source' }).click();
await page.locator('mark[data-label="cue"]').click();
await page.locator('mark[data-label="source"]').click();
await page.getByRole('combobox', { name: 'Kind' }).selectOption('direct');
await page.getByRole('button', { name: 'Clean up…' }).click();
await page.getByRole('dialog').getByRole('button', { name: 'Apply' }).click();
await page.getByRole('status').filter({ hasText: 'Cleaned up' }).waitFor();
await fileInput(page, 'Open file').setInputFiles(`${ROOT}/tests/fixtures/pages/wire-story.html`);
await page.locator('.document-heading').filter({ hasText: 'Washington, Baghdad' }).waitFor();
await tag('Albares', 'Source');
await page.getByRole('button', { name: 'Labels…' }).click();
await page.getByLabel('Name of Claim').fill('Assertion');
await page.getByRole('button', { name: 'Labels…' }).click();
await page.getByText('All changes saved').waitFor();
await page.waitForTimeout(500);
const dump = await page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('marginalia');
  open.onerror = () => reject(open.error);
  open.onsuccess = async () => {
    const db = open.result;
    const out = { database: 'marginalia', version: db.version, stores: {} };
    for (const name of db.objectStoreNames) {
      out.stores[name] = await new Promise((done) => {
        const store = db.transaction(name).objectStore(name);
        const keys = store.getAllKeys();
        const values = store.getAll();
        values.onsuccess = () => done(keys.result.map((key, i) => [key, values.result[i]]));
      });
    }
    resolve(out);
  };
}));
const path = `${ROOT}/tests/fixtures/storage/library-v${layout}.json`;
await writeFile(path, JSON.stringify(dump, null, 1) + '\n');
console.log(`wrote ${path}: ${Object.entries(dump.stores).map(([n, r]) => `${n} ${r.length}`).join(', ')}`);
await browser.close();
served.server.close();
