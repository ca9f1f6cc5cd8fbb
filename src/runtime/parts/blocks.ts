import type { BlockRuntimeModule } from '../../contracts/blocks.ts';
import type { DeckContext, DeckPart } from '../part.ts';

/**
 * The runtime parts of the blocks the deck uses, each its own chunk: `virtual:deck/blocks` lists only those
 * (the build leaves out the others and their libraries). The imports start with the page; setup waits for them.
 */
export function blockParts(loaders: (() => Promise<BlockRuntimeModule>)[]): DeckPart {
  const loading = Promise.all(loaders.map((load) => load()));
  let parts: DeckPart[] = [];
  return {
    name: 'blocks',
    async setup(ctx: DeckContext) {
      parts = (await loading).map((m) => m.default());
      for (const part of parts) await part.setup(ctx);
    },
    ready: async () => {
      await Promise.all(parts.map((p) => p.ready?.()));
    },
    teardown() {
      for (const part of parts) part.teardown();
    },
  };
}
