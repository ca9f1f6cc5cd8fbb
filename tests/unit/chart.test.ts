import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import type { ChartModel } from '../../src/contracts/chart-model.ts';
import { compile, dom, fixture } from './helpers.ts';

/** A slide file whose chart fence opens on line 3, so the spec's first line is line 4. */
const slide = (spec: string, path = 'slides/01.md') => ({
  [path]: `## 图\n\n\`\`\`chart\n${spec}\n\`\`\`\n`,
});

const problems = (files: Record<string, string>, extra: Record<string, string> = {}) =>
  compile(files, extra).diagnostics.map(formatDiagnostic);

const models = (doc: Document): ChartModel[] =>
  [...doc.querySelectorAll('script.chart-model')].map((s) => JSON.parse(s.textContent ?? '') as ChartModel);

const VALID = `type: bar
labels: [a, b]
datasets:
  - label: x
    data: [1, 2]
source: s`;

describe('chart blocks', () => {
  it('render a sized figure with an accessible canvas, the model as JSON, the source and a data table', () => {
    const deck = fixture('charts');
    expect(deck.diagnostics).toEqual([]);
    const doc = dom(deck);
    const figures = [...doc.querySelectorAll('figure[data-block="chart"]')];
    expect(figures).toHaveLength(2);
    const [first] = figures;
    expect(first?.getAttribute('data-block-state')).toBe('pending');
    const frame = first?.querySelector('.chart-frame');
    expect(frame?.getAttribute('style')).toMatch(/height:\d+px/);
    const canvas = frame?.querySelector('canvas');
    expect(canvas?.getAttribute('role')).toBe('img');
    expect(canvas?.getAttribute('aria-label')).toBe(
      '柱状图：营业收入。营业收入：2023年 9000.0亿元，2024年 10189.4亿元。来源：测试来源',
    );
    expect(first?.querySelector('.chart-source')?.textContent).toBe('来源：测试来源');
    const cells = [...(first?.querySelectorAll('.chart-table tbody tr') ?? [])].map((r) =>
      [...r.children].map((c) => c.textContent),
    );
    expect(cells).toEqual([
      ['2023年', '9000.0亿元'],
      ['2024年', '10189.4亿元'],
    ]);
    const [model] = models(doc);
    expect(model?.marks).toEqual([{ value: 10000, label: '1万亿元', color: '--deck-ink' }]);
    expect(model?.bounds).toEqual({ min: 0, max: 10189.4 });
  });

  it('take labels, datasets and source from a data file relative to the markdown, and step by fragments', () => {
    const deck = fixture('charts');
    expect(deck.dependencies).toContain('slides/data/shares.yaml');
    const doc = dom(deck);
    const second = doc.querySelectorAll('figure[data-block="chart"]')[1]!;
    const model = models(doc)[1]!;
    expect(model.labels).toEqual(['汽车制造', '电子信息']);
    expect(model.datasets.map((d) => d.text)).toEqual([
      ['8.6%', '9.6%'],
      ['16.4%', '14.6%'],
    ]);
    expect(model.datasets[0]?.derived).toEqual([true, true]);
    expect(model.step).toBe('datasets');
    const steps = second.querySelectorAll(`.fragment.chart-step[data-chart-for="${second.id}"]`);
    expect(steps).toHaveLength(1);
    // The table says which values are derived even where the header says so too.
    expect(second.querySelectorAll('td[data-derived]')).toHaveLength(2);
    expect(second.querySelector('.chart-source')?.textContent).toBe('来源：文章');
  });

  it('escape every string from the spec: nothing in a label can close the script or open a tag', () => {
    const deck = compile(
      slide(`type: pie
labels: ['</script><img src=x onerror=alert(1)>', "b'\\"&"]
datasets: [{label: '<b>x</b>', data: [1, 2]}]
source: '<script>alert(1)</script>'`),
    );
    expect(deck.diagnostics).toEqual([]);
    expect(deck.html).not.toMatch(/<img|<b>|<script>alert/);
    const doc = dom(deck);
    expect(doc.querySelectorAll('script')).toHaveLength(1);
    expect(models(doc)[0]?.labels[0]).toBe('</script><img src=x onerror=alert(1)>');
    expect(doc.querySelector('.chart-table tbody th')?.textContent).toBe(
      '</script><img src=x onerror=alert(1)>',
    );
  });

  it('format values with the unit of the series, or of the chart, and the decimals asked for', () => {
    const doc = dom(
      compile(
        slide(`type: bar
labels: [a, b]
format: {decimals: 2, unit: 亿元}
datasets:
  - {label: x, data: [987.85, 80]}
  - {label: y, data: [1, null], unit: 场}
source: s`),
      ),
    );
    const [model] = models(doc);
    expect(model?.datasets.map((d) => d.text)).toEqual([
      ['987.85亿元', '80.00亿元'],
      ['1.00场', '—'],
    ]);
  });

  it('keep the value axis range over stacked totals, so stepping never rescales it', () => {
    const [model] = models(
      dom(
        compile(
          slide(`type: bar
stacked: true
step: points
labels: [a, b]
datasets:
  - {label: x, data: [224, 50]}
  - {label: y, data: [276, -10]}
source: s`),
        ),
      ),
    );
    expect(model?.bounds).toEqual({ min: -10, max: 500 });
    expect(model?.steps).toBe(1);
  });

  it('give pie slices one colour each from the theme, and map colour names to theme properties', () => {
    const [pie, bar] = models(
      dom(
        compile({
          ...slide('type: doughnut\nlabels: [a, b, c]\ndatasets: [{label: x, data: [1, 2, 3]}]\nsource: s'),
          ...slide(
            'type: bar\nlabels: [a, b]\ndatasets: [{label: x, data: [1, 2], color: [red, slate]}]\nsource: s',
            'slides/02.md',
          ),
        }),
      ),
    );
    expect(pie?.datasets[0]?.colors).toEqual(['--deck-series-1', '--deck-series-2', '--deck-series-3']);
    expect(bar?.datasets[0]?.colors).toEqual(['--deck-red', '--deck-chart-slate']);
  });
});

