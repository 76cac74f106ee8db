// Shared set-up for the end-to-end tests: serves dist/ from a sub-path on
// loopback, drives Debian's Chromium through playwright-core, and records anything
// that should never happen (a request to another origin, an uncaught error).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(root, 'dist');
// A sub-path, to prove the build works from any folder of a static host.
export const SUB_PATH = '/some/sub path/marginalia/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
};

/// Serves `root` (dist/ unless told) under SUB_PATH on loopback. `port` reuses a
/// port (a server started again after `stop`); `headers` go with every answer.
export async function serveDist({ root = dist, port = 0, headers = {} } = {}) {
  const sockets = new Set();
  // What the server has sent (uncompressed), for benchmarks.
  const served = { bytes: 0, requests: 0 };
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (!path.startsWith(SUB_PATH)) {
      response.writeHead(404).end();
      return;
    }
    let file = normalize(join(root, path.slice(SUB_PATH.length)));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
      response.end(body);
      served.bytes += body.length;
      served.requests += 1;
    } catch {
      response.writeHead(404).end();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  /// Cuts the server: no new connections, and open ones dropped.
  const stop = () => new Promise((resolve) => {
    server.close(resolve);
    for (const socket of sockets) socket.destroy();
  });
  return Object.assign(served, { server, origin, url: origin + encodeURI(SUB_PATH), port: server.address().port, stop });
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run',
];

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/// A fresh profile and page, watched for foreign requests and errors.
export async function openApp(browser, url, { viewport = { width: 1400, height: 900 }, colorScheme = 'light', hasTouch = false } = {}) {
  const context = await browser.newContext({ acceptDownloads: true, viewport, colorScheme, hasTouch });
  const page = await context.newPage();
  const problems = [];
  const origin = new URL(url).origin;
  page.on('request', (request) => {
    const requestUrl = request.url();
    if (!requestUrl.startsWith(origin) && !requestUrl.startsWith('blob:') && !requestUrl.startsWith('data:')) {
      problems.push(`request to another origin: ${requestUrl}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.goto(url);
  await page.getByRole('button', { name: 'Load text' }).waitFor();
  return { context, page, problems };
}

/// Selects UTF-16 offsets `from`..`to` of the article text (or of the element
/// `root` selects), as a mouse drag would.
export async function selectRange(page, from, to, root = '[aria-label="Article"]') {
  await page.evaluate(([from, to, root]) => {
    const article = document.querySelector(root);
    const point = (target) => {
      const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (seen + node.length >= target) return [node, target - seen];
        seen += node.length;
      }
      throw new Error('offset beyond the text');
    };
    const range = document.createRange();
    range.setStart(...point(from));
    range.setEnd(...point(to));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  }, [from, to, root]);
}

/// Selects the `occurrence`th match of `needle` in the article (or in `root`).
export async function selectText(page, needle, occurrence = 0, root = undefined) {
  const text = root
    ? await page.locator(root).evaluate((el) => el.textContent)
    : await articleText(page);
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`"${needle}" is not in the article`);
  await selectRange(page, at, at + needle.length, root);
}

/// Pastes `text` and presses Load text, as a person does; waits for the article.
export async function loadText(page, text) {
  await page.getByRole('textbox', { name: 'Article text' }).fill(text);
  await page.getByRole('button', { name: 'Load text' }).click();
  await page.getByRole('article', { name: 'Article' }).waitFor();
}

/// Imports a native JSON string through the Import JSON input, without waiting.
/// Returns the page's clock (`performance.now()`) at the moment it started.
export async function startImport(page, json, name = 'import.json') {
  return page.evaluate(([json, name]) => {
    const input = document.querySelector('input[accept^=".json"]');
    const transfer = new DataTransfer();
    transfer.items.add(new File([json], name, { type: 'application/json' }));
    input.files = transfer.files;
    const started = performance.now();
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return started;
  }, [json, name]);
}

/// Waits until the article shows `count` distinct annotations and the next frame
/// has been painted; returns the page's clock then.
export async function waitForMarks(page, count) {
  return page.evaluate(async (count) => {
    const shown = () => new Set([...document.querySelectorAll('[aria-label="Article"] mark')].map((m) => m.dataset.id)).size;
    while (shown() < count) await new Promise((resolve) => requestAnimationFrame(resolve));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now();
  }, count);
}


export async function articleText(page) {
  return page.getByRole('article', { name: 'Article' }).evaluate((el) => el.textContent);
}

export async function waitSaved(page) {
  await page.locator('.save-status[data-state="saved"]').waitFor();
}

/// Clicks Export JSON and returns the downloaded file's name and parsed content.
export async function exportJson(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  const body = await readFile(await download.path(), 'utf8');
  return { name: download.suggestedFilename(), body, json: JSON.parse(body) };
}

/// Python's text[start:end]: slicing by code points, not UTF-16 units.
export function codePointSlice(text, start, end) {
  return Array.from(text).slice(start, end).join('');
}

export function fileInput(page, name) {
  return page.getByLabel(name, { exact: true });
}

export const ROOT = root;

/// Clicks the middle of the first occurrence of `needle` in the article, like a reader.
export async function clickText(page, needle) {
  const box = await page.evaluate((needle) => {
    const article = document.querySelector('[aria-label="Article"]');
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(needle);
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + needle.length);
        const rect = range.getClientRects()[0];
        return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
      }
    }
    return null;
  }, needle);
  if (!box) throw new Error(`"${needle}" is not in one text node of the article`);
  await page.mouse.click(box.x, box.y);
}

/// Polls `read()` until it equals `expected` (or matches it, for a RegExp), for UI
/// that settles a frame or two after an action. Fails with the last value seen.
export async function eventually(read, expected, timeoutMs = 5000) {
  const matches = (value) => (expected instanceof RegExp ? expected.test(value) : JSON.stringify(value) === JSON.stringify(expected));
  const deadline = Date.now() + timeoutMs;
  let value;
  for (;;) {
    value = await read();
    if (matches(value)) return value;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`expected ${expected}, still ${JSON.stringify(value)} after ${timeoutMs} ms`);
}

/// Registers before/after hooks that serve the app and open one page shared by the
/// file's tests; the returned object holds `page` and `problems` once they run.
/// A server and a browser for a test file, stopped after it: `shared.served`,
/// `shared.browser`, filled in before the first test; with `withPage`, also one
/// app page (`shared.page`, `shared.context`, `shared.problems`).
export function sharedBrowser(hooks, { withPage = false } = {}) {
  const shared = {};
  hooks.before(async () => {
    shared.served = await serveDist();
    shared.browser = await launch();
    if (withPage) Object.assign(shared, await openApp(shared.browser, shared.served.url));
  });
  hooks.after(async () => {
    await shared.browser?.close();
    await shared.served?.stop();
  });
  return shared;
}

/// `sharedBrowser` with one app page open in it.
export function sharedApp(hooks) {
  return sharedBrowser(hooks, { withPage: true });
}
