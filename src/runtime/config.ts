import type { RevealConfig } from 'reveal.js';
import { CONFIG_ELEMENT_ID, DESIGN, type DeckRuntimeConfig } from '../contracts/runtime-config.ts';

export { DESIGN };

export function readConfig(doc: Document = document): DeckRuntimeConfig {
  const el = doc.getElementById(CONFIG_ELEMENT_ID);
  if (!el?.textContent)
    throw new Error('the page has no #deck-config: it was not built by the deck compiler');
  return JSON.parse(el.textContent) as DeckRuntimeConfig;
}

/** reveal.js options: every default we change, in one place. */
export function revealOptions(config: DeckRuntimeConfig, reader = false): RevealConfig {
  return {
    ...readerOptions(reader),
    ...DESIGN,
    margin: 0,
    minScale: 0.1,
    maxScale: 4,
    hash: true,
    respondToHashChanges: true,
    fragmentInURL: true,
    slideNumber: 'c/t',
    showSlideNumber: 'all',
    progress: true,
    controls: true,
    controlsTutorial: false,
    center: false,
    display: 'flex',
    keyboard: true,
    overview: true,
    transition: config.transition as RevealConfig['transition'],
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
    preloadIframes: false,
  };
}

/**
 * What the reader layout changes: no scaling (the theme reflows the slide), no scroll view, and no reveal.js
 * swipes (its touch handler cancels every one-finger move, which would stop the slide scrolling; the reader
 * part swipes across instead).
 */
export function readerOptions(
  reader: boolean,
): Pick<RevealConfig, 'disableLayout' | 'touch'> & Partial<Pick<RevealConfig, 'scrollActivationWidth'>> {
  return reader
    ? { disableLayout: true, touch: false, scrollActivationWidth: 0 }
    : { disableLayout: false, touch: true };
}
