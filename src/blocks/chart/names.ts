/**
 * Names the block's HTML carries and its runtime looks up (and the PPTX export reads): one definition each,
 * so a rename on one side cannot silently break the other. Imports nothing: build and browser both use it.
 */

/** Charts: a figure holding a frame with the canvas, the model as JSON, and one empty fragment per step. */
export const CHART = {
  block: 'chart',
  frame: 'chart-frame',
  model: 'chart-model',
  table: 'chart-table',
  toggle: 'chart-data-toggle',
  svg: 'chart-svg',
  /** On the figure while its data table is shown in place of the plot. */
  showData: 'chart-show-data',
  /** The step fragments: `<span class="fragment chart-step" data-chart-for="ID">`. */
  step: 'chart-step',
  stepForAttr: 'data-chart-for',
  stepIndexAttr: 'data-chart-step-index',
  /**
   * Once drawn in the print view (which the exports read), on the figure: `left top right bottom min max`, the plot area in the frame's CSS px and the
   * value axis range, so an exporter can lay a native chart and its reference lines out as the page does.
   */
  plotAttr: 'data-chart-plot',
} as const;
