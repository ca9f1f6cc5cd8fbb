/**
 * How much of a slide a reader can read: the share of its characters drawn at an effective size (computed
 * font size × every transform scale above it, as measured by the element's box against its layout box, × the
 * page's zoom on the screen) of
 * at least `min` CSS px, and the smallest size drawn. Speaker notes, hidden and visually hidden text (clipped
 * to nothing) are not on screen and not counted. Shared by `bench:load --phone` and the browser tests.
 *
 * A string, not a function: the TypeScript runner of the benchmark wraps a function's inner names in helpers
 * the page does not have. Evaluate it with `page.evaluate(readableProbe(min))`: it measures reveal.js's current slide.
 */
export interface Readable {
  /** Characters counted (not whitespace). */
  chars: number;
  /** Characters at `min` px or more. */
  readable: number;
  /** The smallest effective size of any counted character, px (Infinity for a slide without text). */
  smallest: number;
  /** A few of the smallest texts, for a failure message. */
  small: { text: string; px: number }[];
}

export function readableProbe(min = 14): string {
  return `(() => {
  const slide = window.Reveal && window.Reveal.getCurrentSlide();
  const out = { chars: 0, readable: 0, smallest: Infinity, small: [] };
  if (!slide) return out;
  // A page without a width=device-width viewport is laid out ~980 px wide and shown zoomed out to the screen:
  // sizes on screen are CSS px times that zoom.
  const zoom = window.visualViewport ? window.visualViewport.scale : 1;
  // offsetWidth is rounded to whole pixels: measured on a box wide enough for that not to matter.
  const scaleOf = (el) => {
    let e = el;
    while (e.parentElement && e.offsetWidth < 100 && e !== slide) e = e.parentElement;
    const w = e.offsetWidth;
    const r = e.getBoundingClientRect();
    return w > 0 && r.width > 0 ? r.width / w : 1;
  };
  const hidden = (el) => {
    for (let e = el; e && e !== slide.parentElement; e = e.parentElement) {
      if (e.matches('aside.notes, [hidden]')) return true;
      const s = getComputedStyle(e);
      if (s.display === 'none') return true;
      if (s.clipPath === 'inset(50%)' || (s.clip && s.clip !== 'auto' && s.position === 'absolute')) return true;
    }
    const s = getComputedStyle(el);
    return s.visibility !== 'visible' || Number(s.opacity) === 0;
  };
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
  const seen = new Map();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const count = n.data.replace(/\\s+/g, '').length;
    if (!count) continue;
    const el = n.parentElement;
    if (!el) continue;
    let info = seen.get(el);
    if (!info) {
      info = hidden(el) ? null : parseFloat(getComputedStyle(el).fontSize) * scaleOf(el) * zoom;
      seen.set(el, info);
    }
    if (info === null) continue;
    out.chars += count;
    if (info >= ${min} - 0.05) out.readable += count;
    if (info < out.smallest) out.smallest = info;
    if (info < ${min} - 0.05) out.small.push({ text: n.data.trim().slice(0, 24), px: Math.round(info * 10) / 10 });
  }
  out.small.sort((a, b) => a.px - b.px);
  out.small = out.small.slice(0, 5);
  return out;
})()`;
}

/** The readable share of a measured slide (1 for a slide without text). */
export const share = (r: Readable) => (r.chars === 0 ? 1 : r.readable / r.chars);

/** Page-side: the number of slides (vertical ones included). */
export const SLIDE_COUNT = 'window.Reveal.getSlides().length';

/**
 * Page-side: makes slide `i` current with every fragment shown, then waits for its own finite transitions and
 * animations (and the charts' entry animation) to finish.
 */
export function showSlideProbe(i: number): string {
  return `(async () => {
  const r = window.Reveal;
  const s = r.getSlides()[${i}];
  const ix = r.getIndices(s);
  r.slide(ix.h, ix.v || 0);
  // Bounded: in reveal.js's scroll view (the hand-rolled page on a phone) nextFragment() may never say no.
  for (let k = s.querySelectorAll('.fragment').length; k > 0 && r.nextFragment(); k--) {}
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  // Only what moves this slide into place and shows its fragments: animations on the slide, inside it or on
  // its stack, that end. Others may run for minutes or forever (the hand-rolled page's bouncing controls).
  const settles = (a) => {
    const target = a.effect && a.effect.target;
    return !!target && (s.contains(target) || target.contains(s)) && a.effect.getComputedTiming().endTime !== Infinity;
  };
  await Promise.all(document.getAnimations().filter(settles).map((a) => a.finished.catch(() => undefined)));
  const charts = [...s.querySelectorAll('[data-block="chart"]')];
  const start = performance.now();
  while (charts.some((c) => c.dataset.chartState !== 'drawn') && performance.now() - start < 10000)
    await new Promise((done) => setTimeout(done, 50));
})()`;
}

/** Every slide of the open deck, with its fragments shown, measured. */
export async function measureSlides(page: {
  evaluate(expression: string): Promise<unknown>;
}): Promise<Readable[]> {
  const n = (await page.evaluate(SLIDE_COUNT)) as number;
  const out: Readable[] = [];
  for (let i = 0; i < n; i++) {
    await page.evaluate(showSlideProbe(i));
    out.push((await page.evaluate(readableProbe())) as Readable);
  }
  return out;
}
