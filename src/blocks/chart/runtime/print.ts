import { BasicPlatform, type ChartConfiguration } from 'chart.js';
import { Context } from 'svgcanvas';
import { setBlockState } from '../../kit.ts';
import { CHART } from '../names.ts';
import { chartConfig } from './config.ts';
import { readModel, setPlot } from './model-dom.ts';
import { Chart } from './registry.ts';
import { applySteps, shownSteps } from './steps.ts';
import type { ChartTheme } from './theme.ts';

/**
 * Print: draws the chart once, at its final values, through a canvas context that records SVG, and puts
 * the SVG in place of the canvas. The PDF then keeps every label and value as text, sharp at any zoom.
 */
export function drawSvg(figure: HTMLElement, theme: ChartTheme): void {
  const frame = figure.querySelector<HTMLElement>(`.${CHART.frame}`);
  if (!frame) throw new Error(`chart ${figure.id} has no frame`);
  const width = Math.round(frame.clientWidth);
  const height = Math.round(frame.clientHeight);
  const model = readModel(figure);
  const ctx = new Context({ width, height });
  // Chart.js asks its "canvas" for a context; the SVG context is both.
  Object.assign(ctx, { getContext: () => ctx });
  const config = chartConfig(model, theme, {
    animate: false,
    devicePixelRatio: 1,
    lang: document.documentElement.lang || 'en',
  }) as ChartConfiguration;
  const chart = new Chart(ctx as unknown as HTMLCanvasElement, { ...config, platform: BasicPlatform });
  applySteps(chart, model, shownSteps(figure));
  chart.update('none');
  setPlot(figure, chart, model);
  const svg = ctx.getSvg().cloneNode(true) as SVGSVGElement;
  chart.destroy();
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', CHART.svg);
  svg.setAttribute('aria-hidden', 'true');
  frame.querySelector(`.${CHART.svg}`)?.remove();
  frame.prepend(svg);
  figure.dataset.chartRender = 'svg';
  setBlockState(figure, 'ready');
}
