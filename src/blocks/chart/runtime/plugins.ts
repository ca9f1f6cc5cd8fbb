import type { Chart, Plugin } from 'chart.js';
import type { ChartMark, ChartModel } from '../../../contracts/chart-model.ts';

interface ValueOptions {
  model: ChartModel;
  color: string;
  inside: string;
  size: number;
  /** Values of the reference lines: a value label crossing one moves past it. */
  avoid?: number[];
  /** A horizontal bar's label goes inside its end when it fits (a phone: the bars keep the width). */
  insideFirst?: boolean;
}

interface MarkOptions {
  marks: ChartMark[];
  size: number;
}

/** Element geometry Chart.js animates; values are drawn where the element is in this frame. */
interface Geometry {
  x: number;
  y: number;
  base?: number;
  width?: number;
  height?: number;
  tooltipPosition(final: boolean): { x: number; y: number };
}

const font = (chart: Chart, size: number, weight = 700) =>
  `${weight} ${size}px ${chart.options.font?.family ?? 'sans-serif'}`;

/**
 * Writes each value on its bar, point or slice, from the formatted text the compiler made: a talk has no
 * tooltips, and in print the values stay text in the PDF.
 */
export const valueLabels: Plugin = {
  id: 'deckValues',
  afterDatasetsDraw(chart, _args, raw) {
    const opts = raw as ValueOptions;
    const { model } = opts;
    const ctx = chart.ctx;
    const round = model.type === 'pie' || model.type === 'doughnut';
    const valueScale = round ? undefined : chart.scales[model.horizontal ? 'x' : 'y'];
    const lines = valueScale ? (opts.avoid ?? []).map((v) => valueScale.getPixelForValue(v)) : [];
    /** Where a label spanning [from, to] along the value axis starts so that no reference line runs through it. */
    const clear = (from: number, to: number, forward: boolean): number => {
      const hit = lines.find((p) => p > Math.min(from, to) - 6 && p < Math.max(from, to) + 6);
      if (hit === undefined) return from;
      return forward ? hit + 10 : hit - 8;
    };
    ctx.save();
    ctx.font = font(chart, opts.size);
    model.datasets.forEach((series, i) => {
      if (!chart.isDatasetVisible(i)) return;
      const meta = chart.getDatasetMeta(i);
      const values = chart.data.datasets[i]?.data ?? [];
      meta.data.forEach((element, k) => {
        if (values[k] === null || values[k] === undefined) return;
        if (round && !chart.getDataVisibility(k)) return;
        const text = series.text[k] ?? '';
        const el = element as unknown as Geometry;
        const type = meta.type;
        if (round) {
          const at = el.tooltipPosition(false);
          // A derived slice is drawn light: its value is written dark.
          ctx.fillStyle = series.derived[k] ? opts.color : opts.inside;
          ctx.textAlign = 'center';
          ctx.textBaseline = 'middle';
          ctx.fillText(text, at.x, at.y);
        } else if (type === 'bar' && model.stacked) {
          const length = Math.abs((model.horizontal ? el.x : el.y) - (el.base ?? 0));
          if (length < opts.size * 1.4) return;
          ctx.fillStyle = opts.inside;
          ctx.textAlign = 'center';
          ctx.textBaseline = 'middle';
          const mid = ((model.horizontal ? el.x : el.y) + (el.base ?? 0)) / 2;
          ctx.fillText(text, model.horizontal ? mid : el.x, model.horizontal ? el.y : mid);
        } else if (model.horizontal) {
          const negative = (values[k] as number) < 0;
          ctx.fillStyle = opts.color;
          ctx.textAlign = negative ? 'right' : 'left';
          ctx.textBaseline = 'middle';
          const from = el.x + (negative ? -12 : 12);
          const width = ctx.measureText(text).width;
          const fits = Math.abs(el.x - (el.base ?? 0)) > width + 32;
          if (opts.insideFirst && !negative && fits) {
            ctx.fillStyle = opts.inside;
            ctx.textAlign = 'right';
            ctx.fillText(text, el.x - 12, el.y);
          } else ctx.fillText(text, negative ? from : clear(from, from + width, true), el.y);
        } else {
          const negative = (values[k] as number) < 0;
          ctx.fillStyle = opts.color;
          ctx.textAlign = 'center';
          ctx.textBaseline = negative ? 'top' : 'bottom';
          const y = el.y + (negative ? 12 : type === 'line' ? -18 : -10);
          ctx.fillText(text, el.x, negative ? y : clear(y, y - opts.size, false));
        }
      });
    });
    ctx.restore();
  },
};

