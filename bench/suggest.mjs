// Measures the suggester (issue 13) on the development set written for it
// (tests/suggest-dev): precision and recall per label, exact and at ≥ 50 % token
// overlap, and how many of the quotes found got the right source. Prints figures;
// passes or fails nothing.
//   cargo build --release --bin marginalia && node bench/suggest.mjs   (FROM=13 TO=25: a range of articles; MISSES=1, WRONG=1: what it missed, what it got wrong)
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const SET = join(ROOT, 'tests/suggest-dev');
const binary = ['release', 'debug'].map((p) => join(ROOT, 'target', p, 'marginalia')).find(existsSync);
if (!binary) throw new Error('build it first: cargo build --release --bin marginalia');

/// Plain text and gold spans (code points) from the inline markup.
function parse(marked) {
  const spans = [];
  let text = '';
  let at = 0;
  for (const match of marked.matchAll(/⟦([qsc]):([^|]*)\|([^⟧]*)⟧/g)) {
    text += marked.slice(at, match.index);
    const start = Array.from(text).length;
    text += match[3];
    const [a, b] = match[2].split(':');
    const label = { q: 'quote', s: 'source', c: 'cue' }[match[1]];
    spans.push({ label, start, end: start + Array.from(match[3]).length, id: label === 'quote' ? null : a, source: label === 'quote' ? a : null, cue: label === 'quote' ? b || null : null });
    at = match.index + match[0].length;
  }
  return { text: text + marked.slice(at), spans };
}

const tokens = (text, { start, end }) => new Set((Array.from(text).slice(start, end).join('').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(String));
function overlap(text, a, b) {
  const [x, y] = [tokens(text, a), tokens(text, b)];
  const shared = [...x].filter((t) => y.has(t)).length;
  return shared / Math.max(x.size, y.size, 1);
}

const dir = await mkdtemp(join(tmpdir(), 'suggest-dev-'));
const gold = {};
// FROM=13 measures only articles 13 onwards (written after the rules were tuned on 1–12).
const from = Number(process.env.FROM ?? 0);
const to = Number(process.env.TO ?? Infinity);
for (const name of (await readdir(SET)).filter((n) => n.endsWith('.txt') && Number.parseInt(n, 10) >= from && Number.parseInt(n, 10) <= to).sort()) {
  const parsed = parse(await readFile(join(SET, name), 'utf8'));
  gold[name.replace(/\.txt$/, '')] = parsed;
  await writeFile(join(dir, name), parsed.text);
}
const out = join(dir, 'out.jsonl');
execFileSync(binary, ['suggest', dir, '--to', 'jsonl', '-o', out], { stdio: ['ignore', 'ignore', 'inherit'] });
const predicted = {};
for (const line of (await readFile(out, 'utf8')).trim().split('\n')) {
  const file = JSON.parse(line);
  predicted[file.document.title] = file;
}

const counts = {};
const direct = { gold: 0, found: 0 };
const opensWithMark = (text, s) => /^["“„«「‘]/.test(Array.from(text).slice(s.start, s.end).join(''));
let quotesFound = 0;
let rightSource = 0;
for (const [title, { text, spans }] of Object.entries(gold)) {
  const file = predicted[title];
  const pred = file.annotations;
  for (const label of ['quote', 'source', 'cue']) {
    const c = (counts[label] ??= { gold: 0, pred: 0, exact: 0, loose: 0, exactRecall: 0, looseRecall: 0 });
    const g = spans.filter((s) => s.label === label);
    const p = pred.filter((s) => s.label === label);
    c.gold += g.length;
    c.pred += p.length;
    c.exact += p.filter((s) => g.some((t) => t.start === s.start && t.end === s.end)).length;
    c.loose += p.filter((s) => g.some((t) => overlap(text, s, t) >= 0.5)).length;
    c.exactRecall += g.filter((t) => p.some((s) => t.start === s.start && t.end === s.end)).length;
    c.looseRecall += g.filter((t) => p.some((s) => overlap(text, s, t) >= 0.5)).length;
    if (process.env.WRONG) {
      for (const t of p.filter((s) => !g.some((t) => overlap(text, s, t) >= 0.5))) {
        console.log(`${title}: wrong ${label} “${Array.from(text).slice(t.start, t.end).join('').slice(0, 60)}”`);
      }
    }
    if (process.env.MISSES) {
      for (const t of g.filter((t) => !p.some((s) => overlap(text, s, t) >= 0.5))) {
        console.log(`${title}: missed ${label} “${Array.from(text).slice(t.start, t.end).join('')}”`);
      }
    }
  }
  // Quotes in quotation marks (the recall target).
  for (const quote of spans.filter((s) => s.label === 'quote' && opensWithMark(text, s))) {
    direct.gold += 1;
    if (pred.some((s) => s.label === 'quote' && overlap(text, s, quote) >= 0.5)) direct.found += 1;
  }
  // Links: for each gold quote found, is its predicted source the gold source?
  for (const quote of spans.filter((s) => s.label === 'quote')) {
    const found = pred.find((s) => s.label === 'quote' && overlap(text, s, quote) >= 0.5);
    if (!found) continue;
    quotesFound += 1;
    const goldSource = spans.find((s) => s.label === 'source' && s.id === quote.source);
    const relation = file.relations.find((r) => r.from === found.id);
    const source = relation && pred.find((s) => s.id === relation.to);
    if (goldSource && source && overlap(text, source, goldSource) >= 0.5) rightSource += 1;
    else if (process.env.MISSES) {
      const say = (s) => (s ? Array.from(text).slice(s.start, s.end).join('') : '—');
      console.log(`${title}: ${say(quote).slice(0, 50)} — gold ${say(goldSource)}, suggested ${say(source)}`);
    }
  }
}
const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(0)} %` : '—');
console.log(`development set: ${Object.keys(gold).length} articles (tests/suggest-dev)`);
for (const [label, c] of Object.entries(counts)) {
  console.log(`${label}: ${c.gold} gold, ${c.pred} suggested; precision ${pct(c.exact, c.pred)} exact, ${pct(c.loose, c.pred)} at ≥ 50 % overlap; recall ${pct(c.exactRecall, c.gold)} exact, ${pct(c.looseRecall, c.gold)} at ≥ 50 % overlap`);
}
console.log(`quotes in quotation marks: recall ${pct(direct.found, direct.gold)} at ≥ 50 % overlap (${direct.found} of ${direct.gold})`);
console.log(`the right source for ${rightSource} of ${quotesFound} quotes found (${pct(rightSource, quotesFound)})`);
await rm(dir, { recursive: true, force: true });
