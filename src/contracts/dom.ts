/**
 * Names the compiler writes into the page and the runtime looks up: one definition each, so a rename on one
 * side cannot silently break the other.
 */

/** Every block's root element says which block it is: `data-block="chart"`. */
export const BLOCK_ATTR = 'data-block';
export const blockSelector = (name: string): string => `[${BLOCK_ATTR}="${name}"]`;

// Each block's names live in its folder (src/blocks/<name>/names.ts); re-exported for the exports that read them.
export { CHAIN_MAP } from '../blocks/chain-map/names.ts';
export { CHART } from '../blocks/chart/names.ts';
export { TIMELINE } from '../blocks/timeline/names.ts';

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
