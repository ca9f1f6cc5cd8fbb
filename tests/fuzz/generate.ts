import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A seeded PRNG (mulberry32): case `i` of seed `s` is the same on every machine, so a failure reproduces. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** What the cases are made from: real slide files, their data files, and the fenced block specs in them. */
export interface Corpus {
  slides: { path: string; text: string }[];
  data: Record<string, string>;
  specs: { name: string; body: string }[];
}

const FENCE = /^```([\w-]+)[^\n]*\n([\s\S]*?)^```$/gm;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The deck's slides and the test fixtures' (broken ones included), read once. */
export function loadCorpus(repo: string): Corpus {
  const roots = [join(repo, 'slides'), join(repo, 'tests/fixtures')];
  const files = roots.flatMap((r) => walk(r)).filter((f) => /\.(md|ya?ml)$/.test(f));
  const corpus: Corpus = { slides: [], data: {}, specs: [] };
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const path = relative(repo, file).split('\\').join('/');
    if (path.endsWith('.md')) {
      corpus.slides.push({ path, text });
      for (const m of text.matchAll(FENCE)) corpus.specs.push({ name: m[1]!, body: m[2]! });
    } else if (path.startsWith('slides/')) corpus.data[path] = text;
  }
  return corpus;
}

const BLOCKS = ['chart', 'chain-map', 'timeline', 'figures', 'sources', 'chrat', 'js', 'text', ''];
const PIECES = [
  '---',
  '--',
  '\n---\n',
  '\n--\n',
  '```',
  '~~~',
  '````',
  'Note:',
  'Notes:',
  '<!--',
  '-->',
  '<!-- .slide: class="x" data-background-color="#fff" -->',
  '<!-- .element: class="fragment" -->',
  '<!-- .slide: data-x="',
  '{.fragment}',
  '{#id .a data-x=1}',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '![x](',
  '![图](img/none.png)',
  '![x](../../../../etc/passwd)',
  '![x](%2e%2e/%2e%2e/x)',
  '<img src="../../x">',
  '<style>a{background:url(../../y)}</style>',
  '|',
  '| a | b |\n| - | - |\n| 1 | 2 |',
  '*',
  '**',
  '_',
  '>',
  '# ',
  '## ',
  '- ',
  '1. ',
  '\t',
  '  ',
  '\n',
  '\n\n',
  '济南',
  '工业强市',
  '“',
  '”',
  '，',
  '&#0;',
  '&amp;',
  '<script>',
  '</section>',
  '<section>',
  '<div>',
  ':',
  ': ',
  '"',
  "'",
  '- fact: ',
  'data: ./data/charts.yaml#',
  'type: bar',
  'type: line',
  'labels: [',
  'datasets:',
  '  - label: ',
  '    data: [',
  'source: ',
  'date: ',
  'events:',
  'tiers:',
  '  - nodes: [',
  'links:',
  'from: ',
  'to: ',
  'step: ',
  'height: ',
  '1e999',
  '-0',
  'NaN',
  'null',
  '~',
  '&a',
  '*a',
  '!!binary',
  '%YAML 1.2',
  '? ',
  '\uFEFF',
  '\u00A0',
  '\u3000',
  '😀',
  '\u200B',
];

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const int = (r: () => number, max: number) => Math.floor(r() * max);

/** Text that is text: printable characters and the odd CJK, emoji or space (never a control character). */
function noise(r: () => number, size: number): string {
  let out = '';
  while (out.length < size) {
    if (r() < 0.6) out += pick(r, PIECES);
    else {
      const c = 0x20 + int(r, 0x3000 - 0x20);
      out += c >= 0x7f && c <= 0x9f ? ' ' : String.fromCharCode(c);
    }
  }
  return out;
}

