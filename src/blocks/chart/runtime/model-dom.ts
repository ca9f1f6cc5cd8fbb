import type { Chart } from 'chart.js';
import type { ChartModel } from '../../../contracts/chart-model.ts';
import { blockSelector } from '../../../contracts/dom.ts';
import { CHART } from '../names.ts';

/** Chart figures and their models, read without Chart.js (which loads later, when a chart is near). */
export const CHART_SELECTOR = `figure${blockSelector(CHART.block)}`;

export function chartFigures(root: ParentNode = document): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(CHART_SELECTOR)];
}

export function readModel(figure: HTMLElement): ChartModel {
  const json = figure.querySelector(`script.${CHART.model}`)?.textContent;
  if (!json) throw new Error(`chart ${figure.id} has no model: it was not built by the deck compiler`);
  return JSON.parse(json) as ChartModel;
}

/** Records the drawn plot area and value range (CHART.plotAttr); charts without a value axis have none. */
export function setPlot(figure: HTMLElement, chart: Chart, model: ChartModel): void {
  const scale = chart.scales[model.horizontal ? 'x' : 'y'];
  if (!scale || model.type === 'doughnut' || model.type === 'pie') return;
  const { left, top, right, bottom } = chart.chartArea;
  const round = (n: number) => Math.round(n * 100) / 100;
  figure.setAttribute(CHART.plotAttr, [left, top, right, bottom, scale.min, scale.max].map(round).join(' '));
}

/** Every string a chart draws, so the font can be loaded for exactly those glyphs before the first draw. */
export function chartText(models: ChartModel[]): string {
  const parts = models.flatMap((m) => [
    m.title ?? '',
    m.axes.category ?? '',
    m.axes.value ?? '',
    ...m.labels,
    ...m.marks.map((k) => k.label),
    ...m.datasets.flatMap((d) => [d.label, ...d.text]),
  ]);
  return `${parts.join('')}0123456789.,-`;
}
