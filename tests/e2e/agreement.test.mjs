// Several annotators (issue 14): two people's exports of the same text are
// kept as their versions, and the Agreement view measures them with the same
// figures as `marginalia agree` (tests/cli.rs has the same two files).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedApp, fileInput, eventually, exportJson, ROOT } from './harness.mjs';

const app = sharedApp({ before, after });

/// axe-core's WCAG 2.2 AA and best-practice violations on the page now.
async function violations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() => axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  return result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const TEXT = 'The minister said the talks would resume. Critics said the plan was late and costly.';
function version(annotator, spans, links) {
  const chars = Array.from(TEXT);
  return JSON.stringify({
    format: 'marginalia',
    version: 2,
    document: { title: 'Talks', text: TEXT, annotator },
    labels: [],
    annotations: spans.map(([id, label, start, end, kind]) => ({
      id, label, start, end, text: chars.slice(start, end).join(''), ...(kind ? { attributes: { kind } } : {}),
    })),
    relations: links.map(([from, to, cue], n) => ({ id: `r${n}`, type: 'attribution', from, to, ...(cue ? { cue } : {}) })),
  });
}
const ANA = version('Ana', [['s1', 'source', 0, 12], ['c1', 'cue', 13, 17], ['q1', 'quote', 18, 40, 'indirect'], ['q2', 'quote', 55, 83, 'indirect']], [['q1', 's1', 'c1']]);
const BEN = version('Ben', [['s1', 'source', 0, 12], ['q1', 'quote', 18, 40, 'indirect'], ['s2', 'source', 42, 49], ['q2', 'quote', 64, 83, 'direct']], [['q1', 's1'], ['q2', 's2']]);

