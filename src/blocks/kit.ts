/**
 * What a block's browser runtime (src/blocks/<name>/runtime.ts) imports from the engine: the part lifecycle,
 * slide and fragment events, reduced motion, the reader layout, and the generic readiness the exports wait on.
 * Nothing block-specific: a block's own names are in its names.ts.
 */
import { BLOCK_STATE_ATTR, type BlockState } from '../contracts/blocks.ts';
import type { DeckContext } from '../contracts/part.ts';

export { BLOCK_ATTR, blockSelector } from '../contracts/dom.ts';
export type { DeckContext, DeckPart } from '../contracts/part.ts';
export { isReader, LAYOUT_EVENT } from '../runtime/layout.ts';
export { REDUCED_MOTION, reducedMotion } from '../runtime/motion.ts';
export { fragmentsOf, onSlideEvents, type SlideEvent } from '../runtime/slide-events.ts';
export { BLOCK_STATE_ATTR, type BlockState };

/** Says whether the block is drawn; the exports wait while any element says `pending`. */
export function setBlockState(el: HTMLElement, state: BlockState): void {
  el.setAttribute(BLOCK_STATE_ATTR, state);
}

/**
 * In print view reveal.js lays the slides out as pages after it is ready (and copies a slide per fragment
 * state): a block reads or settles its elements once that is done, or its copies keep the state they had.
 */
export function printLayout(ctx: DeckContext): Promise<void> {
  if (document.querySelector('.reveal .pdf-page')) return Promise.resolve();
  return new Promise((resolve) => ctx.reveal.on('pdf-ready', () => resolve(), { once: true }));
}
