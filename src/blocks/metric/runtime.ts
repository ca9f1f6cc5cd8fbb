import {
  blockSelector,
  type DeckContext,
  type DeckPart,
  fragmentsOf,
  onSlideEvents,
  printLayout,
  reducedMotion,
  setBlockState,
} from '../kit.ts';
import { METRIC } from './names.ts';
import { COUNT_MS, countAt, formatValue } from './shared/count.ts';

const METRICS = blockSelector(METRIC.block);

const metricsIn = (root: Element | undefined): HTMLElement[] =>
  root ? [...root.querySelectorAll<HTMLElement>(METRICS)] : [];

const read = (el: HTMLElement) => ({
  value: Number(el.getAttribute(METRIC.valueAttr)),
  decimals: Number(el.getAttribute(METRIC.decimalsAttr)),
  digits: el.querySelector<HTMLElement>(`.${METRIC.number}`),
});

/** Writes the exact number, as the build did, and says the metric is shown. */
function settle(el: HTMLElement): void {
  const { value, decimals, digits } = read(el);
  if (digits) digits.textContent = formatValue(value, decimals);
  setBlockState(el, 'ready');
}

/**
 * Metrics count up from zero when their slide (or their fragment) is shown, and settle on the exact number
 * the build wrote. Not with reduced motion, not in print, not in the overview: there the number is just shown.
 * Screen readers read the figure's text, which the count-up never touches (only the `aria-hidden` digits move).
 */
export default function metrics(): DeckPart {
  const offs: (() => void)[] = [];
  const running = new Map<HTMLElement, number>();
  let layout: Promise<void> = Promise.resolve();

  const stop = (el: HTMLElement) => {
    const frame = running.get(el);
    if (frame !== undefined) cancelAnimationFrame(frame);
    running.delete(el);
    settle(el);
  };

  const count = (el: HTMLElement) => {
    stop(el);
    const { value, decimals, digits } = read(el);
    if (!digits || reducedMotion()) return;
    setBlockState(el, 'pending');
    let start: number | undefined;
    const tick = (now: number) => {
      start ??= now;
      const elapsed = now - start;
      digits.textContent = countAt(value, decimals, elapsed);
      if (elapsed >= COUNT_MS) stop(el);
      else running.set(el, requestAnimationFrame(tick));
    };
    digits.textContent = countAt(value, decimals, 0);
    running.set(el, requestAnimationFrame(tick));
  };

  /** A metric counts when it becomes visible: on its slide, and not inside a fragment still hidden. */
  const shown = (el: HTMLElement) => {
    const fragment = el.closest('.fragment');
    return !fragment || fragment.classList.contains('visible');
  };

  return {
    name: 'metric',
    setup(ctx: DeckContext) {
      const all = metricsIn(document.body);
      for (const el of all) settle(el);
      // Print: the copies reveal.js makes while laying out pages are settled too, before the deck is ready.
      if (ctx.print) {
        layout = printLayout(ctx).then(() => {
          for (const el of metricsIn(document.body)) settle(el);
        });
        return;
      }
      if (all.length === 0) return;
      const { reveal } = ctx;
      const enter = (slide: HTMLElement | undefined) => {
        if (reveal.isOverview()) return;
        for (const el of metricsIn(slide)) if (shown(el)) count(el);
      };
      offs.push(
        onSlideEvents(reveal, ['slidechanged'], ({ currentSlide, previousSlide }) => {
          for (const el of metricsIn(previousSlide)) stop(el);
          enter(currentSlide);
        }),
        onSlideEvents(reveal, ['fragmentshown'], (event) => {
          for (const fragment of fragmentsOf(event)) {
            const inside = fragment.matches(METRICS) ? [fragment] : metricsIn(fragment);
            for (const el of inside) count(el);
          }
        }),
        onSlideEvents(reveal, ['overviewshown'], () => {
          for (const el of [...running.keys()]) stop(el);
        }),
      );
      enter(reveal.getCurrentSlide());
    },
    ready: () => layout,
    teardown() {
      for (const off of offs.splice(0)) off();
      for (const el of [...running.keys()]) stop(el);
    },
  };
}
