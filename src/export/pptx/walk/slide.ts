import { PPTX } from '../../../contracts/dom.ts';
import type { Box, FallbackItem, Item, SlideScene } from '../scene.ts';
import type { PptxMapping } from './mapping.ts';

/** What the walk shares across slides: the counters that number fallbacks and groups, the blocks' mappings. */
export interface DeckWalk {
  fallbacks: number;
  groups: number;
  rootStyle: CSSStyleDeclaration;
  mappings: readonly PptxMapping[];
  /** Work the walk leaves for after it (reading an SVG image's source): run before the scene goes to Node. */
  later: (() => Promise<void>)[];
  /** Elements whose clipped text has been noted (a paragraph may be measured twice). */
  clipped: WeakSet<Element>;
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

const REPLACED = /^(img|svg|canvas|video|iframe|object|embed)$/i;

/**
 * Whether an inline child needs a walk of its own: it is replaced content (an image in a paragraph) or holds
 * some; other inline children are measured with their parent's text.
 */
export const holdsBoxes = (el: Element): boolean =>
  REPLACED.test(el.tagName) || el.querySelector('img, svg, canvas, video, iframe, object, embed') !== null;

/** An address as the page names it, shortened to its path when it is on this site. */
function shortUrl(raw: string): string {
  const url = new URL(raw, location.href);
  return url.origin === location.origin ? url.pathname.replace(/^\//, '') : url.href;
}

/** A medium's address (a video without one: its poster's). */
export function mediaName(el: Element): string {
  const raw =
    (el as HTMLMediaElement).currentSrc ||
    el.getAttribute('src') ||
    el.getAttribute('data-src') ||
    el.getAttribute('data') ||
    el.querySelector('source')?.getAttribute('src');
  if (raw) return shortUrl(raw);
  const poster = el.getAttribute('poster');
  return poster ? `(poster ${shortUrl(poster)})` : '(no source)';
}

/** Names, at the slide, something the PPTX holds otherwise than the page (the summary lists each). */
export const note = (s: Slide, text: string): void => {
  s.scene.substitutes ??= [];
  s.scene.substitutes.push(text);
};
