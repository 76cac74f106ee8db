// Deterministic test material for the benchmark: a long article mixing scripts,
// and a native export of it with many annotations, some nested.
const WORDS = [
  'the', 'minister', 'said', 'talks', 'would', 'begin', 'on', 'Thursday', 'according', 'to',
  'officials', 'coalition', 'troops', 'Baghdad', 'Washington', 'attacks', 'need', 'stop',
  'timeline', 'withdrawal', 'security', 'source', 'told', 'AFP', 'reporters', 'in', 'a', 'statement',
  'قال', 'المتحدث', 'الحكومة', '😀', '東京', 'naïve', 'e\u0301te\u0301',
];

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/// About `chars` code points of hard-wrapped paragraphs.
export function generateArticle(chars = 1_000_000, seed = 7) {
  const next = random(seed);
  const parts = [];
  let length = 0;
  let line = 0;
  while (length < chars) {
    const word = WORDS[Math.floor(next() * WORDS.length)];
    const separator = line > 70 ? (next() < 0.15 ? '\n\n' : '\n') : ' ';
    line = separator === ' ' ? line + word.length + 1 : 0;
    parts.push(word, separator);
    length += Array.from(word).length + separator.length;
  }
  return parts.join('');
}

/// A native export of `text` with `count` annotations spread evenly; every tenth
/// claim encloses the quote after it. Returns the file and the free gaps (code
/// point ranges with no annotation) for tagging in the benchmark.
export function generateExport(text, count = 5000, seed = 11, { links = 0 } = {}) {
  const next = random(seed);
  const chars = Array.from(text);
  const stride = Math.floor(chars.length / count);
  const labels = ['claim', 'quote', 'source'];
  const annotations = [];
  const gaps = [];
  const isSpace = (c) => /\s/u.test(c);
  for (let i = 0; i < count; i++) {
    let start = i * stride;
    while (start < chars.length && isSpace(chars[start])) start++;
    let end = Math.min(start + 5 + Math.floor(next() * 50), i * stride + stride / 2);
    while (end > start + 1 && isSpace(chars[end - 1])) end--;
    const label = i % 10 === 9 ? 'claim' : labels[i % 3];
    annotations.push({ id: `a${i + 1}`, label, start, end, text: chars.slice(start, end).join('') });
    gaps.push([i * stride + Math.ceil(stride / 2) + 2, (i + 1) * stride - 2]);
  }
  // Nesting: every tenth claim grows to enclose the next annotation.
  for (let i = 9; i + 1 < annotations.length; i += 10) {
    const outer = annotations[i];
    outer.end = annotations[i + 1].end;
    outer.text = chars.slice(outer.start, outer.end).join('');
    gaps[i] = null;
  }
  annotations.sort((a, b) => a.start - b.start || b.end - a.end || a.label.localeCompare(b.label));
  // Links: each quote or claim to the nearest source before it, up to `links`.
  const relations = [];
  let lastSource = null;
  for (const annotation of annotations) {
    if (relations.length >= links) break;
    if (annotation.label === 'source') lastSource = annotation.id;
    else if (lastSource) {
      relations.push({ id: `r${relations.length + 1}`, type: 'attribution', from: annotation.id, to: lastSource });
    }
  }
  const file = {
    format: 'marginalia',
    version: 2,
    document: { title: 'Benchmark article', text },
    labels: [{ id: 'claim', name: 'Claim' }, { id: 'quote', name: 'Quote' }, { id: 'source', name: 'Source' }],
    annotations,
    relations,
  };
  return { json: JSON.stringify(file), gaps: gaps.filter(Boolean) };
}
