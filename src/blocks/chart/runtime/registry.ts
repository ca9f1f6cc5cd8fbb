import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartComponentLike,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
} from 'chart.js';
import type { ChartModel, ChartType } from '../../../contracts/chart-model.ts';
import { axisTitleAcross, categoryAbove, derivedOutlines, markLines, valueLabels } from './plugins.ts';

/**
 * The Chart.js parts each chart type needs: the only ones imported anywhere, so every other controller,
 * scale and plugin is tree-shaken out of the build.
 */
const PARTS: Record<ChartType, ChartComponentLike[]> = {
  bar: [BarController, BarElement, CategoryScale, LinearScale],
  line: [LineController, LineElement, PointElement, CategoryScale, LinearScale],
  doughnut: [DoughnutController, ArcElement],
  pie: [PieController, ArcElement],
};

const COMMON: ChartComponentLike[] = [
  Legend,
  derivedOutlines,
  valueLabels,
  markLines,
  axisTitleAcross,
  categoryAbove,
];

/** Registers what the given charts use (a bar chart with a line series needs both). */
export function registerFor(models: ChartModel[]): void {
  const types = new Set<ChartType>();
  for (const m of models) {
    types.add(m.type);
    for (const d of m.datasets) if (d.type) types.add(d.type);
  }
  Chart.register(...COMMON, ...[...types].flatMap((t) => PARTS[t]));
}

export { Chart };
