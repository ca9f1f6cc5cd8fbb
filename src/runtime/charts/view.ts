import type { Chart as ChartInstance } from 'chart.js';
import type { ChartModel } from '../../compiler/blocks/chart/model.ts';
import { chartConfig } from './config.ts';
import { readModel, setState } from './model-dom.ts';
import { Chart } from './registry.ts';
import { applySteps, shownSteps } from './steps.ts';
import type { ChartTheme } from './theme.ts';

/**
 * One chart on screen: created when its slide is about to show, animated on entry, stepped by fragments,
 * destroyed when its slide is gone. `drawn` resolves when the first draw (and its animation) has finished.
 */
export class ChartView {
  readonly model: ChartModel;
  private chart: ChartInstance | undefined;
  drawn: Promise<void> = Promise.resolve();

  constructor(
    readonly figure: HTMLElement,
    private readonly theme: ChartTheme,
  ) {
    this.model = readModel(figure);
  }

  get live(): boolean {
    return this.chart !== undefined;
  }

  create(animate: boolean, scale: number): Promise<void> {
    if (this.chart) return this.drawn;
    const canvas = this.figure.querySelector('canvas');
    if (!canvas) throw new Error(`chart ${this.figure.id} has no canvas`);
    const config = chartConfig(this.model, this.theme, { animate, devicePixelRatio: this.ratioFor(scale) });
    let done: () => void = () => {};
    this.drawn = new Promise((resolve) => {
      done = resolve;
    });
    const finish = () => {
      setState(this.figure, 'drawn');
      done();
    };
    const options = config.options ?? {};
    if (animate) options.animation = { ...(options.animation || {}), onComplete: finish };
    this.chart = new Chart(canvas, config);
    applySteps(this.chart, this.model, shownSteps(this.figure));
    this.chart.update(animate ? undefined : 'none');
    if (!animate) finish();
    return this.drawn;
  }

  /** Plays the entry animation again (the slide was left and entered again). */
  replay(): void {
    if (!this.chart) return;
    applySteps(this.chart, this.model, shownSteps(this.figure));
    this.chart.reset();
    this.chart.update();
  }

  /** Follows the step fragments: shows (animated) what the visible fragments say. */
  step(): void {
    if (!this.chart) return;
    applySteps(this.chart, this.model, shownSteps(this.figure));
    this.chart.update();
  }

  /**
   * Backing store for a new on-screen scale (the CSS size does not change when reveal.js rescales). Chart.js
   * floors width × ratio, so the ratio is nudged until both sides reach the whole on-screen pixels.
   */
  setRatio(scale: number): void {
    if (!this.chart) return;
    const ratio = this.ratioFor(scale);
    if (this.chart.options.devicePixelRatio === ratio) return;
    this.chart.options.devicePixelRatio = ratio;
    this.chart.resize();
  }

  private ratioFor(scale: number): number {
    const frame = this.figure.querySelector<HTMLElement>('.chart-frame');
    const sides = [frame?.clientWidth ?? 0, frame?.clientHeight ?? 0].filter((x) => x > 0);
    const needed = sides.map((x) => Math.ceil(x * scale - 1e-6) / x);
    return Math.max(scale, ...needed) + 1e-6;
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
    setState(this.figure, 'pending');
  }
}
