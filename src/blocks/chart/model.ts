import type { ChartSeries } from '../../contracts/chart-model.ts';

export type {
  ChartMark,
  ChartModel,
  ChartSeries,
  ChartType,
  StepMode,
} from '../../contracts/chart-model.ts';

export function formatValue(value: number | null, decimals: number | undefined, unit: string): string {
  if (value === null) return '—';
  const text = decimals === undefined ? String(value) : value.toFixed(decimals);
  return `${text}${unit}`;
}

/** The value axis range that holds every value, every stacked total and every mark. */
export function valueBounds(
  datasets: Pick<ChartSeries, 'data' | 'type'>[],
  labels: number,
  stacked: boolean,
  marks: number[],
): { min: number; max: number } {
  const values: number[] = [0, ...marks];
  if (stacked) {
    for (let i = 0; i < labels; i++) {
      let up = 0;
      let down = 0;
      for (const d of datasets) {
        const x = d.data[i] ?? 0;
        if (x >= 0) up += x;
        else down += x;
      }
      values.push(up, down);
    }
  } else {
    for (const d of datasets) for (const x of d.data) if (x !== null) values.push(x);
  }
  return { min: Math.min(...values), max: Math.max(...values) };
}
