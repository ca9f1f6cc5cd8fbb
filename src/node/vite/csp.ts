import type { Plugin } from 'vite';
import { CSP_FILE, type CspAllowance } from '../../server/csp.ts';
import type { DeckSource } from './deck-source.ts';

/** The hosts of the deck config and of the front matter, each once. */
export function mergeCsp(a: CspAllowance = {}, b: CspAllowance = {}): CspAllowance {
  const out: CspAllowance = {};
  for (const key of ['img', 'media', 'frame'] as const) {
    const hosts = [...new Set([...(a[key] ?? []), ...(b[key] ?? [])])];
    if (hosts.length > 0) out[key] = hosts;
  }
  return out;
}

/**
 * `deck:csp` writes the hosts the deck allows (config `csp:` and front matter `csp:`) to `deck-csp.json`, where `npm start`
 * reads them into the pages' Content-Security-Policy. Nothing is written when the deck allows none.
 */
export function deckCsp(source: DeckSource): Plugin {
  return {
    name: 'deck:csp',
    apply: 'build',
    generateBundle() {
      const first = source.variants[0];
      const allow = mergeCsp(source.config.csp, first ? source.get(first).meta.csp : undefined);
      if (![allow.img, allow.media, allow.frame].some((list) => list && list.length > 0)) return;
      this.emitFile({ type: 'asset', fileName: CSP_FILE, source: `${JSON.stringify(allow)}\n` });
    },
  };
}
