import { describe, expect, it } from 'vitest';
import { COUNT_MS, countAt } from '../../src/blocks/metric/shared/count.ts';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { compile, dom } from './helpers.ts';

const FACTS = `sources:
  a: { short: 来源甲, title: 甲 }
facts:
  revenue: { value: 10189.4, unit: 亿元, text: 规上工业营业收入, source: a }
  growth: { value: 5.2, unit: '%', text: 营业收入增长, source: a }
  est: { value: 42, unit: 个, text: 推算数, source: a, derived: true }
`;

const deck = (body: string, options: { sources?: 'required' | 'optional' } = {}) =>
  compile({ 'slides/a.md': `## 标题\n\n${body}` }, { 'slides/data/facts.yaml': FACTS }, 'zh-Hans', options);

const metricOf = (d: ReturnType<typeof deck>) => dom(d).querySelector('[data-block="metric"]');

describe('```metric', () => {
  it('takes its number, unit, label and source from a fact, exact in the HTML, and pending until shown', () => {
    const d = deck('```metric\nfact: revenue\ncompare: {label: 较上年, fact: growth}\n```');
    expect(d.diagnostics).toEqual([]);
    const m = metricOf(d)!;
    expect(m.getAttribute('data-block-state')).toBe('pending');
    expect(m.getAttribute('data-metric-value')).toBe('10189.4');
    expect(m.getAttribute('data-metric-decimals')).toBe('1');
    expect(m.querySelector('.metric-number')?.textContent).toBe('10189.4');
    expect(m.querySelector('.metric-unit')?.textContent).toBe('亿元');
    expect(m.querySelector('.metric-label')?.textContent).toBe('规上工业营业收入');
    expect(m.querySelector('.metric-compare')?.textContent).toBe('较上年 +5.2%');
    expect(m.querySelector('.metric-source')?.textContent).toBe('来源：来源甲');
    expect(d.blocks).toEqual(['metric']);
    expect(d.dependencies).toEqual(['slides/data/facts.yaml']);
  });

  it('is read as text: the figure whole for screen readers, the animated digits hidden from them', () => {
    const m = metricOf(deck('```metric\nfact: revenue\n```'))!;
    expect(m.querySelector('.metric-text')?.textContent).toBe('10189.4亿元');
    expect(m.querySelector('.metric-text')?.getAttribute('aria-hidden')).toBeNull();
    expect(m.querySelector('.metric-number')?.getAttribute('aria-hidden')).toBe('true');
    expect(m.querySelector('.metric-unit')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('takes a value written in the spec with its source, a comparison as written, and decimals', () => {
    const d = deck(
      '```metric\nvalue: 12\nunit: 条\nlabel: 重点产业链\ncompare: 较上年 +2条\nsource: 某报告\ndecimals: 1\n```',
      {
        sources: 'required',
      },
    );
    expect(d.diagnostics).toEqual([]);
    const m = metricOf(d)!;
    expect(m.querySelector('.metric-number')?.textContent).toBe('12.0');
    expect(m.querySelector('.metric-compare')?.textContent).toBe('较上年 +2条');
    expect(m.querySelector('.metric-source')?.textContent).toBe('来源：某报告');
  });

  it('marks a derived fact', () => {
    const m = metricOf(deck('```metric\nfact: est\n```'))!;
    expect(m.getAttribute('data-derived')).toBe('true');
    expect(m.querySelector('.metric-source')?.textContent).toContain('推算');
  });

  it('reports what is missing or wrong at its line and column, with the fix', () => {
    const lines = (body: string, options = {}) => deck(body, options).diagnostics.map(formatDiagnostic);
    expect(lines('```metric\nfact: revenu\n```')).toEqual([
      'slides/a.md:4:7: metric: unknown fact "revenu"; did you mean "revenue"? (facts are listed in slides/data/facts.yaml)',
    ]);
    expect(lines('```metric\nlabel: x\n```')).toEqual([
      expect.stringContaining(
        'metric: needs the number: add fact: <id> (from the facts file) or value: <number>',
      ),
    ]);
    expect(lines('```metric\nvalue: 3\nlabel: x\n```', { sources: 'required' })).toEqual([
      'slides/a.md:4:8: metric: a figure must say where it comes from: add source: … or take it from a fact (fact: <id>)',
    ]);
    expect(lines('```metric\nfact: revenue\nvalue: 3\n```')).toEqual([
      'slides/a.md:5:8: metric: give fact: or value:, not both (fact "revenue" has its value)',
    ]);
    expect(lines('```metric\nvalue: 3\nsource: x\n```')).toEqual([
      expect.stringContaining('metric: needs a label: add label: …'),
    ]);
    expect(lines('```metric\nfact: revenue\ncompare: {fact: grow}\n```')).toEqual([
      expect.stringContaining('metric: unknown fact "grow"; did you mean "growth"?'),
    ]);
    // Nothing of a broken metric is drawn as if it were right: the slide shows the error.
    expect(deck('```metric\nfact: revenu\n```').html).toContain('deck-error');
  });
});

describe('the count-up', () => {
  it('counts from 0 up to exactly the value, with its decimals throughout, and never past it', () => {
    expect(countAt(10189.4, 1, 0)).toBe('0.0');
    const steps = [0, 100, 300, 600, 900, 1100].map((t) => Number(countAt(10189.4, 1, t)));
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(Math.max(...steps)).toBeLessThan(10189.4);
    expect(countAt(10189.4, 1, 600)).toMatch(/^\d+\.\d$/);
    expect(countAt(10189.4, 1, COUNT_MS)).toBe('10189.4');
    expect(countAt(10189.4, 1, COUNT_MS * 5)).toBe('10189.4');
    expect(countAt(-3, 0, COUNT_MS)).toBe('-3');
  });
});
