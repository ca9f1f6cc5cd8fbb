import type { RevealApi } from 'reveal.js';

/** What reveal.js's slide events carry (`slidechanged`, `fragmentshown`, …). */
export interface SlideEvent extends Event {
  currentSlide?: HTMLElement;
  previousSlide?: HTMLElement;
  fragment?: HTMLElement;
  fragments?: HTMLElement[];
}

/**
 * Subscribes `fn` to reveal.js events and returns the one function that unsubscribes it from all of them: a
 * part's teardown calls what its setup collected, and no listener outlives it.
 */
export function onSlideEvents(
  reveal: Pick<RevealApi, 'on' | 'off'>,
  types: readonly string[],
  fn: (event: SlideEvent) => void,
): () => void {
  const handler = (event: Event) => fn(event as SlideEvent);
  for (const type of types) reveal.on(type, handler);
  return () => {
    for (const type of types) reveal.off(type, handler);
  };
}

/** The fragments a `fragmentshown`/`fragmenthidden` event is about (one, or several shown together). */
export const fragmentsOf = (event: SlideEvent): HTMLElement[] =>
  event.fragments ?? (event.fragment ? [event.fragment] : []);