/** A random edit: delete, duplicate, swap or insert lines, cut characters, drop in pieces or noise. */
export function mutate(r: () => number, text: string, edits: number): string {
  let lines = text.split('\n');
  for (let e = 0; e < edits; e++) {
    const at = int(r, lines.length + 1);
    switch (int(r, 9)) {
      case 0:
        lines.splice(at, 1 + int(r, 3));
        break;
      case 1:
        lines.splice(at, 0, ...lines.slice(at, at + 1 + int(r, 4)));
        break;
      case 2: {
        const b = int(r, lines.length);
        [lines[at], lines[b]] = [lines[b] ?? '', lines[at] ?? ''];
        break;
      }
      case 3:
        lines.splice(at, 0, pick(r, PIECES));
        break;
      case 4: {
        const line = lines[at] ?? '';
        const col = int(r, line.length + 1);
        lines[at] = line.slice(0, col) + pick(r, PIECES) + line.slice(col + int(r, 3));
        break;
      }
      case 5: {
        const line = lines[at] ?? '';
        lines[at] = line.slice(0, int(r, line.length + 1));
        break;
      }
      case 6:
        lines[at] = (lines[at] ?? '').replace(/\d+(\.\d+)?/, () =>
          pick(r, ['-1', '0', '1e308', 'x', '""', '[]', '99999999']),
        );
        break;
      case 7:
        lines[at] = ' '.repeat(int(r, 6)) + (lines[at] ?? '').trimStart();
        break;
      default:
        lines.splice(at, 0, noise(r, 1 + int(r, 60)));
    }
    if (lines.length === 0) lines = [''];
  }
  return lines.join('\n');
}

export interface FuzzCase {
  kind: 'random file' | 'mutated file' | 'block spec' | 'mutated data';
  files: { path: string; text: string }[];
  /** Every file the host serves (the markdown and the data files). */
  host: Record<string, string>;
}

/** Case `index` of `seed`: one of four kinds, each a small deck of one to three markdown files. */
export function fuzzCase(corpus: Corpus, seed: number, index: number): FuzzCase {
  const r = random((seed * 1_000_003 + index) >>> 0);
  const host: Record<string, string> = { ...corpus.data };
  let files: { path: string; text: string }[];
  const kindRoll = r();
  let kind: FuzzCase['kind'];
  if (kindRoll < 0.25) {
    kind = 'random file';
    files = Array.from({ length: 1 + int(r, 3) }, (_, k) => ({
      path: `slides/0${k}-fuzz.md`,
      text: noise(r, int(r, 4000)),
    }));
  } else if (kindRoll < 0.55) {
    kind = 'mutated file';
    const base = pick(r, corpus.slides);
    files = [
      {
        path: base.path.startsWith('slides/') ? base.path : 'slides/01-fuzz.md',
        text: mutate(r, base.text, 1 + int(r, 12)),
      },
    ];
    if (r() < 0.3)
      files.push({ path: 'slides/99-more.md', text: mutate(r, pick(r, corpus.slides).text, int(r, 6)) });
  } else if (kindRoll < 0.9) {
    kind = 'block spec';
    const spec = pick(r, corpus.specs);
    const name = r() < 0.85 ? spec.name : pick(r, BLOCKS);
    const body = r() < 0.15 ? noise(r, int(r, 600)) : mutate(r, spec.body, int(r, 8));
    const info = r() < 0.2 ? ` ${pick(r, ['step=tiers', 'x', 'step=', '{.a}'])}` : '';
    const close = r() < 0.9 ? '```' : '';
    files = [
      {
        path: 'slides/01-block.md',
        text: `## 块\n\n\`\`\`${name}${info}\n${body}\n${close}\n\nNote:\n说明\n`,
      },
    ];
  } else {
    kind = 'mutated data';
    for (const path of Object.keys(host)) if (r() < 0.7) host[path] = mutate(r, host[path]!, 1 + int(r, 6));
    files = [
      {
        path: 'slides/01-data.md',
        text: pick(
          r,
          corpus.slides.filter((s) => s.path.startsWith('slides/')),
        ).text,
      },
    ];
  }
  for (const f of files) host[f.path] = f.text;
  return { kind, files, host };
}
