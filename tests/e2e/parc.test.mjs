// A PARC-style brat corpus through the web app (issue 12): its .ann and .txt
// files imported together come in with their attribution events as links, and
// "Attribution events (brat)" writes the same events back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { sharedApp, fileInput, ROOT } from './harness.mjs';

const app = sharedApp({ before, after });
const FIXTURE = `${ROOT}/tests/fixtures/parc-style`;

/// The files of a .zip, by name (stored or deflated), read from its central directory.
function unzip(bytes) {
  const files = {};
  let end = bytes.length - 22;
  while (bytes.readUInt32LE(end) !== 0x06054b50) end -= 1;
  let at = bytes.readUInt32LE(end + 16);
  for (let n = bytes.readUInt16LE(end + 10); n > 0; n--) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = bytes.readUInt32LE(at + 42);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    files[name] = (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    at += 46 + skip;
  }
  return files;
}

test('brat attribution events come in as links and go out as the same events', async () => {
  const { page } = app;
  await fileInput(page, 'Import JSON').setInputFiles(['post.ann', 'post.txt', 'talks.ann', 'talks.txt'].map((f) => `${FIXTURE}/${f}`));
  await page.getByText(/Imported 2 documents/).first().waitFor();
  const list = page.getByRole('list', { name: 'Documents' });
  await list.getByRole('button', { name: /^post/ }).click();
  await page.waitForFunction(() => /post/.test(document.querySelector('.document-heading')?.textContent ?? ''));
  // The content is linked to its source through the cue.
  await page.locator('[aria-label="Article"] mark', { hasText: 'Hillary Clinton for president' }).click();
  await page.getByText('Source “Washington Post” — via “backs”').waitFor();

  await page.getByRole('button', { name: 'Export as…' }).click();
  const menu = page.getByRole('menu', { name: 'Export as' });
  await menu.getByRole('menuitemradio', { name: /^All 2 documents$/ }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByRole('menuitem', { name: /^Attribution events \(brat\)/ }).click(),
  ]);
  const files = unzip(await readFile(await download.path()));
  const post = Object.entries(files).find(([name]) => name.endsWith('post.ann'))[1];
  assert.equal(post, await readFile(`${FIXTURE}/post.ann`, 'utf8'), 'the same lines as the corpus');
  const talks = Object.entries(files).find(([name]) => name.endsWith('talks.ann'))[1];
  assert.match(talks, /^E\d+\tAttribution:T\d+ Content:T\d+ Content2:T\d+ Cue:T\d+ Source:T\d+ Source2:T\d+$/m);
  assert.deepEqual(app.problems, []);
});
