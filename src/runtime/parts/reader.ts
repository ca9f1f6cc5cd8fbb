import { readerOptions } from '../config.ts';
import { currentLayoutContext, isReader, LAYOUT_EVENT, markLayout, wantsReader } from '../layout.ts';
import type { DeckContext, DeckPart } from '../part.ts';

/** A swipe: this far across, and mostly across (a steeper move is the slide scrolling). */
const SWIPE_PX = 48;
const SWIPE_SLOPE = 1.5;

interface FragmentEvent extends Event {
  fragment?: HTMLElement;
  fragments?: HTMLElement[];
}

/**
 * The reader layout's behaviour (its look is the theme's): each slide scrolls down on its own and is shown from
 * its top when it becomes current, or at a newly shown fragment that is below the fold; a swipe across moves
 * to the previous or next step (reveal.js's own swipes are off: they would stop the slide scrolling); turning
 * the screen switches between the reader layout and the 16:9 slide.
 */
export function reader(): DeckPart {
  const offs: (() => void)[] = [];
  return {
    name: 'reader',
    setup(ctx: DeckContext) {
      if (ctx.print) return;
      const { reveal } = ctx;
      const on = (type: string, fn: (e: Event) => void) => {
        reveal.on(type, fn);
        offs.push(() => reveal.off(type, fn));
      };
      const listen = <K extends keyof WindowEventMap>(type: K, fn: (e: WindowEventMap[K]) => void) => {
        window.addEventListener(type, fn, { passive: true });
        offs.push(() => window.removeEventListener(type, fn));
      };

      // The control bands above and below the slide's scroller take the slide's own background (a red cover).
      const band = () => {
        const slide = reveal.getCurrentSlide();
        const deck = reveal.getRevealElement() as HTMLElement | null;
        if (!deck || !slide) return;
        const color = getComputedStyle(slide).backgroundColor;
        if (/^(transparent|rgba\(0, 0, 0, 0\))$/.test(color)) deck.style.removeProperty('--reader-band');
        else deck.style.setProperty('--reader-band', color);
      };
      on('slidechanged', () => {
        const slide = reveal.getCurrentSlide();
        if (isReader() && slide) slide.scrollTop = 0;
        band();
      });
      band();
      on('fragmentshown', (e) => {
        const slide = reveal.getCurrentSlide();
        if (!isReader() || !slide) return;
        const { fragment, fragments } = e as FragmentEvent;
        const shown = (fragments ?? (fragment ? [fragment] : [])).filter(
          (f) => f.getClientRects().length > 0,
        );
        const last = shown.at(-1);
        if (!last) return;
        const box = last.getBoundingClientRect();
        const view = slide.getBoundingClientRect();
        if (box.bottom > view.bottom || box.top < view.top) last.scrollIntoView({ block: 'nearest' });
      });

      let start: { id: number; x: number; y: number } | undefined;
      listen('pointerdown', (e) => {
        start =
          e.pointerType === 'touch' && e.isPrimary
            ? { id: e.pointerId, x: e.clientX, y: e.clientY }
            : undefined;
      });
      listen('pointercancel', () => {
        start = undefined;
      });
      listen('pointerup', (e) => {
        if (!start || e.pointerId !== start.id || !isReader()) return;
        const dx = e.clientX - start.x;
        const dy = e.clientY - start.y;
        start = undefined;
        if (Math.abs(dx) < SWIPE_PX || Math.abs(dx) < SWIPE_SLOPE * Math.abs(dy)) return;
        if (dx < 0) reveal.next();
        else reveal.prev();
      });

      listen('resize', () => {
        const want = wantsReader(currentLayoutContext(ctx.print));
        if (want === isReader()) return;
        markLayout(want);
        if (want) {
          // reveal.js leaves its last scale on the slides; the reader layout has none.
          const slides = reveal.getSlidesElement();
          if (slides)
            for (const p of ['width', 'height', 'left', 'top', 'bottom', 'right', 'transform', 'zoom'])
              slides.style.removeProperty(p);
        }
        reveal.configure(readerOptions(want));
        reveal.layout();
        document.dispatchEvent(new Event(LAYOUT_EVENT));
      });
    },
    teardown() {
      for (const off of offs.splice(0)) off();
    },
  };
}
