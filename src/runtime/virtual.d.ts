// Modules the deck's Vite plugin writes (src/node/vite/blocks.ts). A script file: ambient, not augmentations.

/** The runtime modules of the blocks the deck uses, each loaded as its own chunk. */
declare module 'virtual:deck/blocks' {
  export const blockRuntimes: (() => Promise<import('../contracts/blocks.ts').BlockRuntimeModule>)[];
}

/** The stylesheets of the blocks the deck uses, in registry order. */
declare module 'virtual:deck/block-styles';

/** The deck's own scripts (config `scripts:`), each loaded as its own chunk (src/node/vite/scripts.ts). */
declare module 'virtual:deck/scripts' {
  export const deckScripts: import('../contracts/scripts.ts').DeckScript[];
}