describe('chart problems are reported at file:line:column', () => {
  it('a type that does not exist', () => {
    expect(problems(slide(VALID.replace('type: bar', 'type: pie-3d')))).toEqual([
      'slides/01.md:4:7: chart: type must be one of bar, line, doughnut, pie; got "pie-3d": did you mean "pie"?',
    ]);
  });

  it('a missing source when the deck requires sources (its config), wherever the file is; none by default', () => {
    const spec = VALID.replace('\nsource: s', '');
    const required = (files: Record<string, string>) =>
      compile(files, {}, 'zh-Hans', { sources: 'required' }).diagnostics.map(formatDiagnostic);
    const message =
      'chart: the spec needs "source": this deck asks every chart to say where its numbers come from (sources: required, in its config), e.g. source: Statistics office, March 2025';
    expect(required(slide(spec))).toEqual([`slides/01.md:4:1: ${message}`]);
    expect(required(slide(spec, 'talk/01.md'))).toEqual([`talk/01.md:4:1: ${message}`]);
    expect(problems(slide(spec))).toEqual([]);
    expect(compile(slide(spec), {}, 'zh-Hans', { sources: 'optional' }).diagnostics).toEqual([]);
  });

  it('a series whose length does not match the labels', () => {
    expect(problems(slide(VALID.replace('data: [1, 2]', 'data: [1, 2, 3]')))).toEqual([
      'slides/01.md:8:11: chart: "datasets[0].data" has 3 values but "labels" has 2: give one value per label (null for a gap)',
    ]);
  });

  it('a series too short in a data file is reported in the data file', () => {
    expect(fixture('charts-broken').diagnostics.map(formatDiagnostic)).toEqual([
      'slides/data/bad.yaml:5:13: chart: "datasets[0].data" has 2 values but "labels" has 3: give one value per label (null for a gap)',
    ]);
  });

  it('a data path that does not exist', () => {
    const files = slide('type: bar\ndata: ./data/x.yaml#industry.share');
    expect(problems(files, { 'slides/data/x.yaml': 'industry:\n  shares: {}\n  revenue: {}\n' })).toEqual([
      'slides/01.md:5:7: chart "data": slides/data/x.yaml has no "industry.share"; at industry it has "shares", "revenue": fix the path after "#"',
    ]);
  });

  it('a data file that does not exist', () => {
    expect(problems(slide('type: bar\ndata: ../data/none.yaml#a'))).toEqual([
      'slides/01.md:5:7: chart "data": data/none.yaml does not exist (resolved from "../data/none.yaml" relative to slides/01.md); create it or fix the path',
    ]);
  });

  it('YAML that does not parse, in the fence or in the data file', () => {
    // At the [ that is never closed (line 5), not the line after it where the parser gives up.
    expect(problems(slide('type: bar\nlabels: [a, b\nsource: s'))).toEqual([
      expect.stringMatching(
        /^slides\/01\.md:5:9: chart: the spec is not valid YAML \(.+\): fix the indentation or quoting$/,
      ),
    ]);
    expect(
      problems(slide('type: bar\ndata: ./data/x.yaml#a'), { 'slides/data/x.yaml': 'a:\n  b: [1\n  c: 2\n' }),
    ).toEqual([expect.stringMatching(/^slides\/data\/x\.yaml:2:6: chart data file is not valid YAML/)]);
  });

  it('an unknown key, with the key it probably meant', () => {
    expect(problems(slide(`${VALID}\ntitel: x`))).toEqual([
      expect.stringMatching(
        /^slides\/01\.md:10:1: chart: unknown key "titel" in the spec: did you mean "title"\? known keys are type, /,
      ),
    ]);
  });

  it('a value of the wrong kind, a colour the theme lacks, and a mixed type on a pie', () => {
    expect(problems(slide(VALID.replace('data: [1, 2]', 'data: [1, "two"]')))).toEqual([
      'slides/01.md:8:15: chart: datasets[0].data[1] must be a number; got "two"',
    ]);
    expect(problems(slide(VALID.replace('data: [1, 2]', 'data: [1, 2]\n    color: purple')))).toEqual([
      expect.stringMatching(
        /^slides\/01\.md:9:12: chart: colour "purple" is not a theme colour: use one of red, /,
      ),
    ]);
    expect(
      problems(
        slide(
          VALID.replace('type: bar', 'type: pie').replace('data: [1, 2]', 'data: [1, 2]\n    type: line'),
        ),
      ),
    ).toEqual([
      'slides/01.md:9:5: chart: "datasets[0].type" mixes only bar and line charts; remove it from a pie chart',
    ]);
  });

  it('a spec that is not a map of keys', () => {
    expect(problems(slide('just words'))).toEqual([
      expect.stringMatching(
        /^slides\/01\.md:4:1: chart: the spec must be a YAML mapping of keys \(type, .*\), not a single value$/,
      ),
    ]);
  });
});
