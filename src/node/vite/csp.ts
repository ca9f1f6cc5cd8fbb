import type { Plugin } from 'vite';
import { CSP_FILE } from '../../server/csp.ts';
import type { DeckSource } from './deck-source.ts';

/**
 * `deck:csp` writes the hosts the deck's front matter allows (`csp:`) to `deck-csp.json`, where `npm start`
 * reads them into the pages' Content-Security-Policy. Nothing is written when the deck allows none.
 */
export function deckCsp(source: DeckSource): Plugin {
  return {
    name: 'deck:csp',
    apply: 'build',
    generateBundle() {
      const first = source.variants[0];
      const allow = first ? source.get(first).meta.csp : undefined;
      if (!allow || ![allow.img, allow.media, allow.frame].some((list) => list && list.length > 0)) return;
      this.emitFile({ type: 'asset', fileName: CSP_FILE, source: `${JSON.stringify(allow)}\n` });
    },
  };
}
