// Teams (issue 15): a real y-sweet (scripts/setup installs it from crates.io),
// invitations from `marginalia team invite`, and two Chromium profiles. Ana
// annotates; Ben annotates and curates. What the server holds is read back
// with Yjs itself (npm's yjs), not with our code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import {
  serveDist, launch, openApp, loadText, selectText, eventually, exportJson, ROOT,
} from './harness.mjs';
import { authKey, freePort, startServer, stopServer, inviteTo, joinTeam } from './team-server.mjs';

const TEXT = '“We will rebuild,” the mayor said on Friday. Residents doubted it, and the council voted against the plan.';
const shared = {};

const invite = (name, ...more) => inviteTo(shared, name, ...more);

function grants(code) {
  const json = Buffer.from(code.slice('marginalia-team:'.length), 'base64url').toString('utf8');
  return JSON.parse(json);
}

/// A layer as the server holds it: its entries' keys, read with Yjs.
async function onServer(grant, article) {
  const response = await fetch(`http://127.0.0.1:${shared.port}/d/${grant.doc}/as-update`, {
    headers: { authorization: `Bearer ${grant.token}` },
  });
  assert.equal(response.status, 200);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(await response.arrayBuffer()));
  return [...doc.getMap(`layer:${article}`).keys()].sort();
}

/// A span's entry key, as `model::team::layer::span_key`, for `needle` in TEXT.
function key(label, needle) {
  const at = TEXT.indexOf(needle);
  const start = Array.from(TEXT.slice(0, at)).length;
  const end = start + Array.from(needle).length;
  const pad = (n) => String(n).padStart(10, '0');
  return `s ${pad(start)} ${pad(end)} ${label}`;
}

/// The article's key: FNV-1a 64 of its UTF-8 text, as `model::team::article_key`.
function articleKey(text) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

async function tag(page, needle, label) {
  await selectText(page, needle);
  await page.getByRole('button', { name: label, exact: true }).click();
}

/// axe-core's WCAG 2.2 AA and best-practice violations on the page now.
async function violations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() => axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  return result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const teamStatus = (page) => page.locator('.team-status').textContent();
const documentItems = (page) => page.getByRole('list', { name: 'Documents' }).getByRole('listitem').allTextContents();

before(async () => {
  shared.folder = mkdtempSync(join(tmpdir(), 'marginalia-team-'));
  shared.key = authKey();
  shared.port = await freePort();
  shared.server = await startServer(shared.folder, shared.port, shared.key);
  shared.served = await serveDist();
  shared.browser = await launch();
  shared.anaCode = invite('Ana');
  shared.benCode = invite('Ben', '--curator');
  shared.article = articleKey(TEXT);
});

after(async () => {
  await shared.browser?.close();
  await shared.served?.stop();
  if (shared.server) await stopServer(shared.server);
});

test('two profiles join; an edit appears in the other within a second', async () => {
  shared.ana = await openApp(shared.browser, shared.served.url);
  shared.ben = await openApp(shared.browser, shared.served.url);
  const { page: ana } = shared.ana;
  const { page: ben } = shared.ben;
  // Ana's page is controlled by the service worker before she joins, so the
  // team worker she fetches then is there offline.
  await eventually(() => ana.evaluate(() => !!navigator.serviceWorker.controller), true, 10000);
  // A bad invitation says what is wrong.
  await ana.getByRole('button', { name: 'Team…' }).click();
  const dialog = ana.getByRole('dialog', { name: 'Team' });
  await dialog.getByRole('textbox', { name: 'Invitation' }).fill('hello');
  await dialog.getByRole('button', { name: 'Join team' }).click();
  await dialog.getByRole('alert').getByText(/not a Marginalia team invitation/).waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();

  await joinTeam(ana, shared.anaCode);
  await joinTeam(ben, shared.benCode);
  assert.equal(await teamStatus(ana), 'Team: Connected');

  await loadText(ana, TEXT);
  await tag(ana, 'the mayor', 'Source');
  const tagged = Date.now();
  await eventually(async () => (await documentItems(ben)).some((t) => t.includes('Ana’s version')), true, 3000);
  const took = Date.now() - tagged;
  console.log(`  an edit reached the other profile in ${took} ms`);
  assert.ok(took < 1000, `took ${took} ms`);
  assert.deepEqual(await onServer(grants(shared.anaCode).layer, shared.article), [key('source', 'the mayor')]);

  // Ben's Team view: both members here, Ana's layer with its one annotation.
  await ben.getByRole('button', { name: 'Team…' }).click();
  const view = ben.getByRole('dialog', { name: 'Team' });
  await eventually(() => view.getByRole('listitem').allTextContents(), ['Ana, annotator, here', 'Ben (you), curator, here'], 5000);
  const row = view.getByRole('table', { name: 'Annotations in each layer' }).getByRole('row', { name: /Flood|We will rebuild/ });
  assert.match(await row.textContent(), /1/);
  assert.deepEqual(await violations(ben), [], 'the Team view passes axe');
  if (process.env.SCREENSHOTS) await ben.screenshot({ path: process.env.SCREENSHOTS + '/team.png' });
  await view.getByRole('button', { name: 'Close' }).click();
  assert.deepEqual(shared.ana.problems, []);
  assert.deepEqual(shared.ben.problems, []);
});

