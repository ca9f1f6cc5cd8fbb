import { deckScripts } from 'virtual:deck/scripts';
import Reveal from 'reveal.js';
import { readConfig, revealOptions } from './config.ts';
import { deckFamily, fetchEveryFace } from './faces.ts';
import { isPrintView } from './follow/page-mode.ts';
import { currentLayoutContext, markLayout, wantsReader } from './layout.ts';
import type { DeckContext, DeckPart } from './part.ts';
import { createParts } from './parts/index.ts';
import { importScripts, runScripts } from './scripts.ts';

/** The deck's family in the faces' weights, loaded for `text`: only the faces whose ranges hold its characters. */
async function facesFor(text: string): Promise<void> {
  const family = deckFamily();
  await Promise.all([400, 700].map((w) => document.fonts.load(`${w} 32px ${family}`, text)));
}

/** The text a slide shows (its fragments included, its speaker notes not). */
export function shownText(slide: Element | undefined): string {
  if (!slide) return '';
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest('aside.notes') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  let text = '';
  while (walker.nextNode()) text += walker.currentNode.nodeValue ?? '';
  return text;
}

/**
 * Marks `<html data-deck-complete="true">` once every face the page declares has loaded, the later slides'
 * too (fetchEveryFace started them): what a caller that visits every slide waits for.
 */
async function markComplete(root: HTMLElement): Promise<void> {
  fetchEveryFace();
  await document.fonts.ready;
  root.dataset.deckComplete = 'true';
}

/**
 * Starts the deck and sets `<html data-deck-ready="true">` once reveal.js is ready, the current slide's faces
 * are loaded and every part has drawn what it must: the deck is usable, its slide fully drawn. The rest of the
 * font (later slides' characters) keeps loading after it, ~150 KB that held a phone's ready back by ~0.7 s
 * (bench:load --phone); `data-deck-complete` follows when it is in. The print view, every slide on a page,
 * is ready only with every face. On failure the attribute is "error" and the reason is in
 * `data-deck-error`, so tests and the exporter never wait on a sleep. The deck's own scripts (config `scripts:`)
 * run their top level before reveal.js starts and their default export before ready, which waits for it.
 */
export async function startDeck(
  parts: DeckPart[] = createParts(),
  scripts = deckScripts,
): Promise<DeckContext> {
  const root = document.documentElement;
  try {
    const config = readConfig();
    const print = isPrintView();
    const reader = wantsReader(currentLayoutContext(print));
    markLayout(reader);
    const reveal = new Reveal(document.querySelector<HTMLElement>('.reveal')!, revealOptions(config, reader));
    window.Reveal = reveal;
    const ctx: DeckContext = { reveal, config, print };
    const hash = window.location.hash;
    const loaded = await importScripts(scripts);
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
    // After initialize: a deep link's slide is the current one. The title, text of the deck's language.
    const fonts = print
      ? facesFor(config.title).then(() => markComplete(root))
      : facesFor(config.title + shownText(reveal.getCurrentSlide()));
    for (const part of parts) await part.setup(ctx);
    await fonts;
    await Promise.all(parts.map((p) => p.ready?.()));
    await runScripts(loaded, reveal, print);
    root.dataset.deckReady = 'true';
    if (!print) void markComplete(root);
    return ctx;
  } catch (e) {
    root.dataset.deckReady = 'error';
    root.dataset.deckError = e instanceof Error ? e.message : String(e);
    throw e;
  }
}
