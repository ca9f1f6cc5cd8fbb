import { posix } from 'node:path';
import type { Plugin } from 'vite';

const STYLESHEET = /<link rel="stylesheet"(?: crossorigin)? href="([^"]+\.css)">/g;

/**
 * `deck:inline-css` puts the built stylesheet in each page as a `<style>` and drops the file: a stylesheet of its
 * own is a second round trip (a new connection, then the request) before the first paint, ~300 ms on a phone's
 * 150 ms link; in the page it arrives with the first slide's HTML. The pages are revalidated (ETag), so a second
 * visit still costs a 304. The build keeps one stylesheet (`cssCodeSplit: false`), so no script asks for it later.
 */
export function deckInlineCss(): Plugin {
  return {
    name: 'deck:inline-css',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const inlined = new Set<string>();
      for (const page of Object.values(bundle)) {
        if (page.type !== 'asset' || !page.fileName.endsWith('.html')) continue;
        page.source = String(page.source).replace(STYLESHEET, (link, href: string) => {
          const file = posix.normalize(posix.join(posix.dirname(page.fileName), href));
          const css = bundle[file];
          if (css?.type !== 'asset') return link;
          const text = String(css.source);
          // The only way out of a <style> element; a stylesheet holding it stays a file.
          if (/<\/style/i.test(text)) return link;
          inlined.add(file);
          return `<style>${text}</style>`;
        });
      }
      for (const file of inlined) delete bundle[file];
    },
  };
}
