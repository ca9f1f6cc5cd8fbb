/**
 * The chart as the page carries it (JSON in `<script type="application/json">`): validated, with colours
 * as theme custom property names and every value already formatted, so the runtime draws and never
 * re-derives text (and the font subset, computed from the page, has every glyph the canvas draws).
 */
export type ChartType = 'bar' | 'line' | 'doughnut' | 'pie';
export type StepMode = 'datasets' | 'points';

export interface ChartSeries {
  label: string;
  /** Numbers, one per label; null leaves a gap. */
  data: (number | null)[];
  /** Each value formatted with its unit: "10189.4亿元". */
  text: string[];
  /** The unit written after each value ("亿元", "%", or ""): exporters format the numbers as `text` does. */
  unit: string;
  /** Theme custom property per point (one entry: the whole series). */
  colors: string[];
  /** Per point: whether the value is derived (computed from the source, not stated in it). */
  derived: boolean[];
  /** For mixed charts: this series' own type. */
  type?: 'bar' | 'line';
}

export interface ChartMark {
  value: number;
  label: string;
  color: string;
}

export interface ChartModel {
  type: ChartType;
  horizontal: boolean;
  stacked: boolean;
  title?: string;
  labels: string[];
  /** Decimals every value is written with; absent: each value as it is. */
  decimals?: number;
  datasets: ChartSeries[];
  axes: { category?: string; value?: string };
  /** The value axis covers this range whatever is shown, so stepping never rescales the axis. */
  bounds: { min: number; max: number };
  marks: ChartMark[];
  step?: StepMode;
  legend: boolean;
  /** Number of reveal.js fragments the chart steps through (0 without `step`). */
  steps: number;
}
