import type { Plugin } from 'vite';
import { CSP_FILE, type CspAllowance, metaContentSecurityPolicy } from '../../server/csp.ts';
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
 * reads them into the pages' Content-Security-Policy. Nothing is written when the deck allows none. Each built
 * page also carries the policy itself, first in its head: on a static host that sends no header, a slide's
 * inline `<script>` is still refused. Only in a build: the dev server's client is injected inline.
 */
export function deckCsp(source: DeckSource): Plugin {
  const allowed = () => {
    const first = source.variants[0];
    return mergeCsp(source.config.csp, first ? source.get(first).meta.csp : undefined);
  };
  return {
    name: 'deck:csp',
    apply: 'build',
    // After Vite's HTML plugin, which emits the pages in its own generateBundle.
    enforce: 'post',
    generateBundle(_options, bundle) {
      const allow = allowed();
      const meta = `<meta http-equiv="Content-Security-Policy" content="${metaContentSecurityPolicy(allow).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`;
      for (const page of Object.values(bundle))
        if (page.type === 'asset' && page.fileName.endsWith('.html'))
          page.source = withPolicy(String(page.source), meta);
      if (![allow.img, allow.media, allow.frame].some((list) => list && list.length > 0)) return;
      this.emitFile({ type: 'asset', fileName: CSP_FILE, source: `${JSON.stringify(allow)}\n` });
    },
  };
}

const CHARSET = /\s*<meta charset="utf-8">/i;

/**
 * The page with `meta` first in its head, after the charset (moved up with it): a policy in the page covers only
 * what comes after it, and the charset must stay within the first 1024 bytes, which the font preloads above it
 * would otherwise push it towards.
 */
export function withPolicy(html: string, meta: string): string {
  const charset = CHARSET.test(html);
  return html
    .replace(CHARSET, '')
    .replace(/<head>/i, (head) => `${head}\n    ${charset ? '<meta charset="utf-8">\n    ' : ''}${meta}`);
}
