import type { ChartConfiguration, ChartDataset, Scale } from 'chart.js';
import type { ChartModel, ChartSeries } from '../../../contracts/chart-model.ts';
import { type Measure, minLabelWidth, roomInSlots, shownAt, thinStep, wrapLabel } from './labels.ts';
import type { ChartTheme } from './theme.ts';
import { withAlpha } from './theme.ts';

/** Sizes in design pixels: the slide is 1920×1080 and reveal.js scales it as a whole. */
export const CHART_TEXT = { tick: 26, legend: 26, value: 26, title: 24 } as const;
/** In the reader layout a CSS pixel is a screen pixel: a phone's text sizes, none below 12 px. */
export const READER_CHART_TEXT = { tick: 16, legend: 15, value: 15, title: 16 } as const;

/** Room between two category labels side by side, in ems. */
const LABEL_GAP_EM = 0.25;

/** Text widths in the labels' font, from a canvas of its own (the print view draws into an SVG context). */
function canvasMeasure(font: string): Measure {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return (t) => [...t].length * 0.6 * Number.parseFloat(font.replace(/^\D*/, ''));
  ctx.font = font;
  return (t) => ctx.measureText(t).width;
}

/**
 * Category tick labels, after Chart.js has made them and measured the axis: across, each shown label gets
 * the room of the slots up to the next shown one and breaks only between words (labels.ts); down (a horizontal
 * bar chart's axis), labels keep their lines. Labels that cannot all stand are thinned by labels.ts's rule
 * (every k-th, the first and the last kept), never by Chart.js's auto-skip.
 */
function categoryLabels(size: number, lang: string) {
  return (scale: Scale) => {
    const raw = scale.chart.data.labels ?? [];
    const text = (v: number) => {
      const l = raw[v];
      return Array.isArray(l) ? l.join('\n') : String(l ?? '');
    };
    const n = scale.ticks.length;
    if (n === 0) return;
    const family = scale.chart.options.font?.family ?? 'sans-serif';
    const measure = canvasMeasure(`${size}px ${family}`);
    if (scale.isHorizontal()) {
      const slot = scale.width / n;
      const gap = size * LABEL_GAP_EM;
      const need = Math.max(...scale.ticks.map((t) => minLabelWidth(text(t.value), measure, lang)));
      const k = thinStep(n, slot, need, gap);
      const shown = scale.ticks.map((t, i) => {
        const width = Math.max(need, roomInSlots(i, n, k) * slot - gap);
        const lines = shownAt(i, n, k) ? wrapLabel(text(t.value), width, measure, { lang }) : [''];
        t.label = lines.length > 1 ? lines : lines[0]!;
        return lines;
      });
      // What the axis shows, line by line ('' for a label thinned out): for tests, as data-block-state is.
      // (In print the "canvas" is the SVG context, which has no dataset.)
      const data = (scale.chart.canvas as Partial<HTMLCanvasElement>).dataset;
      if (data) data.categoryTicks = JSON.stringify(shown);
    } else {
      const lines = Math.max(...scale.ticks.map((t) => text(t.value).split('\n').length));
      const k = thinStep(n, scale.height / n, lines * size * 1.2, size * 0.25);
      scale.ticks.forEach((t, i) => {
        if (!shownAt(i, n, k)) t.label = '';
      });
    }
  };
}

/** Derived values are drawn lighter, with a full-colour outline. */
const DERIVED_ALPHA = 0.35;

export interface ConfigOptions {
  animate: boolean;
  devicePixelRatio: number;
  /** Drawn at a phone's width (the reader layout): phone text sizes, the legend under a round chart. */
  reader?: boolean;
  /** The page's language: where its labels may break between words (Intl.Segmenter). */
  lang?: string;
}

const isRound = (m: ChartModel) => m.type === 'pie' || m.type === 'doughnut';

/**
 * The value axis writes its numbers as the chart's labels write theirs: grouped (10,000) only when a label
 * is (10,189.4), so the axis and the bars never show two formats of one quantity.
 */
