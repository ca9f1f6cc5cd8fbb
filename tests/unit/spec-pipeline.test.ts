import { describe, expect, it } from 'vitest';
import { defaultBlocks } from '../../src/blocks/registry.ts';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { suggest } from '../../src/compiler/suggest.ts';
import { compile } from './helpers.ts';

/**
 * Every block and the front matter read YAML through one pipeline (positions → valibot → one explainer → one
 * suggester): a mistyped key is reported the same way everywhere, at its line and column, with the key meant.
 */
const MISTYPED: Record<string, { spec: string; at: string; message: string }> = {
  chart: {
    spec: 'type: bar\nlabels: [a]\ndatasets: [{label: x, data: [1]}]\ntitel: x',
    at: '7:1',
    message: 'chart: unknown key "titel" in the spec: did you mean "title"?',
  },
  figures: {
    spec: '- fact: revenue\n  lable: x',
    at: '5:3',
    message: 'figures: unknown key "lable" in [0]: did you mean "label"?',
  },
  'chain-map': {
    spec: 'tiers:\n  - nodes: [{id: a, lable: x}]',
    at: '5:21',
    message: 'chain-map: unknown key "lable" in tiers[0].nodes[0]: did you mean "label"?',
  },
  timeline: {
    spec: 'events:\n  - {date: 2020, title: x, detial: y}',
    at: '5:28',
    message: 'timeline: unknown key "detial" in events[0]: did you mean "detail"?',
  },
  'battle-map': {
    spec: 'rows:\n  - direction: x\n    itmes: [{text: y}]',
    at: '6:5',
    message: 'battle-map: unknown key "itmes" in rows[0]: did you mean "items"?',
  },
  sources: {
    spec: 'dat: ./data/facts.yaml',
    at: '4:1',
    message: 'sources: unknown key "dat" in the spec: did you mean "data"?',
  },
  metric: {
    spec: 'value: 1\nsource: x\nlable: y',
    at: '6:1',
    message: 'metric: unknown key "lable" in the spec: did you mean "label"?',
  },
  table: {
    spec: 'columns: [{title: a, formt: number}]\nrows: [[1]]',
    at: '4:22',
    message: 'table: unknown key "formt" in columns[0]: did you mean "format"?',
  },
};

describe('one spec pipeline', () => {
  it('has a case for every registered block, and every block declares its narrow rendering', () => {
    expect(defaultBlocks.map((b) => b.name).sort()).toEqual(Object.keys(MISTYPED).sort());
    for (const block of defaultBlocks) expect(['reflow', 'scroll', 'redraw']).toContain(block.narrow);
  });

  for (const [name, c] of Object.entries(MISTYPED)) {
    it(`${name}: a mistyped key is located, with the key meant`, () => {
      const deck = compile({ 'docs/a.md': `# t\n\n\`\`\`${name}\n${c.spec}\n\`\`\`\n` });
      const lines = deck.diagnostics.map(formatDiagnostic);
      expect(lines.filter((l) => l.includes('unknown key'))).toEqual([
        expect.stringContaining(`docs/a.md:${c.at}: ${c.message}`),
      ]);
      expect(deck.html).toContain('deck-error');
    });
  }

  it('front matter: the same explainer and suggester', () => {
    const deck = compile({ 'slides/a.md': '---\ntitle: t\ntransiton: fade\n---\n\n# a\n' });
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(
        /^slides\/a\.md:3:1: unknown key "transiton" in front matter: did you mean "transition"\? known keys are /,
      ),
    ]);
    // The valid keys still apply.
    expect(deck.meta.title).toBe('t');
  });

  it('a choice mistyped is a suggestion too', () => {
    const deck = compile({
      'docs/a.md': '# t\n\n```chart\ntype: lien\nlabels: [a]\ndatasets: [{label: x, data: [1]}]\n```\n',
    });
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([
      'docs/a.md:4:7: chart: type must be one of bar, line, doughnut, pie; got "lien": did you mean "line"?',
    ]);
  });
});

describe('one suggester', () => {
  it('finds typos (edits), truncations (held) and shared beginnings, nearest first', () => {
    expect(suggest('chrat', ['chart', 'chain-map', 'figures'])).toEqual(['chart']);
    expect(suggest('reven', ['revenue', 'share-2022'])).toEqual(['revenue']);
    expect(suggest('colour', ['title', 'color'])).toEqual(['color']);
    expect(suggest('chain', ['chains', 'chain-map', 'x'], 3)).toEqual(['chains', 'chain-map']);
    expect(suggest('zzz', ['title', 'color'])).toEqual([]);
    expect(suggest('title', ['title'])).toEqual([]);
  });
});
