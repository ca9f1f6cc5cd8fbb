import type { RevealApi } from 'reveal.js';

/** The Vite plugin's virtual module listing the deck's own scripts (config `scripts:`), each a lazy import. */
export const SCRIPTS_MODULE = 'virtual:deck/scripts';

/** What a deck script's default export is called with, once the deck is ready. */
export interface DeckScriptContext {
  /** The running reveal.js deck (also `window.Reveal`). */
  deck: RevealApi;
  /** The page's `.reveal` element. */
  root: HTMLElement;
  /** True in reveal.js's print view (`?print-pdf`: the PDF export), where there is no navigation. */
  print: boolean;
}

/**
 * A module named in `scripts:`. Its top level runs before reveal.js starts, with `window.Reveal` set, as a
 * `<script>` after `Reveal.initialize()` on a reveal.js page does (so `Reveal.on('ready', …)` is heard); its
 * default export, when a function, is called once the deck is ready, and the deck's ready signal (which
 * exports wait for) waits for the promise it returns.
 */
export interface DeckScriptModule {
  default?: unknown;
}

/** One script of the deck: its path in the deck folder (for messages) and its import. */
export interface DeckScript {
  path: string;
  load: () => Promise<DeckScriptModule>;
}
