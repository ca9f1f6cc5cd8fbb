import type { Item } from '../scene.ts';
import type { Slide } from './slide.ts';

/**
 * A block's own way into the PPTX (`src/blocks/<name>/pptx.ts`, default export): the walker asks each mapping
 * about every element it meets; the first that `matches` and returns items replaces the generic walk of it.
 */
export interface PptxMapping {
  /** The block's name (its `data-block`). */
  block: string;
  /** Whether this element is the one the mapping writes (a chart's frame, say). */
  matches(el: Element): boolean;
  /** The native items for it, in the slide's px; null: walk it as any other element. */
  map(el: Element, slide: Slide): Item[] | null;
  /** The block becomes native objects of its own, not a group of the shapes drawn inside it. */
  ungrouped?: boolean;
}

/** A mapping, typed (the block's pptx.ts: `export default definePptx({ … })`). */
export const definePptx = (mapping: PptxMapping): PptxMapping => mapping;
