import Reveal from 'reveal.js';
import { readConfig, revealOptions } from './config.ts';
import { fetchEveryFace } from './first-paint.ts';
import { isPrintView } from './follow/page-mode.ts';
import { currentLayoutContext, markLayout, wantsReader } from './layout.ts';
import type { DeckContext, DeckPart } from './part.ts';
import { createParts } from './parts/index.ts';

/** Fonts: every face the page declares is loaded, and the deck's family renders CJK text. */
async function fontsReady(sample: string): Promise<void> {
  fetchEveryFace();
  const family =
    getComputedStyle(document.documentElement).getPropertyValue('--deck-font-family').trim() || '"Deck Sans"';
  await Promise.all([400, 700].map((w) => document.fonts.load(`${w} 32px ${family}`, sample)));
  await document.fonts.ready;
}

/**
 * Starts the deck and sets `<html data-deck-ready="true">` once reveal.js is ready, the fonts are loaded
 * and every part has drawn what it must. On failure the attribute is "error" and the reason is in
 * `data-deck-error`, so tests and the exporter never wait on a sleep.
 */
export async function startDeck(parts: DeckPart[] = createParts()): Promise<DeckContext> {
  const root = document.documentElement;
  try {
    const config = readConfig();
    const print = isPrintView();
    const reader = wantsReader(currentLayoutContext(print));
    markLayout(reader);
    const reveal = new Reveal(document.querySelector<HTMLElement>('.reveal')!, revealOptions(config, reader));
    window.Reveal = reveal;
    const ctx: DeckContext = { reveal, config, print };
    const fonts = fontsReady(config.title); // text of the deck's language, in the deck's face
    const hash = window.location.hash;
    await reveal.initialize();
    if (
      reveal.getViewportElement()?.classList.contains('reveal-scroll') &&
      hash &&
      window.location.hash !== hash
    ) {
      // Started in its scroll view (a phone), reveal.js wrote the first slide into the URL before reading it,
      // so a deep link (or the language switch) opened the first slide: put the link back, let it read it.
      history.replaceState(history.state, '', hash);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    }
    for (const part of parts) await part.setup(ctx);
    await fonts;
    await Promise.all(parts.map((p) => p.ready?.()));
    root.dataset.deckReady = 'true';
    return ctx;
  } catch (e) {
    root.dataset.deckReady = 'error';
    root.dataset.deckError = e instanceof Error ? e.message : String(e);
    throw e;
  }
}
