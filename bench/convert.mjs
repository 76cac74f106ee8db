// Converting a 10,000-document corpus with the `marginalia` command, per format:
// time to write each format from native JSONL, and to read it back to JSONL.
// Prints figures; never fails on them.
//   cargo build --release --bin marginalia && node bench/convert.mjs [documents]
import { mkdir, rm, writeFile, stat, readdir } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'target/release/marginalia');
const OUT = join(ROOT, 'bench/out/convert');
const COUNT = Number(process.argv[2] ?? 10_000);
const FORMATS = ['native', 'w3c', 'label-studio', 'doccano', 'spacy', 'brat', 'csv'];

const WORDS = ['the', 'minister', 'said', 'talks', 'would', 'begin', 'officials', 'Baghdad', 'قال', 'المتحدث', '😀', '東京', 'naïve'];
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/// One native document: ~1,500 characters, 12 annotations, 4 links with a cue.
function documentLine(index, next) {
  const words = [];
  for (let i = 0; i < 260; i++) words.push(WORDS[Math.floor(next() * WORDS.length)]);
  const text = words.join(' ') + '.\r\nEnd.';
  const chars = Array.from(text);
  const annotations = [];
  const starts = [];
  let at = 0;
  for (let i = 0; i < words.length && annotations.length < 12; i++) {
    const length = Array.from(words[i]).length;
    if (i % 20 === 3) starts.push([at, at + length, ['source', 'cue', 'quote'][annotations.length % 3]]);
    at += length + 1;
    if (starts.length > annotations.length) {
      const [start, end, label] = starts[starts.length - 1];
      annotations.push({ id: `a${annotations.length + 1}`, label, start, end, text: chars.slice(start, end).join(''), ...(label === 'quote' ? { attributes: { kind: 'direct' }, note: 'checked' } : {}) });
    }
  }
  const relations = [];
  for (let i = 0; i + 2 < annotations.length && relations.length < 4; i += 3) {
    relations.push({ id: `r${relations.length + 1}`, type: 'attribution', from: annotations[i + 2].id, to: annotations[i].id, cue: annotations[i + 1].id });
  }
  return JSON.stringify({ format: 'marginalia', version: 2, document: { title: `Story ${index + 1}`, text }, labels: [], annotations, relations });
}

async function size(path) {
  const info = await stat(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const name of await readdir(path)) total += await size(join(path, name));
  return total;
}

function convert(input, format, output) {
  const started = process.hrtime.bigint();
  const result = spawnSync(BIN, ['convert', input, '--to', format, '-o', output], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${format}: ${result.stderr}`);
  return ms;
}

await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });
const next = random(5);
const lines = [];
for (let i = 0; i < COUNT; i++) lines.push(documentLine(i, next));
const corpus = join(OUT, 'corpus.jsonl');
await writeFile(corpus, lines.join('\n') + '\n');
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
console.log(`corpus: ${COUNT.toLocaleString('en')} documents, ${mb(await size(corpus))} of native JSONL`);
for (const format of FORMATS) {
  const output = join(OUT, format === 'brat' ? 'brat' : `out.${format}`);
  const write = convert(corpus, format, output);
  const back = format === 'csv' ? null : convert(output, 'jsonl', join(OUT, `back.${format}.jsonl`));
  const perDoc = (ms) => `${(ms * 1000 / COUNT).toFixed(0)} µs/document`;
  console.log(`${format.padEnd(13)} write ${(write / 1000).toFixed(2)} s (${perDoc(write)}, ${mb(await size(output))})`
    + (back === null ? '; read back: n/a (CSV holds no text)' : `; read back ${(back / 1000).toFixed(2)} s (${perDoc(back)})`));
}
