import { describe, expect, it } from 'vitest';
import { chartConfig, tickFormat } from '../../src/blocks/chart/runtime/config.ts';
import { derivedOutlines } from '../../src/blocks/chart/runtime/plugins.ts';
import { type ChartTheme, withAlpha } from '../../src/blocks/chart/runtime/theme.ts';
import type { ChartModel } from '../../src/contracts/chart-model.ts';
import { compile, dom } from './helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: the test reads nested Chart.js options by path
type Options = Record<string, any>;

const THEME: ChartTheme = {
  color: (name) => ({ '--deck-red': '#a3191f', '--deck-chart-slate': '#5c6f82' })[name] ?? '#000000',
  font: '"Deck Sans", sans-serif',
  ink: '#1f1a17',
  muted: '#6b5f55',
  line: '#e2d6c4',
  paper: '#fbf7f0',
  onSeries: '#ffffff',
};

function model(spec: string): ChartModel {
  const deck = compile({ 'slides/01.md': `\`\`\`chart\n${spec}\nsource: s\n\`\`\`\n` });
  expect(deck.diagnostics).toEqual([]);
  return JSON.parse(dom(deck).querySelector('script.chart-model')?.textContent ?? '') as ChartModel;
}

describe('chart runtime configuration', () => {
  it('lays bars down for horizontal charts and keeps the value axis over the full range', () => {
    const m = model(`type: bar
horizontal: true
labels: ["第一行\\n第二行", b]
datasets: [{label: x, data: [10189.4, 5187.9], color: red}]
marks: [{value: 10000, label: 1万亿元}]`);
    const config = chartConfig(m, THEME, { animate: false, devicePixelRatio: 2 });
    const options = config.options as Options;
    expect(options.indexAxis).toBe('y');
    expect(options.devicePixelRatio).toBe(2);
    expect(options.animation).toBe(false);
    expect(options.scales.x).toMatchObject({ suggestedMin: 0, suggestedMax: 10189.4, beginAtZero: true });
    expect(options.scales.y.grid.display).toBe(false);
    expect(config.data.labels).toEqual([['第一行', '第二行'], 'b']);
    expect(config.data.datasets[0]?.backgroundColor).toEqual(['#a3191f', '#a3191f']);
  });

  it('takes colours from the theme and draws derived values lighter', () => {
    const m = model(`type: bar
labels: [a, b]
datasets:
  - {label: 2022年（推算）, data: [8.6, 9.6], color: slate, derived: true}
  - {label: 2024年, data: [16.4, 14.6], color: red}`);
    const config = chartConfig(m, THEME, { animate: true, devicePixelRatio: 1 });
    const [derived, given] = config.data.datasets;
    expect(derived?.backgroundColor).toEqual([withAlpha('#5c6f82', 0.35), withAlpha('#5c6f82', 0.35)]);
    expect(given?.backgroundColor).toEqual(['#a3191f', '#a3191f']);
    expect((config.options as Options).animation).toMatchObject({ duration: 900 });
  });

  it('has no axes for a doughnut and a legend beside it', () => {
    const m = model('type: doughnut\nlabels: [a, b]\ndatasets: [{label: x, data: [224, 276]}]');
    const options = chartConfig(m, THEME, { animate: false, devicePixelRatio: 1 }).options as Options;
    expect(options.scales).toEqual({});
    expect(options.plugins.legend).toMatchObject({ display: true, position: 'right' });
  });

  it('turns a hex colour into rgba and leaves other notations alone', () => {
    expect(withAlpha('#a3191f', 0.5)).toBe('rgba(163, 25, 31, 0.5)');
    expect(withAlpha('#abc', 1)).toBe('rgba(170, 187, 204, 1)');
    expect(withAlpha('rebeccapurple', 0.5)).toBe('rebeccapurple');
  });

  it('never turns a tick label, and writes the y axis title across, not on its side', () => {
    const m = model(`type: bar
labels: [汽车制造, 电子信息]
axes: {y: {title: 占全市规上工业的比重（%）}}
datasets: [{label: x, data: [8.6, 9.6]}]`);
    for (const reader of [false, true]) {
      const options = chartConfig(m, THEME, { animate: false, devicePixelRatio: 1, reader })
        .options as Options;
      for (const axis of ['x', 'y']) {
        expect(options.scales[axis].ticks).toMatchObject({ maxRotation: 0, minRotation: 0 });
        expect(options.scales[axis].title.display).toBe(false);
      }
      expect(options.plugins.deckAxisTitle.text).toBe('占全市规上工业的比重（%）');
    }
  });

  it('puts a horizontal bar’s label above it on a phone, so the bars take the width', () => {
    const m = model(`type: bar
horizontal: true
labels: [全市规上工业, 其中：装备制造业]
datasets: [{label: x, data: [10189.4, 5187.9]}]`);
    const phone = chartConfig(m, THEME, { animate: false, devicePixelRatio: 2, reader: true })
      .options as Options;
    expect(phone.scales.y.ticks.display).toBe(false);
    expect(phone.plugins.deckCategoryAbove.on).toBe(true);
    expect(phone.layout.padding.right).toBeLessThanOrEqual(24);
    const wide = chartConfig(m, THEME, { animate: false, devicePixelRatio: 1 }).options as Options;
    expect(wide.scales.y.ticks.display).not.toBe(false);
  });

  it('writes the axis numbers in the labels’ format: grouped only when the labels are', () => {
    const plain = model(`type: bar
labels: [a, b]
datasets: [{label: x, data: [10189.4, 5187.9]}]`);
    expect(tickFormat(plain)(10000)).toBe('10000');
    const options = chartConfig(plain, THEME, { animate: false, devicePixelRatio: 1 }).options as Options;
    expect(options.scales.y.ticks.callback(15000)).toBe('15000');
    const grouped = { ...plain, datasets: [{ ...plain.datasets[0]!, text: ['10,189.4', '5,187.9'] }] };
    expect(tickFormat(grouped)(10000)).toBe('10,000');
  });

  it('draws the legend swatch of a dashed (derived) bar series dashed', () => {
    const m = model(`type: bar
labels: [a, b]
datasets: [{label: 2022年, data: [8.6, 9.6], derived: true}, {label: 2024年, data: [16.4, 14.6]}]`);
    const options = chartConfig(m, THEME, { animate: false, devicePixelRatio: 1 }).options as Options;
    const items: Options[] = [{ datasetIndex: 0 }, { datasetIndex: 1 }];
    const chart = { legend: { legendItems: items }, getDatasetMeta: () => ({ type: 'bar' }) };
    // biome-ignore lint/suspicious/noExplicitAny: a stand-in for the chart the hook reads
    (derivedOutlines.beforeDraw as any)(chart, {}, options.plugins.deckDerived);
    expect(items[0]!.lineDash?.length).toBe(2);
    expect(items[0]!.lineWidth).toBeGreaterThan(0);
    expect(items[1]!.lineDash).toBeUndefined();
  });
});
