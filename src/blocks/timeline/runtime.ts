import { blockSelector, type DeckContext, type DeckPart, onSlideEvents } from '../kit.ts';
import { TIMELINE } from './names.ts';

const STEPPING = `${blockSelector(TIMELINE.block)}[${TIMELINE.stepAttr}]`;

/** The last shown event of each stepping timeline on the slide is the current one. */
function markCurrent(slide: Element | undefined): void {
  if (!slide) return;
  for (const timeline of slide.querySelectorAll(STEPPING)) {
    let current: HTMLElement | undefined;
    let best = -1;
    for (const event of timeline.querySelectorAll<HTMLElement>(`.${TIMELINE.event}.fragment.visible`)) {
      const index = Number(event.dataset.fragmentIndex ?? 0);
      if (index >= best) [current, best] = [event, index];
    }
    for (const event of timeline.querySelectorAll<HTMLElement>(`.${TIMELINE.event}`)) {
      const on = event === current;
      event.toggleAttribute('data-current', on);
      if (on) event.setAttribute('aria-current', 'step');
      else event.removeAttribute('aria-current');
    }
  }
}

/** Timelines are drawn at build time; a stepping one marks its current event. */
export default function timelines(): DeckPart {
  const offs: (() => void)[] = [];
  return {
    name: 'timeline',
    setup(ctx: DeckContext) {
      if (ctx.print) return;
      const { reveal } = ctx;
      const onFragment = () => markCurrent(reveal.getCurrentSlide());
      offs.push(onSlideEvents(reveal, ['fragmentshown', 'fragmenthidden', 'slidechanged'], onFragment));
      onFragment();
    },
    ready: () => Promise.resolve(),
    teardown() {
      for (const off of offs.splice(0)) off();
    },
  };
}
