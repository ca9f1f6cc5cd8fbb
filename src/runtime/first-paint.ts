/**
 * Resolves once the first slide, shown by HTML and CSS alone (the theme's `.reveal:not(.ready)` rules), is on
 * screen with its font. The runtime starts then: reveal.js's start is ~100 ms of main thread that would
 * otherwise run between the font's arrival and the frame that shows the text (bench:load's trace).
 */
export async function firstSlidePainted(doc: Document = document): Promise<void> {
  // A hidden tab draws no frames (requestAnimationFrame never fires): nothing to wait for there.
  if (doc.visibilityState === 'hidden' || typeof requestAnimationFrame !== 'function') return;
  const frame = () => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  // A frame has laid the slide out, so the faces its text needs are loading; then the frame that draws it.
  await frame();
  await doc.fonts.ready;
  await frame();
}
