import { join } from 'node:path';
import type { Plugin } from 'vite';
import { SCRIPTS_MODULE } from '../../contracts/scripts.ts';
import type { DeckSource } from './deck-source.ts';

/** The module listing the deck's scripts, each a lazy import: bundled as chunks of the site's own origin. */
export function scriptsModule(root: string, scripts: readonly string[]): string {
  const list = scripts.map(
    (path) => `{ path: ${JSON.stringify(path)}, load: () => import(${JSON.stringify(join(root, path))}) }`,
  );
  return `export const deckScripts = [${list.join(', ')}];\n`;
}

/**
 * `deck:scripts` writes `virtual:deck/scripts` from the config's `scripts:`. Bundled, they are script files of
 * the site itself, which its Content-Security-Policy (`script-src 'self'`) runs; a deck without scripts gets
 * an empty list and no chunk.
 */
export function deckScripts(source: DeckSource): Plugin {
  const id = `\0${SCRIPTS_MODULE}`;
  return {
    name: 'deck:scripts',
    resolveId: (request) => (request === SCRIPTS_MODULE ? id : undefined),
    load: (request) => (request === id ? scriptsModule(source.root, source.config.scripts) : undefined),
  };
}