/** Reference lines across the plot (e.g. the 1万亿元 threshold), labelled at their end. */
export const markLines: Plugin = {
  id: 'deckMarks',
  afterDatasetsDraw(chart, _args, raw) {
    const opts = raw as MarkOptions;
    if (opts.marks.length === 0) return;
    const horizontal = chart.options.indexAxis === 'y';
    const scale = chart.scales[horizontal ? 'x' : 'y'];
    if (!scale) return;
    const { left, right, top, bottom } = chart.chartArea;
    const ctx = chart.ctx;
    ctx.save();
    ctx.font = font(chart, opts.size);
    for (const mark of opts.marks) {
      const at = scale.getPixelForValue(mark.value);
      ctx.strokeStyle = mark.color;
      ctx.fillStyle = mark.color;
      ctx.lineWidth = 3;
      ctx.setLineDash([12, 8]);
      ctx.beginPath();
      if (horizontal) {
        ctx.moveTo(at, top);
        ctx.lineTo(at, bottom);
      } else {
        ctx.moveTo(left, at);
        ctx.lineTo(right, at);
      }
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.textAlign = horizontal ? 'left' : 'right';
      ctx.textBaseline = 'bottom';
      if (horizontal) ctx.fillText(mark.label, at + 8, top + opts.size + 4);
      else ctx.fillText(mark.label, right, at - 8);
    }
    ctx.restore();
  },
};

interface DerivedOptions {
  model: ChartModel;
  colors: string[][];
  /** The legend swatch of a series drawn dashed is dashed too. */
  legendDash: number[];
  legendWidth: number;
}

/** A dashed outline around each derived bar: light fill plus dashes reads "computed, not reported". */
export const derivedOutlines: Plugin = {
  id: 'deckDerived',
  beforeDraw(chart, _args, raw) {
    const { model, colors, legendDash, legendWidth } = raw as DerivedOptions;
    for (const item of chart.legend?.legendItems ?? []) {
      const i = item.datasetIndex;
      const series = i === undefined ? undefined : model.datasets[i];
      if (!series || chart.getDatasetMeta(i!).type !== 'bar' || !series.derived.every(Boolean)) continue;
      item.lineDash = legendDash;
      item.lineWidth = legendWidth;
      item.strokeStyle = colors[i!]?.[0] ?? '#666';
    }
  },
  afterDatasetsDraw(chart, _args, raw) {
    const { model, colors } = raw as DerivedOptions;
    const ctx = chart.ctx;
    ctx.save();
    ctx.lineWidth = 4;
    ctx.setLineDash([12, 7]);
    model.datasets.forEach((series, i) => {
      const meta = chart.getDatasetMeta(i);
      if (meta.type !== 'bar' || !chart.isDatasetVisible(i)) return;
      meta.data.forEach((element, k) => {
        if (!series.derived[k] || chart.data.datasets[i]?.data[k] == null) return;
        const el = element as unknown as Geometry;
        const base = el.base ?? 0;
        const thick = (model.horizontal ? el.height : el.width) ?? 0;
        ctx.strokeStyle = colors[i]?.[k] ?? colors[i]?.[0] ?? '#666';
        if (model.horizontal)
          ctx.strokeRect(Math.min(base, el.x), el.y - thick / 2, Math.abs(el.x - base), thick);
        else ctx.strokeRect(el.x - thick / 2, Math.min(base, el.y), thick, Math.abs(el.y - base));
      });
    });
    ctx.restore();
  },
};

interface AxisTitleOptions {
  text: string;
  color: string;
  size: number;
}

/** The y axis's title written across, above the plot at the axis (Chart.js would turn it on its side). */
export const axisTitleAcross: Plugin = {
  id: 'deckAxisTitle',
  afterDraw(chart, _args, raw) {
    const opts = raw as AxisTitleOptions;
    const y = chart.scales.y;
    if (!opts.text || !y) return;
    const ctx = chart.ctx;
    ctx.save();
    ctx.font = font(chart, opts.size, 400);
    ctx.fillStyle = opts.color;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(opts.text, Math.max(0, y.left), 4);
    ctx.restore();
  },
};

interface AboveOptions {
  on: boolean;
  color: string;
  size: number;
}

/** On a phone, a horizontal bar's category label above the bar, from the plot's left edge: bars get the width. */
export const categoryAbove: Plugin = {
  id: 'deckCategoryAbove',
  afterDatasetsDraw(chart, _args, raw) {
    const opts = raw as AboveOptions;
    if (!opts.on) return;
    const tops = new Map<number, number>();
    chart.data.datasets.forEach((_, i) => {
      const meta = chart.getDatasetMeta(i);
      if (meta.type !== 'bar' || !chart.isDatasetVisible(i)) return;
      meta.data.forEach((element, k) => {
        const el = element as unknown as Geometry;
        const top = el.y - (el.height ?? 0) / 2;
        tops.set(k, Math.min(tops.get(k) ?? top, top));
      });
    });
    const ctx = chart.ctx;
    ctx.save();
    ctx.font = font(chart, opts.size, 400);
    ctx.fillStyle = opts.color;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'bottom';
    for (const [k, top] of tops) {
      const label = chart.data.labels?.[k];
      const text = Array.isArray(label) ? label.join('') : String(label ?? '');
      ctx.fillText(text, chart.chartArea.left, top - 4);
    }
    ctx.restore();
  },
};
