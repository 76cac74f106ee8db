// Small things a keyboard user and a returning user expect (issue 11's list):
// Escape closes the label settings, Delete works in the Annotations list, and
// the list's grouping is remembered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sharedApp, selectText, loadText } from './harness.mjs';

const app = sharedApp({ before, after });

const load = (text) => loadText(app.page, text);

async function tag(word, label) {
  await selectText(app.page, word);
  await app.page.getByRole('toolbar', { name: 'Tagging' }).getByRole('button', { name: label, exact: true }).click();
}

test('Escape closes the label settings', async () => {
  const { page } = app;
  await load('Escape should close the settings, said the tester.');
  await page.getByRole('button', { name: 'Labels…' }).click();
  await page.getByRole('heading', { name: 'Labels', exact: true }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('heading', { name: 'Labels', exact: true }).waitFor({ state: 'detached' });
  await page.getByRole('article', { name: 'Article' }).waitFor();
  assert.deepEqual(app.problems, []);
});

test('Delete in the Annotations list deletes the selected entry, and Ctrl+Z brings it back', async () => {
  const { page } = app;
  await load('Austin said the talks would begin, officials said.');
  await tag('Austin', 'Source');
  await tag('officials', 'Source');
  const list = page.getByRole('list', { name: 'Annotations' });
  await list.getByRole('button', { name: /officials/ }).click();
  await page.keyboard.press('Delete');
  await page.waitForFunction(() => document.querySelectorAll('[aria-label="Article"] mark').length === 1);
  assert.equal(await page.locator('[aria-label="Article"] mark').textContent(), 'Austin');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelectorAll('[aria-label="Article"] mark').length === 2);
  assert.deepEqual(app.problems, []);
});

test('Group by source is remembered across a reload', async () => {
  const { page } = app;
  const group = page.getByRole('button', { name: 'Group by source' });
  await group.click();
  assert.equal(await group.getAttribute('aria-pressed'), 'true');
  // Autosave waits 150 ms of quiet before it writes.
  await page.waitForTimeout(400);
  await page.getByText('All changes saved').waitFor();
  await page.reload();
  await page.getByRole('article', { name: 'Article' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Group by source' }).getAttribute('aria-pressed'), 'true');
  await page.getByRole('button', { name: 'Group by source' }).click();
  assert.deepEqual(app.problems, []);
});

test('a screen reader hears each highlight\'s label and what each edit did', async () => {
  const { page } = app;
  await load('Lloyd Austin said the attacks "need to stop".');
  await tag('Lloyd Austin', 'Source');
  const announcer = page.locator('.announcer[role="status"][aria-live="polite"]');
  assert.equal((await announcer.textContent()).replace('\u200B', ''), 'Added source “Lloyd Austin”.');
  await tag('"need to stop"', 'Quote');
  assert.equal((await announcer.textContent()).replace('\u200B', ''), 'Added quote “"need to stop"”.');
  // What assistive technology gets: each highlight announced by its label.
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const marks = nodes.filter((n) => n.role?.value === 'mark').map((n) => n.roledescription?.value ?? (n.properties ?? []).find((p) => p.name === 'roledescription')?.value?.value);
  assert.deepEqual(marks, ['Source', 'Quote']);
  await page.getByRole('list', { name: 'Annotations' }).getByRole('button', { name: /need to stop/ }).click();
  await page.keyboard.press('Delete');
  await page.waitForFunction(() => document.querySelector('.announcer').textContent.startsWith('Deleted quote'));
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('.announcer').textContent.startsWith('Undone.'));
  assert.deepEqual(app.problems, []);
});

test('? shows every key, Escape closes it', async () => {
  const { page } = app;
  await page.getByRole('article', { name: 'Article' }).focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard' });
  await help.waitFor();
  const rows = await help.getByRole('row').allTextContents();
  for (const key of ['q', '/', '.', ']', 'Ctrl+Z']) {
    assert.ok(rows.some((row) => row.includes(key)), `${key} in ${rows.join(' | ')}`);
  }
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });
  // Typed into a text field, ? is just a character.
  const box = page.getByRole('textbox', { name: 'Article text' });
  await box.fill('');
  await box.focus();
  await page.keyboard.press('?');
  assert.equal(await box.inputValue(), '?');
  assert.equal(await help.count(), 0);
  assert.deepEqual(app.problems, []);
});

test('] and [ open the next and previous document, also from the article', async () => {
  const { page } = app;
  await load('Third story: the mayor spoke.');
  await load('Fourth story: the council voted.');
  const heading = page.locator('.document-heading');
  assert.match(await heading.textContent(), /Fourth story/);
  await page.getByRole('article', { name: 'Article' }).focus();
  await page.keyboard.press(']');
  await page.waitForFunction(() => /Third story/.test(document.querySelector('.document-heading').textContent));
  await page.keyboard.press('[');
  await page.waitForFunction(() => /Fourth story/.test(document.querySelector('.document-heading').textContent));
  // In a text field they are characters.
  const box = page.getByRole('textbox', { name: 'Article text' });
  await box.fill('');
  await box.focus();
  await page.keyboard.press(']');
  assert.equal(await box.inputValue(), ']');
  assert.match(await heading.textContent(), /Fourth story/);
  assert.deepEqual(app.problems, []);
});
