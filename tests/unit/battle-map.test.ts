import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { compile, dom } from './helpers.ts';

const FACTS = `sources:
  a: { short: 来源甲 2025-05-14, title: 甲 }
  b: { short: 来源乙, title: 乙 }
facts:
  chains: { value: 13, unit: 条, text: 标志性产业链, source: a }
  share: { value: 8.6, unit: '%', text: 推算比重, source: a, derived: true }
  total: { value: 66, unit: 条, text: 全省, source: b }
`;

const deck = (spec: string) =>
  compile(
    { 'slides/a.md': `## 作战图\n\n\`\`\`battle-map\n${spec}\n\`\`\`\n` },
    { 'slides/data/facts.yaml': FACTS },
  );

const SPEC = `numbering: cjk
columns: [方向, 目标, 来源]
interpretation: 各行内容为本演示的归类
rows:
  - direction: 把准<wbr>主攻方向
    link: dir-1
    items:
      - {fact: chains, label: 标志性产业链}
      - text: 对标全省[[total]]
  - direction: 第二个方向
    sources: [b]
    items:
      - {fact: share}`;

describe('```battle-map', () => {
  it('renders rows down the side, each a fragment linking to its section, with figures and sources', () => {
    const d = deck(SPEC);
    expect(d.diagnostics).toEqual([]);
    const doc = dom(d);
    const rows = [...doc.querySelectorAll('[data-block="battle-map"] .bm-row')];
    expect(rows.map((r) => r.getAttribute('class'))).toEqual(['bm-row fragment', 'bm-row fragment']);
    expect(rows.map((r) => r.querySelector('.bm-no')?.textContent)).toEqual(['一', '二']);
    expect(rows[0]?.querySelector('a.bm-head')?.getAttribute('href')).toBe('#/dir-1');
    expect(rows[1]?.querySelector('a')).toBeNull();
    expect(rows[0]?.querySelector('.bm-direction')?.innerHTML).toBe('把准<wbr>主攻方向');
    expect(rows[0]?.querySelector('.bm-value')?.textContent).toBe('13条');
    expect(rows[0]?.querySelector('.bm-text')?.textContent).toBe('对标全省66条');
    expect(rows[0]?.querySelector('.bm-source')?.textContent).toBe('来源甲 2025-05-14');
    expect(rows[0]?.querySelector('.bm-source .nw')?.textContent).toBe('2025-05-14');
    expect(rows[1]?.querySelector('.bm-figure')?.getAttribute('data-derived')).toBe('true');
    expect(rows[1]?.querySelector('.fact-mark')?.textContent).toBe('推算');
    expect(rows[1]?.querySelector('.bm-source')?.textContent).toBe('来源乙；来源甲 2025-05-14');
    expect(doc.querySelector('.bm-items')?.getAttribute('data-interpretation')).toBe('true');
    // In words, once: no 解读 badge on the slide face.
    expect(doc.querySelector('.bm-legend')?.textContent).toBe('各行内容为本演示的归类');
    expect(doc.querySelector('.bm-legend .interp-key')).toBeNull();
    expect(d.cited).toEqual(['b', 'a']);
  });

  it('says the sources once under the map, with no source column, when every row has the same', () => {
    const doc = dom(
      deck(`columns: [方向, 目标, 来源]
rows:
  - direction: 甲
    items: [{fact: chains}]
  - direction: 乙
    sources: [a]
    items: [{text: 丙}]`),
    );
    const map = doc.querySelector('[data-block="battle-map"]');
    expect(map?.getAttribute('data-sources')).toBe('shared');
    expect(map?.querySelectorAll('.bm-row .bm-source')).toHaveLength(0);
    expect([...(map?.querySelectorAll('.bm-columns span') ?? [])].map((c) => c.textContent)).toEqual([
      '方向',
      '目标',
    ]);
    expect(map?.querySelector('.bm-rows + .bm-source-shared')?.textContent).toBe('来源：来源甲 2025-05-14');
    // Different sources row by row: each row keeps its own, under the full column headings.
    const mixed = dom(deck(SPEC)).querySelector('[data-block="battle-map"]');
    expect(mixed?.hasAttribute('data-sources')).toBe(false);
    expect(mixed?.querySelectorAll('.bm-columns span')).toHaveLength(3);
    expect(mixed?.querySelector('.bm-source-shared')).toBeNull();
  });

  it('steps nothing with step: none, numbers 1 2 3 by default', () => {
    const doc = dom(deck('step: none\nrows:\n  - direction: 甲\n    items: [{text: 乙}]'));
    expect(doc.querySelector('.bm-row')?.getAttribute('class')).toBe('bm-row');
    expect(doc.querySelector('.bm-no')?.textContent).toBe('1');
  });

  it('reports unknown facts and sources, bad keys and numbers typed by hand, at their line and column', () => {
    const problems = (spec: string) => deck(spec).diagnostics.map(formatDiagnostic);
    expect(problems('rows:\n  - direction: 甲\n    items: [{fact: chain}]')).toEqual([
      'slides/a.md:6:20: battle-map: unknown fact "chain"; did you mean "chains"? (facts are listed in slides/data/facts.yaml)',
    ]);
    expect(problems('rows:\n  - direction: 甲\n    sources: [zz]\n    items: [{text: 乙}]')[0]).toMatch(
      /^slides\/a\.md:6:15: battle-map: unknown source "zz"/,
    );
    expect(problems('rows:\n  - direction: 甲\n    itmes: [{text: 乙}]')[0]).toMatch(
      /^slides\/a\.md:\d+:\d+: battle-map: /,
    );
    expect(problems('rows:\n  - direction: 甲\n    items: [{text: 共13条}]')[0]).toMatch(
      /^slides\/a\.md:6:21: "13" is typed by hand .*\[\[chains\]\]/,
    );
  });
});
