import type { RevealApi } from 'reveal.js';
import type { DeckState } from '../../protocol/messages.ts';

/** What the follow clients need of a deck: read where it is and go somewhere. Tests pass a fake. */
export interface DeckAdapter {
  read(): DeckState;
  apply(state: DeckState): void;
}

/** reveal.js events after which the deck may be somewhere else. */
export const STATE_EVENTS = [
  'slidechanged',
  'fragmentshown',
  'fragmenthidden',
  'overviewshown',
  'overviewhidden',
  'paused',
  'resumed',
] as const;

/** The deck's state as a protocol snapshot: a slide without fragments has f = -1, as one with none shown. */
export function readDeck(reveal: RevealApi): DeckState {
  const i = reveal.getIndices();
  return {
    h: i.h,
    v: i.v ?? 0,
    f: typeof i.f === 'number' ? i.f : -1,
    overview: reveal.isOverview(),
    paused: reveal.isPaused(),
  };
}

/** Moves the deck to a snapshot: slide and fragment first, so the overview opens on the right slide. */
export function applyDeck(reveal: RevealApi, state: DeckState): void {
  const now = readDeck(reveal);
  if (now.h !== state.h || now.v !== state.v || now.f !== state.f) reveal.slide(state.h, state.v, state.f);
  if (reveal.isOverview() !== state.overview) reveal.toggleOverview(state.overview);
  if (reveal.isPaused() !== state.paused) reveal.togglePause(state.paused);
}
