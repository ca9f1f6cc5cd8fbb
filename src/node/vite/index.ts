import type { InlineConfig, Plugin } from 'vite';
import type { CompiledDeck } from '../../compiler/index.ts';
import { type DeckConfig, resolveDeckConfig } from '../../config/index.ts';
import { ENGINE_ROOT } from '../engine.ts';
import { deckBlocks } from './blocks.ts';
import { deckCompress } from './compress.ts';
import { deckCsp } from './csp.ts';
import { DeckSource } from './deck-source.ts';
import { deckFonts, defaultFontCache } from './fonts.ts';
import { deckInlineCss } from './inline-css.ts';
import { deckOffline } from './offline.ts';
import { deckPages } from './pages.ts';
import { deckScripts } from './scripts.ts';
import { deckSlides } from './slides.ts';

export interface DeckPluginOptions {
  /** The deck folder, when no resolved config is given. @default process.cwd() */
  root?: string;
  /** The deck's resolved settings. @default resolveDeckConfig(root) */
  config?: DeckConfig;
  /**
   * The deck compiled already, in its source language (`deck build` checks it first): used as it is, so a build
   * compiles the markdown once. @default compiled by the plugin
   */
  compiled?: CompiledDeck;
}

/** Every plugin of the deck, composed in order (Vite takes the promise as it is). */
export async function deck(options: DeckPluginOptions = {}): Promise<Plugin[]> {
  const config = options.config ?? (await resolveDeckConfig(options.root ?? process.cwd()));
  const source = new DeckSource(config, options.compiled);
  return [
    deckPages(source),
    deckBlocks(source),
    deckScripts(source),
    deckFonts(source, defaultFontCache()),
    deckCsp(source),
    deckSlides(source),
    deckInlineCss(),
    deckOffline(source),
    deckCompress(),
  ];
}

const SLIDE_ASSET_SOURCES = {
  section: { srcAttributes: ['data-background-image', 'data-background-video', 'data-background-iframe'] },
  img: { srcAttributes: ['data-src'], srcsetAttributes: ['data-srcset'] },
  video: { srcAttributes: ['data-src'] },
  audio: { srcAttributes: ['data-src'] },
  source: { srcAttributes: ['data-src'], srcsetAttributes: ['data-srcset'] },
  iframe: { srcAttributes: ['src', 'data-src'] },
};

/** `…/blocks/chart/runtime.ts` → `assets/chart-[hash].js`; any other chunk keeps Vite's `assets/[name]-[hash].js`. */
export function blockChunkName(chunk: { facadeModuleId?: string | null }): string {
  const block = chunk.facadeModuleId?.match(/[\\/]blocks[\\/]([\w-]+)[\\/]runtime\.ts$/)?.[1];
  return `assets/${block ?? '[name]'}-[hash].js`;
}

/**
 * The whole Vite configuration of a deck: what `deck build` runs (into a fresh folder it then swaps in, `outDir`)
 * and the repository's vite.config.ts exports. Vite never empties the out dir: it may hold files no build made.
 */
export function viteConfig(
  config: DeckConfig,
  outDir = config.outDir,
  compiled?: CompiledDeck,
): InlineConfig {
  return {
    configFile: false,
    root: config.root,
    base: './',
    plugins: [deck({ config, ...(compiled ? { compiled } : {}) })],
    // Beyond Vite's own asset attributes: reveal.js's backgrounds and lazily loaded media, and iframes, so a
    // file a slide names there is bundled too (the compiler has resolved them from the markdown file).
    html: { additionalAssetSources: SLIDE_ASSET_SOURCES },
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      assetsInlineLimit: 0,
      // One stylesheet, inlined into the pages by deck:inline-css (split, the lazy chunks would ask for it again).
      cssCodeSplit: false,
      reportCompressedSize: false,
      // A block's runtime chunk is named after its block (chart-<hash>.js), not after its file (runtime.ts).
      rolldownOptions: { output: { chunkFileNames: blockChunkName } },
    },
    // The dev server may serve the engine's runtime and theme, wherever the deck's folder is.
    server: { port: 5173, fs: { allow: [config.root, ENGINE_ROOT] } },
    // An untrusted deck's postcss.config.js (which Vite would look for from its folder up) is code and its .env
    // files are the builder's business: neither is read. (Its public/ is checked when its config is resolved.)
    ...(config.untrusted ? { css: { postcss: {} }, envDir: false as const } : {}),
  };
}
