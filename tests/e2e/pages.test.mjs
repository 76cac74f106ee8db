// Web pages in (issue 9): an .html file opened, and rich text pasted, give the
// article with its details, never the page's markup, scripts or chrome; the
// page reader is a worker of its own, fetched only when a page comes in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sharedApp, articleText, exportJson, fileInput, ROOT } from './harness.mjs';

const app = sharedApp({ before, after });

test('an .html file opens as its article, with title, byline, date and address kept', async () => {
  const { page } = app;
  const fetched = [];
  page.on('request', (request) => fetched.push(request.url()));
  await page.waitForTimeout(200);
  assert.ok(!fetched.some((url) => url.includes('marginalia-pages')), 'the page reader is not fetched before it is needed');
  await fileInput(page, 'Open file').setInputFiles(`${ROOT}/tests/fixtures/pages/wire-story.html`);
  await page.getByRole('article', { name: 'Article' }).waitFor();
  assert.ok(fetched.some((url) => url.includes('marginalia-pages')));
  const text = await articleText(page);
  assert.ok(text.startsWith('Washington, Baghdad to discuss future of foreign troops in Iraq\n\n'), text.slice(0, 120));
  assert.ok(text.includes('"We are extremely worried by the constant attacks against international military bases," said Albares'));
  for (const chrome of ['Injected by a script', 'editor\'s comment', 'Search', 'window.tracker', 'font-family']) {
    assert.ok(!text.includes(chrome), chrome);
  }
  assert.equal(await page.locator('.document-heading').textContent(), 'Washington, Baghdad to discuss future of foreign troops in Iraq');
  const { json } = await exportJson(page);
  assert.equal(json.document.meta.url, 'https://news.example/iraq-troops-talks');
  assert.equal(json.document.meta.site, 'Energy News');
  assert.match(json.document.meta.published, /^2024-01-25/);
  assert.match(json.document.meta.byline, /Gamal-Gabriel/i);
  // Nothing of the page ran or reached the app's own page.
  assert.equal(await page.evaluate(() => typeof window.tracker), 'undefined');
  assert.equal(await page.locator('nav.nav, form[action="/search"]').count(), 0);
  assert.deepEqual(app.problems, []);
});

test('pasting rich text gives its paragraphs, not its markup', async () => {
  const { page } = app;
  const box = page.getByRole('textbox', { name: 'Article text' });
  await box.fill('');
  await box.focus();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/html', '<meta charset="utf-8"><h2>Talks to begin</h2><p>Iraq said <b>Thursday</b> that talks\n would begin on a timeline.</p><script>window.pasted = 1</script><nav><a href="/">Home</a></nav><p>"We are worried," said Albares.</p><img src=x onerror="window.pasted = 2">');
    data.setData('text/plain', 'Talks to begin Iraq said Thursday that talks would begin');
    const area = document.querySelector('textarea[aria-label="Article text"]');
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.querySelector('textarea[aria-label="Article text"]').value.length > 0);
  assert.equal(await box.inputValue(), 'Talks to begin\n\nIraq said Thursday that talks would begin on a timeline.\n\n"We are worried," said Albares.\n');
  await page.getByRole('button', { name: 'Load text' }).click();
  await page.waitForFunction(() => document.querySelector('[aria-label="Article"]')?.textContent.startsWith('Talks to begin'));
  assert.equal(await page.locator('.document-heading').textContent(), 'Talks to begin');
  assert.equal(await page.evaluate(() => window.pasted), undefined);
  assert.deepEqual(app.problems, []);
});
