import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { ChartModel, ChartSeries } from '../../compiler/blocks/chart/model.ts';
import type { ChartTheme } from './theme.ts';
import { withAlpha } from './theme.ts';

/** Sizes in design pixels: the slide is 1920×1080 and reveal.js scales it as a whole. */
export const CHART_TEXT = { tick: 26, legend: 26, value: 26, title: 24 } as const;

/** Derived values are drawn lighter, with a full-colour outline. */
const DERIVED_ALPHA = 0.35;

export interface ConfigOptions {
  animate: boolean;
  devicePixelRatio: number;
}

const isRound = (m: ChartModel) => m.type === 'pie' || m.type === 'doughnut';

function seriesDataset(model: ChartModel, d: ChartSeries, i: number, theme: ChartTheme): ChartDataset {
  const type = d.type ?? (model.type === 'line' ? 'line' : model.type === 'bar' ? 'bar' : undefined);
  const base = model.labels.map((_, k) => theme.color(d.colors[k] ?? d.colors[0] ?? '--deck-series-1'));
  const fill = base.map((c, k) => (d.derived[k] ? withAlpha(c, DERIVED_ALPHA) : c));
  if (isRound(model)) {
    return {
      label: d.label,
      data: [...d.data] as number[],
      backgroundColor: fill,
      borderColor: base.map((c, k) => (d.derived[k] ? c : theme.paper)),
      borderWidth: 4,
    } as ChartDataset;
  }
  if (type === 'line') {
    return {
      type: 'line',
      label: d.label,
      data: [...d.data],
      borderColor: base[0],
      backgroundColor: base[0],
      pointBackgroundColor: fill,
      pointBorderColor: base,
      borderWidth: 5,
      borderDash: d.derived.every(Boolean) ? [14, 10] : [],
      pointRadius: 9,
      tension: 0.15,
      order: 0,
      ...(model.stacked ? {} : { stack: `line-${i}` }),
    } as ChartDataset;
  }
  return {
    type: 'bar',
    label: d.label,
    data: [...d.data],
    backgroundColor: fill,
    // Derived bars get a dashed outline from the deckDerived plugin (Chart.js borders fill with
    // even-odd, which the print SVG context does not keep).
    borderWidth: 0,
    maxBarThickness: 180,
    categoryPercentage: 0.7,
    barPercentage: 0.9,
    order: 1,
  } as ChartDataset;
}

/** A Chart.js configuration for a chart model: theme colours and font, no tooltips (it is a talk). */
export function chartConfig(
  model: ChartModel,
  theme: ChartTheme,
  options: ConfigOptions,
): ChartConfiguration {
  const round = isRound(model);
  const category = model.horizontal ? 'y' : 'x';
  const value = model.horizontal ? 'x' : 'y';
  const axisTitle = (text: string | undefined) =>
    text ? { display: true, text, color: theme.muted, font: { size: CHART_TEXT.title } } : { display: false };
  const scales = round
    ? {}
    : {
        [category]: {
          stacked: model.stacked,
          grid: { display: false },
          border: { color: theme.ink, width: 2 },
          ticks: { color: theme.ink, font: { size: CHART_TEXT.tick } },
          title: axisTitle(model.axes.category),
        },
        [value]: {
          stacked: model.stacked,
          beginAtZero: true,
          suggestedMin: model.bounds.min,
          suggestedMax: model.bounds.max,
          grid: { color: theme.line },
          border: { display: false },
          ticks: { color: theme.muted, font: { size: CHART_TEXT.tick - 4 } },
          title: axisTitle(model.axes.value),
        },
      };
  return {
    type: model.type,
    data: {
      // "\n" in a label breaks it into lines on the axis.
      labels: model.labels.map((l) => (l.includes('\n') ? l.split('\n') : l)),
      datasets: model.datasets.map((d, i) => seriesDataset(model, d, i, theme)),
    },
    options: {
      // The view sizes the chart itself: Chart.js's responsive mode measures through reveal.js's scale
      // transform and resets a custom devicePixelRatio on the first window resize.
      responsive: false,
      maintainAspectRatio: false,
      devicePixelRatio: options.devicePixelRatio,
      animation: options.animate ? { duration: 900, easing: 'easeOutQuart' } : false,
      indexAxis: model.horizontal ? 'y' : 'x',
      events: [],
      layout: { padding: model.horizontal ? { right: 200, top: 8 } : { top: 48, right: 24 } },
      ...(round ? { cutout: model.type === 'doughnut' ? '52%' : 0 } : {}),
      scales,
      plugins: {
        legend: {
          display: model.legend,
          position: round ? 'right' : 'top',
          align: round ? 'center' : 'end',
          labels: {
            // A dataset a step has not shown yet is left out of the legend, not struck through.
            filter: (item: { hidden?: boolean }) => !item.hidden,
            color: theme.ink,
            font: { size: CHART_TEXT.legend },
            boxWidth: 32,
            boxHeight: 24,
            padding: 24,
          },
        },
        tooltip: { enabled: false },
        deckDerived: { model, colors: model.datasets.map((d) => d.colors.map((c) => theme.color(c))) },
        deckValues: { model, color: theme.ink, inside: '#ffffff', size: CHART_TEXT.value },
        deckMarks: {
          marks: model.marks.map((m) => ({ ...m, color: theme.color(m.color) })),
          size: CHART_TEXT.value - 2,
        },
      },
    } as ChartConfiguration['options'],
  } as ChartConfiguration;
}
