import { isPresenterView, isPreview } from './follow/page-mode.ts';

/**
 * The reader layout: on a screen where the 16:9 slide would be drawn below this scale, the slide is reflowed
 * to the screen's width instead (reveal.js's `disableLayout`, the theme's `html[data-layout="reader"]` rules).
 * 0.55 is where the theme's smallest design text (22 px) would fall below 12 px: a portrait phone (0.2), a
 * landscape phone (0.36) and a portrait tablet (0.43–0.48) read the reader layout; a landscape tablet (0.61+),
 * a laptop and a projector keep the 16:9 slide. bench:load --phone measures both at the edge cases.
 */
export const READER_BELOW_SCALE = 0.55;

export interface LayoutContext {
  width: number;
  height: number;
  print: boolean;
  loc: Location;
}

/** Whether a page of this size and kind reads the reader layout. Print, export, presenter and preview never do. */
export function wantsReader(
  { width, height, print, loc }: LayoutContext,
  design = { width: 1920, height: 1080 },
) {
  if (print || isPreview(loc) || isPresenterView(loc)) return false;
  return Math.min(width / design.width, height / design.height) < READER_BELOW_SCALE;
}

export function currentLayoutContext(print: boolean): LayoutContext {
  return { width: window.innerWidth, height: window.innerHeight, print, loc: window.location };
}

/** Marks the page: `<html data-layout="reader">`, the one hook every narrow style keys on. */
export function markLayout(reader: boolean, root: HTMLElement = document.documentElement): void {
  if (reader) root.dataset.layout = 'reader';
  else delete root.dataset.layout;
}

export const isReader = (root: HTMLElement = document.documentElement) => root.dataset.layout === 'reader';

/** Fired on `document` when the page moves between the 16:9 slide and the reader layout (a phone turned). */
export const LAYOUT_EVENT = 'deck:layout';
