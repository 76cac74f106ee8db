// Links in the article (issue 11): the selected quote's link is drawn as arcs
// quote → cue → source whose ends sit on those highlights; "All links" draws
// every link and is remembered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sharedApp, selectText } from './harness.mjs';

const app = sharedApp({ before, after });

/** Each arc's ends, and the top centre of the first line of each highlight, relative to the article. */
function geometry(page) {
  return page.evaluate(() => {
    const article = document.querySelector('[aria-label="Article"]');
    const origin = article.getBoundingClientRect();
    const anchor = (id) => {
      const rect = article.querySelector(`mark[data-id="${id}"]`).getClientRects()[0];
      return [rect.left + rect.width / 2 - origin.left, rect.top - origin.top];
    };
    return [...article.querySelectorAll('.link-arcs path.arc')].map((path) => {
      const length = path.getTotalLength();
      const start = path.getPointAtLength(0);
      const end = path.getPointAtLength(length);
      const label = (id) => article.querySelector(`mark[data-id="${id}"]`).dataset.label;
      return {
        from: label(path.dataset.from),
        to: label(path.dataset.to),
        start: [start.x, start.y],
        end: [end.x, end.y],
        fromAnchor: anchor(path.dataset.from),
        toAnchor: anchor(path.dataset.to),
      };
    });
  });
}

const near = (a, b) => Math.abs(a[0] - b[0]) <= 2 && Math.abs(a[1] - b[1]) <= 2;

test('a selected quote shows arcs to its cue and on to its source; All links shows every link', async () => {
  const { page } = app;
  await page.getByRole('textbox', { name: 'Article text' }).fill(
    'Lloyd Austin said the attacks "need to stop", a senior official added.\n'
    + 'Officials later said talks would begin soon, which nobody doubted.');
  await page.getByRole('button', { name: 'Load text' }).click();
  const tagging = page.getByRole('toolbar', { name: 'Tagging' });
  for (const [text, label] of [['Lloyd Austin', 'Source'], ['said', 'Cue'], ['"need to stop"', 'Quote'],
    ['Officials', 'Source'], ['talks would begin soon', 'Claim']]) {
    await selectText(page, text);
    await tagging.getByRole('button', { name: label, exact: true }).click();
  }
  await page.locator('mark[data-label="quote"]').click();
  await page.getByRole('button', { name: 'Link to a source' }).click();
  await page.locator('mark[data-label="cue"]').click();
  await page.locator('mark[data-label="source"]').first().click();
  await page.locator('mark[data-label="claim"]').click();
  await page.getByRole('button', { name: 'Link to a source' }).click();
  await page.locator('mark[data-label="source"]').nth(1).click();

  await page.locator('mark[data-label="quote"]').click();
  let arcs = await geometry(page);
  assert.deepEqual(arcs.map((a) => `${a.from}→${a.to}`), ['quote→cue', 'cue→source']);
  for (const arc of arcs) {
    assert.ok(near(arc.start, arc.fromAnchor), `${arc.from} end ${arc.start} at its highlight ${arc.fromAnchor}`);
    assert.ok(near(arc.end, arc.toAnchor), `${arc.to} end ${arc.end} at its highlight ${arc.toAnchor}`);
  }
  // What a screen reader gets for the selected quote: its label and its link in words.
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const quote = nodes.find((n) => n.role?.value === 'mark' && (n.properties ?? []).some((p) => p.name === 'roledescription' && p.value.value === 'Quote'));
  assert.equal(quote?.description?.value, 'linked to source “Lloyd Austin” via “said”');
  // A source shows the links to it; nothing selected, no arcs.
  await page.locator('mark[data-label="source"]').nth(1).click();
  arcs = await geometry(page);
  assert.deepEqual(arcs.map((a) => `${a.from}→${a.to}`), ['claim→source']);
  await page.getByRole('article', { name: 'Article' }).press('Escape');
  await page.mouse.move(0, 0);
  assert.equal((await geometry(page)).length, 0);

  const all = page.getByRole('checkbox', { name: 'All links' });
  await all.check();
  await page.waitForFunction(() => document.querySelectorAll('.link-arcs path.arc').length === 3);
  // Still right after the article changes size.
  await page.setViewportSize({ width: 900, height: 900 });
  await page.waitForTimeout(200);
  for (const arc of await geometry(page)) {
    assert.ok(near(arc.start, arc.fromAnchor) && near(arc.end, arc.toAnchor), `after resizing: ${JSON.stringify(arc)}`);
  }
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.getByText('All changes saved').waitFor();
  await page.waitForTimeout(300);
  await page.reload();
  await page.getByRole('article', { name: 'Article' }).waitFor();
  assert.equal(await page.getByRole('checkbox', { name: 'All links' }).isChecked(), true, 'remembered');
  await page.waitForFunction(() => document.querySelectorAll('.link-arcs path.arc').length === 3);
  await page.getByRole('checkbox', { name: 'All links' }).uncheck();
  assert.deepEqual(app.problems, []);
});
