/**
 * Names the compiler writes into the page and the runtime looks up: one definition each, so a rename on one
 * side cannot silently break the other.
 */

/** Every block's root element says which block it is: `data-block="chart"`. */
export const BLOCK_ATTR = 'data-block';
export const blockSelector = (name: string): string => `[${BLOCK_ATTR}="${name}"]`;

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
  /** `data-chart-state`: pending until drawn. */
  stateAttr: 'data-chart-state',
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

/** Chain maps: nodes (buttons) and links, each named by node id. */
export const CHAIN_MAP = {
  block: 'chain-map',
  node: 'cm-node',
  link: 'cm-link',
  nodeAttr: 'data-node',
  fromAttr: 'data-from',
  toAttr: 'data-to',
} as const;

/** Timelines: events, and `data-step` on a timeline that steps through them. */
export const TIMELINE = {
  block: 'timeline',
  event: 'tl-event',
  stepAttr: 'data-step',
} as const;

/** The provenance part of a slide's notes: `<aside class="provenance-note">`, apart from the spoken notes. */
export const PROVENANCE_NOTE = 'provenance-note';

/** Marks the PPTX walker leaves in the print view for the exporter in Node. */
export const PPTX = {
  /** `data-pptx-fallback="N"`: the element the exporter pictures for fallback N. */
  fallbackAttr: 'data-pptx-fallback',
  /** On an element whose pseudo-elements the walker made real (and turned off). */
  pseudoAttr: 'data-pptx-pseudo',
  pseudoStyleId: 'pptx-pseudo',
} as const;
