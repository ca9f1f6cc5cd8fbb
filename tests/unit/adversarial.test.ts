import { describe, expect, it } from 'vitest';
import { compile } from './helpers.ts';

/** A small seeded PRNG, so a failing random input can be reproduced. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = [
  '---',
  '--',
  '```',
  '~~~',
  '```chart',
  'Note:',
  '<!--',
  '-->',
  '<!-- .element: class="x" -->',
  '{.a}',
  '[',
  ']',
  '(',
  ')',
  '![x](',
  '|',
  '*',
  '_',
  '>',
  '#',
  '\n',
  '\n\n',
  '济南',
  '&#0;',
  '<script>',
  ' ',
];

function garbage(seed: number, size: number): string {
  const next = random(seed);
  let out = '';
  while (out.length < size) {
    if (next() < 0.5) out += PIECES[Math.floor(next() * PIECES.length)];
    else {
      // Text only: control characters are refused as binary (tested in files.test.ts and the fuzz test).
      const c = 0x20 + Math.floor(next() * (0x3000 - 0x20));
      out += c >= 0x7f && c <= 0x9f ? ' ' : String.fromCharCode(c);
    }
  }
  return out;
}

/** Each input must compile to slides and diagnostics within the time box: never a throw or a hang. */
const CASES: [string, () => string][] = [
  ['5,000 nested blockquotes', () => `${'>'.repeat(5000)} deep`],
  [
    '1,000 nested list levels',
    () => Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n'),
  ],
  ['10,000 open brackets and emphasis', () => `${'['.repeat(10000)}${'*_'.repeat(10000)}`],
  [
    '5,000 slides',
    () => Array.from({ length: 5000 }, (_, i) => `## 第${i}页\n\nNote: 第${i}页`).join('\n\n---\n\n'),
  ],
  [
    'a table of 2,000 rows by 20 columns',
    () =>
      [
        `|${' h |'.repeat(20)}`,
        `|${' --- |'.repeat(20)}`,
        ...Array.from(
          { length: 2000 },
          (_, r) => `|${Array.from({ length: 20 }, (_, c) => ` ${r * c} |`).join('')}`,
        ),
      ].join('\n'),
  ],
  ['200 KB of random text', () => garbage(1, 200_000)],
  ['random text, second seed', () => garbage(2, 100_000)],
  ['unclosed everything', () => '---\ntitle: [\n```\n<!-- .slide:\n'],
  // Found by the fuzz test: empty text tokens next to a line break threw in the CJK line-break rule.
  ['a break after an attribute block', () => '{f}\n[]()'],
  ['breaks around empty inline HTML', () => '中\n<span></span>\n文'],
];

describe('adversarial input', () => {
  it.each(CASES)('%s', (_name, make) => {
    const text = make();
    const started = performance.now();
    const deck = compile({ 'slides/x.md': text });
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(Array.isArray(deck.diagnostics)).toBe(true);
    for (const d of deck.diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.message.length).toBeGreaterThan(10);
    }
    expect(deck.stacks.length).toBeGreaterThan(0);
  });

  it('5,000 slides come out as 5,000 sections with their notes', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `## 第${i}页\n\nNote: 第${i}页`).join('\n\n---\n\n');
    const deck = compile({ 'slides/x.md': text });
    expect(deck.stacks.length).toBe(5000);
    expect(deck.stacks[4999]?.[0]?.notes).toContain('第4999页');
  });

  it('random garbage with unclosed fences ends in a located diagnostic', () => {
    const deck = compile({ 'slides/x.md': `${garbage(3, 20_000)}\n\n~~~~~~~~~~~~\nnever closed` });
    expect(deck.diagnostics.some((d) => /never closed/.test(d.message))).toBe(true);
  });
});
