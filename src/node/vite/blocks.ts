import { join } from 'node:path';
import type { Plugin } from 'vite';
import { type Block, ENGINE, isFolderRelative } from '../../blocks/define.ts';
import { BLOCK_STYLES_MODULE, BLOCKS_MODULE } from '../../contracts/blocks.ts';
import { ENGINE_ROOT } from '../engine.ts';
import type { DeckSource } from './deck-source.ts';

/** `engine:src/…` is a file of the engine's, wherever the deck is. */
const resolveRef = (ref: string) => {
  if (ref.startsWith(ENGINE)) return join(ENGINE_ROOT, ref.slice(ENGINE.length));
  // Only the engine's registry knows a block's folder: a deck's block says where its files are.
  if (isFolderRelative(ref))
    throw new Error(`block module "${ref}" is relative: give new URL("${ref}", import.meta.url)`);
  return ref;
};

const unique = (list: (string | undefined)[]) => [
  ...new Set(list.filter((x): x is string => Boolean(x)).map(resolveRef)),
];

/** The modules listing the blocks' browser parts and stylesheets, as the runtime imports them. */
export function blockModules(blocks: Block[]): { runtimes: string; styles: string } {
  const runtimes = unique(blocks.map((b) => b.runtime));
  const styles = unique(blocks.map((b) => b.css));
  return {
    runtimes: `export const blockRuntimes = [${runtimes.map((m) => `() => import(${JSON.stringify(m)})`).join(', ')}];\n`,
    styles: styles.map((s) => `import ${JSON.stringify(s)};\n`).join(''),
  };
}

/**
 * `deck:blocks` writes `virtual:deck/blocks` (a lazy import of each used block's runtime part: the others and
 * their libraries, Chart.js among them, are not in the build) and `virtual:deck/block-styles` (their CSS). The
 * dev server lists every registered block, so a block added to a slide works without a restart.
 */
export function deckBlocks(source: DeckSource): Plugin {
  let serve = false;
  const inUse = () => {
    if (serve) return source.blocks;
    const first = source.variants[0];
    const used = new Set(first ? source.get(first).blocks : []);
    return source.blocks.filter((b) => used.has(b.name));
  };
  const ids = { [`\0${BLOCKS_MODULE}`]: 'runtimes', [`\0${BLOCK_STYLES_MODULE}`]: 'styles' } as const;
  return {
    name: 'deck:blocks',
    configResolved(config) {
      serve = config.command === 'serve';
    },
    resolveId(id) {
      return id === BLOCKS_MODULE || id === BLOCK_STYLES_MODULE ? `\0${id}` : undefined;
    },
    load(id) {
      const which = ids[id as keyof typeof ids];
      return which ? blockModules(inUse())[which] : undefined;
    },
  };
}
