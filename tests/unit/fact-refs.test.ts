import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { compile, dom } from './helpers.ts';

const FACTS = `sources:
  a: { short: 来源甲, title: 甲 }
  b: { short: 来源乙, title: 乙 }
facts:
  revenue: { value: 10189.4, unit: 亿元, text: 营业收入, source: a }
  share-2022: { value: 8.6, unit: '%', text: 推算比重, source: a, derived: true }
  projects: { value: 4500, unit: 个以上, text: 谋划项目, source: b }
`;

const deck = (body: string, facts: string | null = FACTS) =>
  compile({ 'slides/a.md': `## 标题\n\n${body}` }, facts === null ? {} : { 'slides/data/facts.yaml': facts });
const problems = (body: string, facts: string | null = FACTS) =>
  deck(body, facts).diagnostics.map(formatDiagnostic);

describe('[[fact]] references in markdown', () => {
  it('resolves a fact to its value and unit, with its source in a footnote and a 推算 mark', () => {
    const d = deck('营收达到[[revenue]]，比重[[share-2022]]，共[[projects|value]]个。\n\n见[[src:b]]');
    expect(d.diagnostics).toEqual([]);
    const doc = dom(d);
    const refs = [...doc.querySelectorAll('.fact')];
    expect(refs.map((r) => r.textContent)).toEqual(['10189.4亿元', '8.6%推算', '4500']);
    expect(refs[0]?.getAttribute('title')).toBe('来源：来源甲');
    expect(refs[1]?.querySelector('.fact-mark')?.textContent).toBe('推算');
    expect(doc.querySelector('cite.source-ref')?.textContent).toBe('来源乙');
    expect(doc.querySelector('.slide-sources')?.textContent).toBe('来源：来源甲；来源乙');
  });

  it('resolves references in notes and raw HTML, without a footnote for notes', () => {
    const d = deck('<div class="x"><b>[[revenue]]</b></div>\n\nNote:\n说明[[projects]]。');
    expect(d.diagnostics).toEqual([]);
    expect(dom(d).querySelector('.x b')?.textContent).toBe('10189.4亿元');
    expect(dom(d).querySelector('aside.notes')?.textContent).toContain('4500个以上');
    expect(dom(d).querySelector('.slide-sources')?.textContent).toBe('来源：来源甲');
  });

  it('reports an unknown id at its line and column, with a suggestion', () => {
    expect(problems('第一行\n营收[[revenu]]')).toEqual([
      'slides/a.md:4:3: [[revenu]]: unknown fact "revenu"; did you mean "revenue"? (facts are listed in slides/data/facts.yaml)',
    ]);
    expect(problems('[[src:zz]]')[0]).toMatch(/^slides\/a\.md:3:1: \[\[src:zz\]\]: unknown source "zz"/);
    expect(problems('[[revenue]]', null)[0]).toMatch(/there is no facts file/);
  });

  it('reports a number typed by hand where a fact holds it, in prose, HTML, notes and blocks', () => {
    expect(problems('营收达到10189.4亿元')).toEqual([
      'slides/a.md:3:5: "10189.4" is typed by hand but the facts file holds it: write [[revenue]] so the number keeps its unit and source',
    ]);
    expect(problems('<p>谋划4500个</p>')[0]).toMatch(/^slides\/a\.md:3:6: "4500" .*\[\[projects\]\]/);
    expect(problems('正文\n\nNote:\n比重8.6%')[0]).toMatch(/^slides\/a\.md:6:3: "8.6"/);
    expect(
      problems('```chain-map\ntiers:\n  - nodes:\n      - {id: a, label: 营收10189.4亿元}\n```')[0],
    ).toMatch(/^slides\/a\.md:6:26: "10189.4" .*\[\[revenue\]\]/);
    // Other numbers, other units, longer numbers: not a fact.
    expect(problems('2024年营收10189.4万元，共14500个，8.6倍')).toEqual([]);
    expect(problems('营收10189.4亿元', null)).toEqual([]);
  });
});

describe('fact: in blocks', () => {
  it('a chain-map node takes its figure and source from a fact', () => {
    const d = deck(
      '```chain-map\nheight: 400\ntiers:\n  - nodes:\n      - {id: a, label: 收入, fact: revenue}\n      - {id: b, label: 比重, fact: share-2022}\n```',
    );
    expect(d.diagnostics).toEqual([]);
    const figs = [...dom(d).querySelectorAll('.cm-figure')].map((f) => f.textContent);
    expect(figs).toEqual(['10189.4亿元', '8.6%（推算）']);
    expect(dom(d).querySelector('[data-block="chain-map"]')?.textContent).toContain('来源甲');
    expect(
      problems('```chain-map\ntiers:\n  - nodes:\n      - {id: a, label: 收入, fact: nope}\n```')[0],
    ).toMatch(/^slides\/a\.md:6:34: chain-map: .*unknown fact "nope"/);
  });

  it('a chart series takes its data from facts, marks derived points and cites their sources', () => {
    const d = deck(
      '```chart\ntype: bar\nlabels: [甲, 乙]\ndatasets:\n  - label: 比重\n    facts: [revenue, share-2022]\n```',
    );
    expect(d.diagnostics).toEqual([]);
    const html = d.html;
    expect(html).toContain('10189.4');
    expect(dom(d).querySelector('.chart-source')?.textContent).toContain('来源甲');
    expect(dom(d).querySelector('td[data-derived]')?.textContent).toContain('推算');
    expect(
      problems('```chart\ntype: bar\nlabels: [甲]\ndatasets:\n  - label: x\n    facts: [nope]\n```')[0],
    ).toMatch(/^slides\/a\.md:8:13: chart: unknown fact "nope"/);
  });

  it('[[fact]] in a block spec is replaced before the block reads it', () => {
    const d = deck(
      '```chain-map\nheight: 400\ntiers:\n  - nodes:\n      - {id: a, label: "收入[[revenue]]"}\n```',
    );
    expect(d.diagnostics).toEqual([]);
    expect(dom(d).querySelector('.cm-label')?.textContent).toContain('10189.4亿元');
  });
});
