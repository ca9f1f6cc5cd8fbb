import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { VARIANTS, type Variant } from '../variants.ts';
import { deckCompress } from './compress.ts';
import { deckCsp } from './csp.ts';
import { DeckSource } from './deck-source.ts';
import { deckFonts, defaultFontCache } from './fonts.ts';
import { deckPages } from './pages.ts';

export interface DeckPluginOptions {
  /** Project root. @default process.cwd() */
  root?: string;
  /** Folder of the deck's markdown files, relative to root. @default 'slides' */
  slidesDir?: string;
  /** Language variants, the source language first. @default zh-Hans, zh-Hant */
  variants?: Variant[];
}

/** Every plugin of the deck, composed in order. */
export function deck(options: DeckPluginOptions = {}): Plugin[] {
  const root = resolve(options.root ?? process.cwd());
  const source = new DeckSource(root, options.slidesDir ?? 'slides', options.variants ?? VARIANTS);
  return [deckPages(source), deckFonts(source, defaultFontCache(root)), deckCsp(source), deckCompress()];
}
