// Modules the deck's Vite plugin writes (src/node/vite/blocks.ts). A script file: ambient, not augmentations.

/** The runtime modules of the blocks the deck uses, each loaded as its own chunk. */
declare module 'virtual:deck/blocks' {
  export const blockRuntimes: (() => Promise<import('../contracts/blocks.ts').BlockRuntimeModule>)[];
}

/** The stylesheets of the blocks the deck uses, in registry order. */
declare module 'virtual:deck/block-styles';
