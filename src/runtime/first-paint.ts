import { isPrintView } from './follow/page-mode.ts';

/**
 * Resolves once the first slide, shown by HTML and CSS alone (the theme's `.reveal:not(.ready)` rules), is on
 * screen with its font. The runtime starts then: reveal.js's start is ~100 ms of main thread that would
 * otherwise run between the font's arrival and the frame that shows the text (bench:trace).
 * `fontsLoaded` runs as soon as the first slide's faces are in, before that frame.
 */
export async function firstSlidePainted(doc: Document = document, fontsLoaded = () => {}): Promise<void> {
  // A hidden tab draws no frames (requestAnimationFrame never fires): nothing to wait for there. Nor in the
  // print view: Chromium's own --print-to-pdf draws none either, and printed the deck blank.
  if (
    (doc.location && isPrintView(doc.location)) ||
    doc.visibilityState === 'hidden' ||
    typeof requestAnimationFrame !== 'function'
  ) {
    fontsLoaded();
    return;
  }
  const frame = () => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  // A frame has laid the slide out, so the faces its text needs are loading; then the frame that draws it.
  await frame();
  await doc.fonts.ready;
  fontsLoaded();
  await frame();
}
