/**
 * The lazily loaded half of the charts part: Chart.js and everything that imports it. The deck's first
 * slide never waits for it; it loads when a chart is near.
 */
import type { ChartModel } from '../../../contracts/chart-model.ts';
import { Chart, registerFor } from './registry.ts';
import type { ChartTheme } from './theme.ts';

export { ChartView } from './view.ts';

export function prepare(models: ChartModel[], theme: ChartTheme): void {
  registerFor(models);
  Chart.defaults.font.family = theme.font;
  Chart.defaults.color = theme.ink;
}
