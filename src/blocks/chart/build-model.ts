import { CHART_COLORS, seriesColor } from './colors.ts';
import { type ChartModel, type ChartSeries, formatValue, valueBounds } from './model.ts';
import type { ChartSpec } from './schema.ts';

const colorVar = (name: string) => CHART_COLORS[name] ?? name;

/** The validated spec as the runtime reads it: colours resolved to theme properties, values formatted. */
export function buildModel(spec: ChartSpec): ChartModel {
  const round = spec.type === 'pie' || spec.type === 'doughnut';
  const datasets: ChartSeries[] = spec.datasets.map((d, i) => {
    const unit = d.unit ?? spec.format?.unit ?? '';
    const given = d.color === undefined ? [] : Array.isArray(d.color) ? d.color : [d.color];
    const colors =
      given.length > 0
        ? given.map(colorVar)
        : round
          ? spec.labels.map((_, k) => seriesColor(k))
          : [seriesColor(i)];
    const derived = spec.labels.map((l) =>
      d.derived === true ? true : Array.isArray(d.derived) ? d.derived.includes(l) : false,
    );
    return {
      label: d.label,
      data: d.data,
      text: d.data.map((x) => formatValue(x, spec.format?.decimals, unit)),
      unit,
      colors,
      derived,
      ...(d.type ? { type: d.type } : {}),
    };
  });
  const marks = (spec.marks ?? []).map((m) => ({
    value: m.value,
    label: m.label,
    color: colorVar(m.color ?? 'ink'),
  }));
  const stacked = spec.stacked ?? false;
  const steps = !spec.step ? 0 : spec.step === 'datasets' ? datasets.length - 1 : spec.labels.length - 1;
  // The category axis is x unless the bars lie down.
  const horizontal = spec.horizontal ?? false;
  const category = horizontal ? spec.axes?.y?.title : spec.axes?.x?.title;
  const value = horizontal ? spec.axes?.x?.title : spec.axes?.y?.title;
  return {
    type: spec.type,
    horizontal,
    stacked,
    ...(spec.title ? { title: spec.title } : {}),
    labels: spec.labels,
    ...(spec.format?.decimals === undefined ? {} : { decimals: spec.format.decimals }),
    datasets,
    axes: { ...(category ? { category } : {}), ...(value ? { value } : {}) },
    bounds: valueBounds(
      datasets,
      spec.labels.length,
      stacked,
      marks.map((m) => m.value),
    ),
    marks,
    ...(spec.step ? { step: spec.step } : {}),
    legend: spec.legend ?? (round || datasets.length > 1),
    steps: Math.max(0, steps),
  };
}