test('two annotators’ files are two versions, measured in the Agreement view', async () => {
  const { page } = app;
  const input = fileInput(page, 'Import JSON');
  await input.setInputFiles({ name: 'ana.json', mimeType: 'application/json', buffer: Buffer.from(ANA) });
  await page.getByText(/Imported Ana’s version of “Talks”/).waitFor();
  await input.setInputFiles({ name: 'ben.json', mimeType: 'application/json', buffer: Buffer.from(BEN) });
  await page.getByText(/Imported Ben’s version of “Talks”/).waitFor();
  const list = page.getByRole('list', { name: 'Documents' });
  assert.equal(await list.getByRole('listitem').count(), 2, 'kept apart, not merged');

  await page.getByRole('button', { name: 'Agreement', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Agreement' });
  const table = dialog.getByRole('table', { name: 'Ana and Ben (1 document)' });
  await table.waitFor();
  assert.deepEqual(await violations(page), [], 'the Agreement view passes axe');
  const row = async (name) => (await table.getByRole('row', { name: new RegExp(`^${name} [0-9]`) }).getByRole('cell').allTextContents());
  // Exact F1, overlap F1, α_u, matched, only Ana, only Ben — as the command prints them.
  assert.deepEqual(await row('quote'), ['0.500', '1.000', '0.873', '2', '0', '0']);
  assert.deepEqual(await row('source'), ['0.667', '0.667', '0.799', '1', '0', '1']);
  assert.deepEqual(await row('Links'), ['0.667', '0.667', '—', '1', '0', '1']);
  assert.match(await dialog.getByRole('row', { name: /^quote\.kind/ }).textContent(), /Cohen’s κ 0\.000 over 2 matched spans/);
  // The command measures the same files alike (scripts/test builds it first).
  const binary = ['debug', 'release'].map((p) => join(ROOT, 'target', p, 'marginalia')).find(existsSync);
  if (binary) {
    const dir = mkdtempSync(join(tmpdir(), 'agree-'));
    writeFileSync(join(dir, 'ana.json'), ANA);
    writeFileSync(join(dir, 'ben.json'), BEN);
    const cli = JSON.parse(execFileSync(binary, ['agree', join(dir, 'ana.json'), join(dir, 'ben.json'), '--json'], { encoding: 'utf8' }));
    const shown = (x) => (x === null ? '—' : x.toFixed(3));
    for (const label of ['cue', 'quote', 'source']) {
      const l = cli.pairs[0].labels[label];
      assert.deepEqual(await row(label), [shown(l.exact_f1), shown(l.overlap_f1), shown(l.alpha_u), `${l.matched}`, `${l.only_a}`, `${l.only_b}`], label);
    }
  }
  assert.match(await dialog.getByRole('list', { name: 'Documents, most disagreement first' }).textContent(), /Talks — \d+ % disagreement · Ana, Ben/);

  // The user's name, set once, is kept.
  await dialog.getByLabel('Your name as annotator').fill('Zoe');
  await dialog.getByLabel('Your name as annotator').press('Tab');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.reload();
  await page.getByRole('button', { name: 'Agreement', exact: true }).click();
  await eventually(() => page.getByRole('dialog', { name: 'Agreement' }).getByLabel('Your name as annotator').inputValue(), 'Zoe');
  await page.getByRole('dialog', { name: 'Agreement' }).getByRole('button', { name: 'Close' }).click();
});

test('Compare steps through the disagreements and curation builds the gold version', async () => {
  const { page } = app;
  await page.getByRole('button', { name: 'Agreement', exact: true }).click();
  const agreement = page.getByRole('dialog', { name: 'Agreement' });
  await agreement.getByRole('listitem').filter({ hasText: 'Talks' }).getByRole('button', { name: 'Compare', exact: true }).click();
  const compare = page.getByRole('dialog', { name: 'Compare' });
  await compare.waitFor();
  const status = compare.getByRole('status');
  await eventually(() => status.textContent(), '0 of 4 disagreements settled');
  // The curated version is open behind the view, with what both agree on.
  await eventually(() => page.locator('.document-heading').textContent(), 'Talks (curated)');
  const disagreement = () => compare.locator('.compare-kind').textContent();
  assert.match(await disagreement(), /^Disagreement 1 of 4: missing/);
  assert.match(await compare.getByRole('region', { name: 'Ana' }).textContent(), /cue.*said/);
  assert.deepEqual(await violations(page), [], 'the Compare view passes axe');

  // 1: take Ana's cue; 2: n, p and n again, then Ben's source; 3: neither.
  await compare.getByRole('button', { name: 'Take Ana' }).click();
  await eventually(() => status.textContent(), '1 of 4 disagreements settled');
  assert.match(await disagreement(), /^Disagreement 2 of 4/);
  await page.keyboard.press('n');
  await page.keyboard.press('p');
  assert.match(await disagreement(), /^Disagreement 2 of 4/);
  await compare.getByRole('button', { name: 'Take Ben' }).click();
  await eventually(() => status.textContent(), /^[2-4] of 4 disagreements settled$/);
  await compare.getByRole('button', { name: 'Neither' }).click();
  await compare.getByRole('button', { name: 'Close' }).click();

  // Undo takes the last choice back like any edit; redo puts it back.
  const before = (await exportJson(page)).json;
  assert.equal(before.document.annotator, 'curated');
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal((await exportJson(page)).json.annotations.length, before.annotations.length - 1);
  await page.getByRole('button', { name: 'Redo' }).click();
  const gold = (await exportJson(page)).json;
  assert.equal(gold.annotations.length, before.annotations.length);
  const from = Object.fromEntries(gold.annotations.map((a) => [`${a.label} ${a.text}`, a.attributes?.curated_from]));
  assert.equal(from['source The minister'], 'Ana, Ben', 'agreed by both');
  assert.equal(from['cue said'], 'Ana');
  assert.equal(from['source Critics'], 'Ben');
});

test('with a third version, Compare lets the curator pick which two', async () => {
  const { page } = app;
  const CLEO = version('Cleo', [['s1', 'source', 0, 12], ['q1', 'quote', 18, 40, 'direct']], [['q1', 's1']]);
  await fileInput(page, 'Import JSON').setInputFiles({ name: 'cleo.json', mimeType: 'application/json', buffer: Buffer.from(CLEO) });
  await page.getByText(/Imported Cleo’s version of “Talks”/).waitFor();
  await page.getByRole('button', { name: 'Agreement', exact: true }).click();
  const agreement = page.getByRole('dialog', { name: 'Agreement' });
  await agreement.getByRole('table', { name: 'Ana and Cleo (1 document)' }).waitFor();
  await agreement.getByRole('listitem').filter({ hasText: 'Talks' }).getByRole('button', { name: 'Compare', exact: true }).click();
  const compare = page.getByRole('dialog', { name: 'Compare' });
  await compare.waitFor();
  assert.equal(await compare.getByRole('combobox', { name: 'with' }).inputValue(), 'Ben');
  await compare.getByRole('combobox', { name: 'with' }).selectOption('Cleo');
  // Ana and Cleo differ by Ana's cue and her second quote only.
  await eventually(() => compare.locator('.compare-kind').textContent(), /^Disagreement 1 of 2: missing/);
  assert.equal(await compare.getByRole('region', { name: 'Cleo' }).count(), 1);
  await compare.getByRole('button', { name: 'Close' }).click();
});
