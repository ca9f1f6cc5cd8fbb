import type { Chart } from 'chart.js';
import type { ChartModel } from '../../../contracts/chart-model.ts';
import { CHART } from '../names.ts';

/** How many of a chart's step fragments reveal.js shows now (all of them in print, where every fragment is visible). */
export function shownSteps(figure: HTMLElement): number {
  return figure.querySelectorAll(`.${CHART.step}[${CHART.stepForAttr}="${figure.id}"].visible`).length;
}

/**
 * Shows step `shown` of a stepped chart: the first dataset (or label) plus one more per fragment. The
 * value axis keeps its full range (the model's bounds), so nothing rescales as data appears.
 */
export function applySteps(chart: Chart, model: ChartModel, shown: number): void {
  if (!model.step) return;
  const upto = shown + 1;
  if (model.step === 'datasets') {
    model.datasets.forEach((_, i) => {
      chart.setDatasetVisibility(i, i < upto);
    });
    return;
  }
  if (model.type === 'pie' || model.type === 'doughnut') {
    model.labels.forEach((_, k) => {
      if (chart.getDataVisibility(k) !== k < upto) chart.toggleDataVisibility(k);
    });
    return;
  }
  model.datasets.forEach((d, i) => {
    const dataset = chart.data.datasets[i];
    if (dataset) dataset.data = d.data.map((x, k) => (k < upto ? x : null));
  });
}
