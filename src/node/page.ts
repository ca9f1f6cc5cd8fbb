import { escapeHtml, jsonForScript } from '../compiler/html.ts';
import type { CompiledDeck } from '../compiler/index.ts';
import { CONFIG_ELEMENT_ID, type DeckRuntimeConfig } from '../contracts/runtime-config.ts';

export interface PageOptions {
  lang: string;
  /** The deck's title. @default the front matter's, else the first slide's */
  title?: string;
  /** The other language variants of this page, as relative links. */
  alternates?: { lang: string; label: string; href: string }[];
  /** Script entry, as Vite sees it. */
  entry: string;
  /** The deck's IANA time zone, for the presenter's clock. */
  timezone?: string;
  /** The service worker (relative to the page) and whether it keeps the deck offline. */
  offline?: { worker: string; on: boolean };
  /** Extra tags for `<head>`, such as the font stylesheet. */
  head?: string;
  /** The built-in theme: `dark` marks `<html data-theme="dark">`, which assets/theme/dark.css keys on. @default 'light' */
  theme?: 'light' | 'dark';
}

/** The whole HTML page: the first slide is in it, so nothing waits on a markdown parser. */
export function renderPage(deck: CompiledDeck, options: PageOptions): string {
  const dark = options.theme === 'dark';
  const title = options.title ?? deck.meta.title ?? deck.stacks[0]?.[0]?.title ?? 'Deck';
  const config: DeckRuntimeConfig = {
    lang: options.lang,
    title,
    transition: deck.meta.transition ?? 'slide',
    alternates: options.alternates ?? [],
    outline: deck.stacks.flat().map((s) => ({
      source: `${s.file}:${s.startLine}-${s.endLine}`,
      title: s.title,
      section: s.section ?? '',
    })),
    ...(options.timezone ? { timezone: options.timezone } : {}),
    ...(options.offline ? { offline: options.offline } : {}),
  };
  const meta = [
    deck.meta.author && `<meta name="author" content="${escapeHtml(deck.meta.author)}">`,
    deck.meta.subject && `<meta name="description" content="${escapeHtml(deck.meta.subject)}">`,
    deck.meta.keywords && `<meta name="keywords" content="${escapeHtml(deck.meta.keywords)}">`,
  ]
    .filter(Boolean)
    .join('\n    ');
  return `<!doctype html>
<html lang="${escapeHtml(options.lang)}"${dark ? ' data-theme="dark"' : ''}>
  <head>
    <meta charset="utf-8">${dark ? '\n    <meta name="color-scheme" content="dark">' : ''}
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(title)}</title>
    <link rel="icon" href="data:,">
    ${meta}
    ${options.head ?? ''}
    <script type="module" src="${escapeHtml(options.entry)}"></script>
  </head>
  <body>
    <div class="reveal">
      <div class="slides">
${deck.html}
      </div>
    </div>
    <script type="application/json" id="${CONFIG_ELEMENT_ID}">${jsonForScript(config)}</script>
  </body>
</html>
`;
}
