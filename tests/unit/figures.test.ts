import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { compile, dom } from './helpers.ts';

const FACTS = `sources:
  a: { short: 来源甲, title: 甲 }
  b: { short: 来源乙, title: 乙, url: https://example.org/b }
facts:
  revenue: { value: 10189.4, unit: 亿元, text: 营业收入, source: a }
  share-2022: { value: 8.6, unit: '%', text: 推算比重, source: a, derived: true }
  orphan: { value: 1, unit: 个, text: 无来源, source: b }
`;

const deck = (body: string, facts = FACTS) =>
  compile({ 'slides/a.md': `## 标题\n\n${body}` }, { 'slides/data/facts.yaml': facts });

describe('```figures', () => {
  it('renders each fact with its unit, label, source and derived mark', () => {
    const d = deck('```figures\n- fact: revenue\n  label: 规上工业营业收入\n- fact: share-2022\n```');
    expect(d.diagnostics).toEqual([]);
    const figs = [...dom(d).querySelectorAll('[data-block="figures"] figure')];
    expect(figs.map((f) => f.querySelector('.figure-number')?.textContent)).toEqual(['10189.4', '8.6']);
    expect(figs[0]?.querySelector('.figure-unit')?.textContent).toBe('亿元');
    expect(figs[0]?.querySelector('.figure-label')?.textContent).toBe('规上工业营业收入');
    expect(figs[0]?.querySelector('.figure-source')?.textContent).toBe('来源：来源甲');
    expect(figs[1]?.getAttribute('data-derived')).toBe('true');
    expect(figs[1]?.querySelector('.figure-source')?.textContent).toContain('推算');
    expect(d.dependencies).toEqual(['slides/data/facts.yaml']);
  });

  it('steps items as fragments', () => {
    const d = deck('```figures\nstep: items\nitems:\n  - fact: revenue\n```');
    expect(dom(d).querySelector('figure')?.getAttribute('class')).toBe('figure fragment');
  });

  it('reports an unknown fact at its line and column, with a suggestion', () => {
    const d = deck('```figures\n- fact: revenue\n- fact: reven\n```');
    expect(d.diagnostics.map(formatDiagnostic)).toEqual([
      'slides/a.md:5:9: figures: unknown fact "reven"; did you mean "revenue"? (facts are listed in slides/data/facts.yaml)',
    ]);
  });

  it('reports a bad spec, bad YAML, a missing facts file and a fact without a known source', () => {
    expect(deck('```figures\n- value: 3\n```').diagnostics.map((d) => d.message)).toEqual([
      'figures: [0] needs "fact": add fact: …',
      'figures: unknown key "value" in [0]: known keys are fact, label, note',
    ]);
    expect(deck('```figures\n- fact: [\n```').diagnostics[0]).toMatchObject({ line: 4, column: 9 }); // where the [ opens, not the fence after it
    expect(deck('```figures\ndata: ./nope.yaml\nitems: []\n```').diagnostics.map(formatDiagnostic)).toEqual([
      'slides/a.md:3:1: data file slides/nope.yaml not found: create it or fix "data:"',
    ]);
    const bad = deck('```figures\n- fact: revenue\n```', FACTS.replace('source: b', 'source: zz'));
    expect(bad.diagnostics.map(formatDiagnostic)).toEqual([
      'slides/data/facts.yaml:7:51: fact "orphan" names source "zz", which is not under sources:',
    ]);
  });
});

describe('```sources', () => {
  it('lists only the sources the slides cite, in order of first citation, with their details', () => {
    const none = deck('```sources\n```');
    expect(none.diagnostics).toEqual([]);
    expect(dom(none).querySelectorAll('[data-block="sources"] li')).toHaveLength(0);
    // Cited after the sources block: it still counts, the list renders once every slide has.
    const d = deck('```sources\n```\n\n---\n\n```figures\n- fact: orphan\n```\n\n---\n\n[[revenue]]');
    expect(d.diagnostics).toEqual([]);
    const items = [...dom(d).querySelectorAll('[data-block="sources"] li')];
    expect(items.map((li) => li.getAttribute('data-node'))).toEqual(['b', 'a']);
    expect(items[0]?.querySelector('.source-url')?.textContent).toBe('https://example.org/b');
  });
});
