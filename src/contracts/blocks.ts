import type { DeckPart } from './part.ts';

/**
 * How a block renders in the phone reader layout (`html[data-layout="reader"]`): `reflow` (its HTML and CSS
 * fit any width), `scroll` (it keeps its size and scrolls across inside itself, never the page) or `redraw`
 * (its runtime draws it again at the screen's width).
 */
export type NarrowMode = 'reflow' | 'scroll' | 'redraw';

/** On every block's root element: its narrow mode, which the reader layout's CSS keys on. */
export const NARROW_ATTR = 'data-narrow-mode';

/**
 * On a block's own line of sources: it gives way to the slide's one source line on the projected slide and
 * comes back in the provenance view (assets/theme/provenance.css).
 */
export const SOURCE_LINE_ATTR = 'data-source-line';

/** A block's browser module: its default export makes the runtime part that brings the block to life. */
export interface BlockRuntimeModule {
  default: () => DeckPart;
}

/** The Vite plugin's virtual module listing the runtime modules of the blocks the deck uses. */
export const BLOCKS_MODULE = 'virtual:deck/blocks';
/** …and the one importing their stylesheets, in registry order. */
export const BLOCK_STYLES_MODULE = 'virtual:deck/block-styles';

/**
 * On a block's root element while its runtime still has to draw it: `pending`, then `ready`. The exports (PDF,
 * PNG, PPTX) wait until no element of the page says `pending`, whichever block it is (src/export/ready.ts).
 */
export const BLOCK_STATE_ATTR = 'data-block-state';
export type BlockState = 'pending' | 'ready';
