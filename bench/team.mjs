// Teams (issue 15) in two Chromium profiles against a real y-sweet: how long a
// 5,000-annotation document takes to reach another profile (when its owner
// joins, and when a new device joins), and the latency of one edit between
// profiles. A report, not a test: it passes or fails nothing.
//   ./scripts/build && cargo build --bin marginalia && node bench/team.mjs
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launch, openApp, selectRange, startImport, waitForMarks, eventually } from '../tests/e2e/harness.mjs';
import { authKey, freePort, startServer, stopServer, inviteTo, joinTeam } from '../tests/e2e/team-server.mjs';
import { generateArticle, generateExport } from './generate.mjs';

const REPEATS = Number(process.env.REPEATS ?? 20);
const ms = (value) => `${Math.round(value)} ms`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/// How many annotations the document list says `who`'s version has (0 if none yet).
async function versionCount(page, who) {
  const items = await page.getByRole('list', { name: 'Documents' }).getByRole('listitem').allTextContents();
  const item = items.find((t) => t.includes(`${who}’s version`));
  return item ? Number((item.match(/([\d,]+) annotations?/) ?? [0, '0'])[1].replace(/,/g, '')) : 0;
}

const server = { port: await freePort(), key: authKey() };
const child = await startServer(mkdtempSync(join(tmpdir(), 'marginalia-team-bench-')), server.port, server.key);
const served = await serveDist();
const browser = await launch();
try {
  const text = generateArticle(200_000);
  const { json, gaps } = generateExport(text, 5000);
  const ana = await openApp(browser, served.url);
  const ben = await openApp(browser, served.url);
  await joinTeam(ben.page, inviteTo(server, 'Ben'));
  await startImport(ana.page, json);
  await waitForMarks(ana.page, 5000);

  // Ana joins with 5,000 annotations open: until Ben lists them all.
  const joined = Date.now();
  await joinTeam(ana.page, inviteTo(server, 'Ana'));
  await eventually(() => versionCount(ben.page, 'Ana'), 5000, 30000);
  console.log(`a 5,000-annotation document, its owner joining → whole in the other profile: ${ms(Date.now() - joined)}`);

  // A new device (a third profile, Cleo) joins: Ana's layer arrives on first connect.
  const cleo = await openApp(browser, served.url);
  const connected = Date.now();
  await joinTeam(cleo.page, inviteTo(server, 'Cleo'));
  await eventually(() => versionCount(cleo.page, 'Ana'), 5000, 30000);
  console.log(`a new device joining → the 5,000-annotation layer listed: ${ms(Date.now() - connected)}`);
  await cleo.context.close();

  // One edit at a time: Claim pressed in Ana's profile → Ben's count goes up.
  const utf16 = [0];
  for (const c of text) utf16.push(utf16[utf16.length - 1] + c.length);
  const claim = ana.page.getByRole('button', { name: 'Claim', exact: true });
  const times = [];
  for (let i = 0; i < REPEATS; i++) {
    const gap = gaps.filter(Boolean)[Math.floor((i + 0.5) * gaps.length / REPEATS / 1.2)];
    await selectRange(ana.page, utf16[gap[0]], utf16[Math.min(gap[1], gap[0] + 8)]);
    const before = await versionCount(ben.page, 'Ana');
    const started = Date.now();
    await claim.click();
    await eventually(() => versionCount(ben.page, 'Ana'), before + 1, 10000);
    times.push(Date.now() - started);
  }
  console.log(`one edit → shown in the other profile (5,000-annotation layer), ${REPEATS} times: median ${ms(median(times))}, max ${ms(Math.max(...times))}`);
} finally {
  await browser.close();
  await served.stop();
  await stopServer(child);
}
