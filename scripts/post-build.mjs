// Trunk's post-build hook (Trunk.toml), run on every build, in the staging folder
// Trunk is about to publish as dist/:
// 1. The Content-Security-Policy allows exactly the inline scripts Trunk wrote
//    (by their SHA-256), instead of any inline script.
// 2. Workbox writes sw.js, precaching every file the app needs offline, by the
//    names Trunk actually wrote, in a versioned cache; the page reader (large,
//    needed only for web pages) and the team worker (only for those who join a
//    team) are cached the first time they are used, in caches named after
//    their build, so a new version never runs an old worker.
//   node scripts/post-build.mjs [folder]   (default: $TRUNK_STAGING_DIR, else dist)
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSW } from 'workbox-build';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
const indexPath = join(dir, 'index.html');
let html = await readFile(indexPath, 'utf8');

const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const hashes = inline.map((code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`);
const scriptSrc = /script-src 'self'[^;"]*/;
if (!scriptSrc.test(html)) throw new Error('post-build: no script-src to rewrite in index.html');
// Idempotent: a second run writes the same policy.
html = html.replace(scriptSrc, `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim());
await writeFile(indexPath, html);

// Worker files keep their names across builds: the cache's name changes instead.
const buildOf = async (name) => {
  try {
    return createHash('sha256').update(await readFile(join(dir, `${name}_bg.wasm`))).digest('hex').slice(0, 12);
  } catch {
    return 'none';
  }
};
const onDemand = async (name, cache) => ({
  urlPattern: new RegExp(`/${name}(_loader\\.js|\\.js|_bg\\.wasm)$`),
  handler: 'CacheFirst',
  options: { cacheName: `${cache}-${await buildOf(name)}` },
});

const { count, size, warnings } = await generateSW({
  globDirectory: dir,
  globPatterns: ['**/*.{html,js,wasm,css,svg,png,webmanifest}'],
  globIgnores: ['sw.js', 'marginalia-pages*', 'marginalia-team*'],
  swDest: join(dir, 'sw.js'),
  inlineWorkboxRuntime: true,
  mode: 'production',
  sourcemap: false,
  cacheId: 'marginalia',
  cleanupOutdatedCaches: true,
  // A new version waits until the user chooses to reload (register-sw.js).
  skipWaiting: false,
  // The first visit's page is controlled once the worker is active, so what it
  // fetches later (the team worker on joining) is cached for offline use.
  clientsClaim: true,
  navigateFallback: 'index.html',
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  // Trunk's hashed names need no revision of their own.
  dontCacheBustURLsMatching: /-[0-9a-f]{12,}(_bg)?\.(js|wasm|css|svg)$/,
  runtimeCaching: [
    await onDemand('marginalia-pages', 'marginalia-page-reader'),
    await onDemand('marginalia-team', 'marginalia-team-worker'),
  ],
});
for (const warning of warnings) console.warn(`post-build: ${warning}`);
console.log(`post-build: sw.js precaches ${count} files (${(size / 1024).toFixed(0)} KB); script-src allows ${hashes.length} inline script(s) by hash`);