test('offline: both edit, the offline profile reloads with everything, reconnects, and both match the server', async () => {
  const { page: ana, context: anaContext } = shared.ana;
  const { page: ben } = shared.ben;
  await loadText(ben, TEXT);
  await tag(ben, '“We will rebuild,”', 'Quote');

  await anaContext.setOffline(true);
  await eventually(() => teamStatus(ana), /Team: Offline/, 5000);
  await tag(ana, 'Residents', 'Source');
  await eventually(() => teamStatus(ana), /1 change kept on this device/, 5000);
  await tag(ben, 'the council voted against the plan', 'Claim');

  // Reloaded with no network: the app, its document and the team's state are there.
  await ana.reload();
  await ana.getByRole('article', { name: 'Article' }).waitFor();
  assert.equal(await ana.locator('[aria-label="Article"] mark').evaluateAll((marks) => new Set(marks.map((m) => m.dataset.id)).size), 2);
  await eventually(() => teamStatus(ana), /Team: Offline: 1 change kept/, 10000);

  await anaContext.setOffline(false);
  await eventually(() => teamStatus(ana), 'Team: Connected', 15000);
  const anaLayer = grants(shared.anaCode).layer;
  const benLayer = grants(shared.benCode).layer;
  const anaKeys = await eventually(() => onServer(anaLayer, shared.article), [key('source', 'the mayor'), key('source', 'Residents')].sort(), 5000);
  const benKeys = await eventually(() => onServer(benLayer, shared.article), [key('quote', '“We will rebuild,”'), key('claim', 'the council voted against the plan')].sort(), 5000);
  // Each profile holds both layers as the server does: its own, and the other's version.
  const spans = async (page, annotator) => {
    const items = await documentItems(page);
    return items.find((t) => (annotator ? t.includes(`${annotator}’s version`) : !t.includes('version')));
  };
  await eventually(async () => /2 annotations/.test(await spans(ben, 'Ana')), true, 5000);
  await eventually(async () => /2 annotations/.test(await spans(ana, 'Ben')), true, 5000);
  assert.equal(anaKeys.length, 2);
  assert.equal(benKeys.length, 2);
  assert.deepEqual(shared.ana.problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
});

test('someone else’s layer is read-only: an edit is refused and never reaches the server', async () => {
  const { page: ben } = shared.ben;
  await ben.getByRole('list', { name: 'Documents' }).getByRole('listitem').filter({ hasText: 'Ana’s version' }).getByRole('button').first().click();
  await ben.getByRole('note').getByText('Ana’s layer: read-only').waitFor();
  await tag(ben, 'the council', 'Source');
  await ben.getByRole('alert').getByText(/This is Ana’s layer: it is theirs to edit/).waitFor();
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal((await onServer(grants(shared.anaCode).layer, shared.article)).length, 2);
});

test('the server restarts on the same folder and nothing is lost', async () => {
  const { page: ana } = shared.ana;
  const { page: ben } = shared.ben;
  await stopServer(shared.server);
  await eventually(() => teamStatus(ana), /Team: (Reconnecting|Offline)/, 10000);
  shared.server = await startServer(shared.folder, shared.port, shared.key);
  await eventually(() => teamStatus(ana), 'Team: Connected', 20000);
  await eventually(() => teamStatus(ben), 'Team: Connected', 20000);
  assert.equal((await onServer(grants(shared.anaCode).layer, shared.article)).length, 2);
  assert.equal((await onServer(grants(shared.benCode).layer, shared.article)).length, 2);
  // And it goes on working: a new edit reaches Ben.
  await tag(ana, 'doubted it', 'Claim');
  await eventually(async () => (await documentItems(ben)).some((t) => t.includes('Ana’s version') && t.includes('3 annotations')), true, 5000);
});

test('the curator merges the two layers into the curated one, exports it, and Ana receives it', async () => {
  const { page: ben } = shared.ben;
  const { page: ana } = shared.ana;
  await ben.getByRole('button', { name: 'Agreement', exact: true }).click();
  const agreement = ben.getByRole('dialog', { name: 'Agreement' });
  await agreement.getByRole('button', { name: 'Compare' }).first().click();
  const compare = ben.getByRole('dialog', { name: 'Compare' });
  await compare.waitFor();
  // Every disagreement here is a span one of them lacks: take it from whoever has it.
  const kind = compare.locator('.compare-kind');
  const count = Number((await kind.textContent()).match(/of (\d+)/)[1]);
  assert.equal(count, 5);
  for (let i = 0; i < count; i++) {
    // Each choice moves on to the next disagreement.
    await eventually(() => kind.textContent(), new RegExp(`^Disagreement ${i + 1} of`), 3000);
    for (const name of ['Both', 'Take Ana', 'Take Ben']) {
      const button = compare.getByRole('button', { name, exact: true });
      if ((await button.count()) && !(await button.isDisabled())) {
        await button.click();
        break;
      }
    }
  }
  await eventually(() => kind.textContent(), /settled/, 3000);
  await compare.getByRole('button', { name: 'Close' }).click();
  const { json } = await exportJson(ben);
  assert.equal(json.document.annotator, 'curated');
  const labels = json.annotations.map((a) => a.label).sort();
  assert.deepEqual(labels, ['claim', 'claim', 'quote', 'source', 'source']);
  const curated = grants(shared.benCode).curated;
  await eventually(async () => (await onServer(curated, shared.article)).length, 5, 5000);
  await eventually(async () => (await documentItems(ana)).some((t) => t.includes('Curated version') && t.includes('5 annotations')), true, 5000);
  const unexpected = (p) => !p.includes('ERR_INTERNET_DISCONNECTED') && !p.includes('WebSocket');
  assert.deepEqual(shared.ana.problems.filter(unexpected), []);
  assert.deepEqual(shared.ben.problems.filter(unexpected), []);
});

test('on a 390 px phone the Team view fits and passes axe', async () => {
  // Ana's invitation as a link (`--app`): it opens the Team view, ready to join.
  const link = invite('Ana', '--app', shared.served.url);
  assert.match(link, /#join=marginalia-team:/);
  const phone = await openApp(shared.browser, link, { viewport: { width: 390, height: 844 }, hasTouch: true });
  const view = phone.page.getByRole('dialog', { name: 'Team' });
  await view.getByRole('button', { name: 'Join team' }).click();
  await view.getByRole('status').getByText('Connected').waitFor({ timeout: 10000 });
  assert.ok(!(await phone.page.evaluate(() => location.hash)).includes('join='), 'the invitation left the address');
  await view.getByRole('table', { name: 'Annotations in each layer' }).waitFor();
  const box = await view.boundingBox();
  assert.ok(box.width <= 390, `the dialog is ${box.width} px wide`);
  assert.deepEqual(await violations(phone.page), []);
  if (process.env.SCREENSHOTS) await phone.page.screenshot({ path: process.env.SCREENSHOTS + '/team-phone.png' });
  // A new device of Ana's gets her document whole, as her own.
  await view.getByRole('button', { name: 'Close' }).click();
  await eventually(async () => (await documentItems(phone.page)).some((t) => !t.includes('version') && t.includes('3 annotations')), true, 5000);
  await phone.context.close();
});