export function tickFormat(model: ChartModel): (value: number) => string {
  const grouped = model.datasets.some((d) => d.text.some((t) => /\d,\d{3}/.test(t)));
  const format = new Intl.NumberFormat('en-US', { useGrouping: grouped, maximumFractionDigits: 2 });
  return (value) => format.format(value);
}

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
    categoryPercentage: model.horizontal ? 0.62 : 0.7,
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
  const reader = options.reader === true;
  const text = reader ? READER_CHART_TEXT : CHART_TEXT;
  /** Lengths in design px, halved on a phone. */
  const len = (n: number) => (reader ? Math.round(n / 2) : n);
  const category = model.horizontal ? 'y' : 'x';
  const value = model.horizontal ? 'x' : 'y';
  // Chart.js turns a y axis's title on its side; the deckAxisTitle plugin writes it across, above the plot.
  const across = model.horizontal ? model.axes.category : model.axes.value;
  const axisTitle = (title: string | undefined, axis: 'x' | 'y') =>
    title && axis === 'x'
      ? { display: true, text: title, color: theme.muted, font: { size: text.title } }
      : { display: false };
  // On a phone a horizontal bar's label goes above it (deckCategoryAbove): the bars take the width.
  const labelsAbove = reader && model.horizontal === true;
  const format = tickFormat(model);
  const scales = round
    ? {}
    : {
        [category]: {
          stacked: model.stacked,
          grid: { display: false },
          border: { color: theme.ink, width: 2 },
          // Never turned: a rotated Chinese label is read with a tilted head.
          ticks: {
            color: theme.ink,
            font: { size: text.tick },
            maxRotation: 0,
            minRotation: 0,
            // Thinned by rule in afterTickToLabelConversion, not dropped where Chart.js finds no room.
            autoSkip: false,
            ...(labelsAbove ? { display: false } : {}),
          },
          afterTickToLabelConversion: categoryLabels(text.tick, options.lang ?? 'en'),
          title: axisTitle(model.axes.category, category),
        },
        [value]: {
          stacked: model.stacked,
          beginAtZero: true,
          suggestedMin: model.bounds.min,
          suggestedMax: model.bounds.max,
          grid: { color: theme.line },
          border: { display: false },
          ticks: {
            color: theme.muted,
            font: { size: text.tick - (reader ? 2 : 4) },
            maxRotation: 0,
            minRotation: 0,
            ...(reader ? { maxTicksLimit: 5 } : {}),
            callback: (v: number | string) => format(Number(v)),
          },
          title: axisTitle(model.axes.value, value),
        },
      };
  return {
    type: model.type,
    data: {
      // "\n" in a label breaks it into lines on the axis (categoryLabels adds breaks between words).
      labels: model.labels.map((l) => {
        const lines = l.split('\n');
        return lines.length > 1 ? lines : l;
      }),
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
      layout: {
        padding: {
          ...(model.horizontal
            ? { right: labelsAbove ? len(48) : len(200), top: 8 }
            : { top: len(48), right: len(24) }),
          // Room above for the y axis's title, written across (deckAxisTitle).
          ...((across && !round) || labelsAbove
            ? {
                top:
                  (model.horizontal ? 8 : len(48)) +
                  (across && !round ? Math.round(text.title * 1.6) : 0) +
                  (labelsAbove ? text.tick + 8 : 0),
              }
            : {}),
        },
      },
      ...(round ? { cutout: model.type === 'doughnut' ? '52%' : 0 } : {}),
      scales,
      plugins: {
        legend: {
          display: model.legend,
          position: round && !reader ? 'right' : 'top',
          align: round ? 'center' : reader ? 'start' : 'end',
          labels: {
            // A dataset a step has not shown yet is left out of the legend, not struck through.
            filter: (item: { hidden?: boolean }) => !item.hidden,
            color: theme.ink,
            font: { size: text.legend },
            boxWidth: len(32),
            boxHeight: len(24),
            padding: len(24),
          },
        },
        tooltip: { enabled: false },
        deckDerived: {
          model,
          colors: model.datasets.map((d) => d.colors.map((c) => theme.color(c))),
          legendDash: [len(10), len(6)],
          legendWidth: len(4),
        },
        deckAxisTitle: { text: across && !round ? across : '', color: theme.muted, size: text.title },
        deckCategoryAbove: { on: labelsAbove, color: theme.ink, size: text.tick },
        deckValues: {
          model,
          color: theme.ink,
          inside: theme.onSeries,
          size: text.value,
          avoid: model.marks.map((m) => m.value),
          insideFirst: labelsAbove,
        },
        deckMarks: {
          marks: model.marks.map((m) => ({ ...m, color: theme.color(m.color) })),
          size: text.value - 2,
        },
      },
    } as ChartConfiguration['options'],
  } as ChartConfiguration;
}
