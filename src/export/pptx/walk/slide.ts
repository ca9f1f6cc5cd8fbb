import { PPTX } from '../../../contracts/dom.ts';
import type { Box, FallbackItem, Item, SlideScene } from '../scene.ts';
import type { PptxMapping } from './mapping.ts';

/** What the walk shares across slides: the counters that number fallbacks and groups, the blocks' mappings. */
export interface DeckWalk {
  fallbacks: number;
  groups: number;
  rootStyle: CSSStyleDeclaration;
  mappings: readonly PptxMapping[];
}

/** One slide being walked: its page box (client px), the scene it fills, and the deck's counters. */
export interface Slide {
  origin: DOMRect;
  W: number;
  H: number;
  items: Item[];
  scene: SlideScene;
  deck: DeckWalk;
}

/** A client rectangle in the slide's own px. */
export const box = (
  s: Slide,
  r: DOMRect | { left: number; top: number; width: number; height: number },
): Box => ({
  x: r.left - s.origin.left,
  y: r.top - s.origin.top,
  w: r.width,
  h: r.height,
});

/** Marks `el` for a picture of it (taken in Node after the walk) and returns the item that places it. */
export function fallback(s: Slide, el: Element, why: string, own: boolean, group?: number): FallbackItem {
  const id = ++s.deck.fallbacks;
  el.setAttribute(PPTX.fallbackAttr, String(id));
  return { kind: 'fallback', id, why, own, ...box(s, el.getBoundingClientRect()), group };
}

/** Not drawn: no display, invisible, notes and scripts, or visually hidden screen-reader text. */
export function hidden(el: Element, cs: CSSStyleDeclaration): boolean {
  if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0) return true;
  if (/^(script|style|template|noscript|aside)$/i.test(el.tagName)) return true;
  if (el.classList.contains('notes')) return true;
  // Visually hidden (screen-reader text): clipped away or a 1 px box with hidden overflow.
  if (/^inset\(50%/.test(cs.clipPath) || cs.clip === 'rect(0px, 0px, 0px, 0px)') return true;
  if (cs.overflow === 'hidden') {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 && r.height <= 1) return true;
  }
  return false;
}

export const isInline = (cs: CSSStyleDeclaration): boolean =>
  cs.display === 'inline' || cs.display === 'contents';
