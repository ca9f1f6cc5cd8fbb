import * as v from 'valibot';

export const CHART_TYPES = ['bar', 'line', 'doughnut', 'pie'] as const;
export const SERIES_TYPES = ['bar', 'line'] as const;
export const STEP_MODES = ['datasets', 'points'] as const;

const text = v.pipe(v.string(), v.minLength(1));
const label = v.pipe(
  v.union([v.string(), v.number()]),
  v.transform((x) => String(x)),
);
const color = v.union([v.string(), v.pipe(v.array(v.string()), v.minLength(1))]);

const Series = v.strictObject({
  label: text,
  data: v.pipe(v.array(v.nullable(v.number())), v.minLength(1)),
  unit: v.optional(v.string()),
  color: v.optional(color),
  type: v.optional(v.picklist(SERIES_TYPES)),
  /** true: the whole series is derived; a list of labels: those points are. */
  derived: v.optional(v.union([v.boolean(), v.array(label)])),
});

const Axis = v.strictObject({ title: v.optional(v.string()) });

const Mark = v.strictObject({
  value: v.number(),
  label: text,
  color: v.optional(v.string()),
});

/** A chart spec once the `data:` file's keys are merged in. */
export const ChartSpec = v.strictObject({
  type: v.picklist(CHART_TYPES),
  horizontal: v.optional(v.boolean()),
  stacked: v.optional(v.boolean()),
  title: v.optional(v.string()),
  labels: v.pipe(v.array(label), v.minLength(1)),
  datasets: v.pipe(v.array(Series), v.minLength(1)),
  axes: v.optional(v.strictObject({ x: v.optional(Axis), y: v.optional(Axis) })),
  format: v.optional(
    v.strictObject({
      decimals: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6))),
      unit: v.optional(v.string()),
    }),
  ),
  source: v.optional(text),
  note: v.optional(v.string()),
  step: v.optional(v.picklist(STEP_MODES)),
  data: v.optional(v.string()),
  marks: v.optional(v.array(Mark)),
  /** Height of the plot in design pixels (the slide is 1920×1080). */
  height: v.optional(v.pipe(v.number(), v.minValue(160), v.maxValue(900))),
  legend: v.optional(v.boolean()),
});

export type ChartSpec = v.InferOutput<typeof ChartSpec>;
