import { isPresenterView, isPreview } from './follow/page-mode.ts';

/** The theme's smallest text on a 16:9 slide, px at 1920×1080 (a browser test holds every slide to it). */
export const MIN_DESIGN_TEXT = 22;

/**
 * The reader layout: on a screen where the 16:9 slide would be drawn below this scale, the slide is reflowed
 * to the screen's width instead (reveal.js's `disableLayout`, the theme's `html[data-layout="reader"]` rules).
 * 14/22 ≈ 0.64 is where the smallest design text falls below 14 px, the phone's bar for readable text.
 * Measured (`npm run bench:layout`): at 0.61 (a landscape tablet) only 12 of 27 slides had 90% of their text
 * at 14 px or more as 16:9 slides, all 27 in the reader layout; at 0.67 (1280×720) and 0.71 all pass as 16:9.
 * So phones (0.2–0.4) and tablets in either orientation (0.43–0.61) read the reader layout; laptops and
 * projectors keep the 16:9 slide.
 */
export const READER_BELOW_SCALE = 14 / MIN_DESIGN_TEXT;

export interface LayoutContext {
  width: number;
  height: number;
  print: boolean;
  loc: Location;
}

/** `?layout=reader` or `?layout=slides`: the reader's own choice, over the size's. */
export const LAYOUT_PARAM = 'layout';

/**
 * Whether a page of this size and kind reads the reader layout. Print, export, presenter and preview never do;
 * `?layout=` decides for anything else (a tablet reader who prefers the other, and bench:layout, which
 * measures both).
 */
export function wantsReader(
  { width, height, print, loc }: LayoutContext,
  design = { width: 1920, height: 1080 },
) {
  if (print || isPreview(loc) || isPresenterView(loc)) return false;
  const asked = new URLSearchParams(loc.search).get(LAYOUT_PARAM);
  if (asked === 'reader' || asked === 'slides') return asked === 'reader';
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
