import type { Chart as ChartInstance } from 'chart.js';
import type { ChartModel } from '../../../contracts/chart-model.ts';
import { isReader, setBlockState } from '../../kit.ts';
import { CHART } from '../names.ts';
import { chartConfig } from './config.ts';
import { readModel } from './model-dom.ts';
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
    const config = chartConfig(this.model, this.theme, {
      animate,
      devicePixelRatio: this.ratioFor(scale),
      reader: isReader(),
      lang: document.documentElement.lang || 'en',
    });
    let done: () => void = () => {};
    this.drawn = new Promise((resolve) => {
      done = resolve;
    });
    this.settled = () => {
      this.figure.dataset.chartShown = String(this.steps);
      setBlockState(this.figure, 'ready');
      done();
    };
    const options = config.options ?? {};
    // Every animation (entry, replay, step) ends here, so tests and the exporter can wait on it.
    if (animate) options.animation = { ...(options.animation || {}), onComplete: () => this.settled() };
    this.animate = animate;
    const frame = this.frame();
    // The chart's size is the frame's layout size (design pixels); the ratio gives the backing store.
    canvas.width = frame.clientWidth;
    canvas.height = frame.clientHeight;
    this.chart = new Chart(canvas, config);
    this.resizes = new ResizeObserver(() => this.fitFrame());
    this.resizes.observe(frame);
    this.show();
    return this.drawn;
  }

  /** Plays the entry animation again (the slide was left and entered again). */
  replay(): void {
    if (!this.chart) return;
    this.chart.reset();
    this.show();
  }

  /** Follows the step fragments, both ways: shows (animated) what the visible fragments say. */
  step(): void {
    this.show();
  }

  private animate = false;
  private steps = 0;
  private settled: () => void = () => {};

  private show(): void {
    if (!this.chart) return;
    this.steps = shownSteps(this.figure);
    applySteps(this.chart, this.model, this.steps);
    this.chart.update(this.animate ? undefined : 'none');
    if (!this.animate) this.settled();
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
    this.chart.resize(this.chart.width, this.chart.height);
  }

  /**
   * Sizes the chart to its frame's layout size. Chart.js measures a container with getBoundingClientRect,
   * which includes reveal.js's scale transform; the canvas must keep the untransformed design size.
   */
  private fitFrame(): void {
    const frame = this.frame();
    const { width, height } = this.chart ?? { width: 0, height: 0 };
    if (frame.clientWidth === 0 || (frame.clientWidth === width && frame.clientHeight === height)) return;
    this.chart?.resize(frame.clientWidth, frame.clientHeight);
  }

  private frame(): HTMLElement {
    const frame = this.figure.querySelector<HTMLElement>(`.${CHART.frame}`);
    if (!frame) throw new Error(`chart ${this.figure.id} has no frame`);
    return frame;
  }

  private ratioFor(scale: number): number {
    const frame = this.frame();
    const sides = [frame.clientWidth, frame.clientHeight].filter((x) => x > 0);
    const needed = sides.map((x) => Math.ceil(x * scale - 1e-6) / x);
    return Math.max(scale, ...needed) + 1e-6;
  }

  private resizes: ResizeObserver | undefined;

  destroy(): void {
    this.resizes?.disconnect();
    this.chart?.destroy();
    this.chart = undefined;
    setBlockState(this.figure, 'pending');
  }
}
