import type { RevealConfig } from 'reveal.js';
import type { DeckRuntimeConfig } from '../node/page.ts';

/** The slide design size: CSS pixels equal screen pixels on a 1920×1080 projector. */
export const DESIGN = { width: 1920, height: 1080 } as const;

export function readConfig(doc: Document = document): DeckRuntimeConfig {
  const el = doc.getElementById('deck-config');
  if (!el?.textContent)
    throw new Error('the page has no #deck-config: it was not built by the deck compiler');
  return JSON.parse(el.textContent) as DeckRuntimeConfig;
}

/** reveal.js options: every default we change, in one place. */
export function revealOptions(config: DeckRuntimeConfig): RevealConfig {
  return {
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
    touch: true,
    keyboard: true,
    overview: true,
    transition: config.transition as RevealConfig['transition'],
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
    preloadIframes: false,
  };
}
