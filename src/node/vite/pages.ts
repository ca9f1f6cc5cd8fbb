import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { formatDiagnostic } from '../../compiler/diagnostics.ts';
import { pageDir, relativePage, type Variant } from '../../config/index.ts';
import { ENGINE_ROOT } from '../engine.ts';
import { type DeckSource, ENTRY } from './deck-source.ts';
import { locateHtmlWarning } from './html-warnings.ts';
import { overlayError } from './overlay.ts';

/** The runtime entry resolves to src/runtime/main.ts wherever the deck's root is. */
const ENTRY_FILE = join(ENGINE_ROOT, 'src/runtime/main.ts');
/**
 * The entry of a deck with the dark theme or its own stylesheet: the runtime, then the dark theme's tokens, then
 * the deck's CSS (each after the one before, so it wins). A light deck without one ships no dark rule.
 */
const THEMED_ENTRY = '\0deck:themed-entry.js';
const DARK_THEME = join(ENGINE_ROOT, 'assets/theme/dark.css');

/** The themed entry's imports, or none when the deck has neither. */
function themedEntry(config: DeckSource['config']): string | undefined {
  const sheets = [
    ...(config.scheme === 'dark' ? [DARK_THEME] : []),
    ...(config.theme ? [join(config.root, config.theme)] : []),
  ];
  if (sheets.length === 0) return undefined;
  return [ENTRY_FILE, ...sheets].map((m) => `import ${JSON.stringify(m)};\n`).join('');
}

/** Routes a request path to the variant whose page it is. */
function variantFor(variants: Variant[], url: string): Variant | undefined {
  const path = decodeURIComponent(url.split(/[?#]/)[0] ?? '/');
  return variants.find((v) => {
    const dir = pageDir(v.page);
    return (
      path === `/${v.page}` || path === `/${dir}` || (dir !== '' && path === `/${dir.replace(/\/$/, '')}`)
    );
  });
}

/**
 * `deck:pages` compiles the markdown into each variant's HTML page: virtual HTML entries in a build
 * (a build with diagnostics fails, listing all of them), served pages with live updates in dev.
 */
export function deckPages(source: DeckSource): Plugin {
  const pagePath = (v: Variant) => join(source.root, v.page);
  let server: ViteDevServer | undefined;

  const readText = (file: string) => {
    try {
      return readFileSync(join(source.root, file), 'utf8');
    } catch {
      return undefined;
    }
  };

  const pushUpdate = () => {
    if (!server) return;
    source.invalidate();
    const errors = source.diagnostics();
    if (errors.length > 0) {
      server.ws.send({ type: 'error', err: overlayError(source.root, errors, readText) });
      server.config.logger.error(errors.map(formatDiagnostic).join('\n'), { timestamp: true });
    }
    // The slides still update (a broken block shows its error box), so the deck keeps serving. The source
    // language goes first; each other variant follows as soon as it is converted and compiled.
    for (const v of source.variants) {
      server.ws.send({
        type: 'custom',
        event: 'deck:update',
        data: { lang: v.lang, html: source.get(v).html, errors: errors.length },
      });
    }
  };

  return {
    name: 'deck:pages',
    enforce: 'pre',
    config: () => ({
      appType: 'custom',
      build: {
        rollupOptions: {
          input: Object.fromEntries(source.variants.map((v) => [v.lang, pagePath(v)])),
          // The bundler's own "[PLUGIN_TIMINGS]" note says nothing the deck's author can act on.
          checks: { bundlerTimings: false },
        },
      },
    }),
    configResolved(config) {
      // Vite warns about HTML it cannot parse at the generated page; the author needs the slide's markdown.
      const pages = source.variants.map((v) => ({ id: pagePath(v), html: () => source.page(v) }));
      const warn = config.logger.warn.bind(config.logger);
      const said = new Set<string>(); // each variant's page would repeat the slide's warning
      config.logger.warn = (message, options) => {
        const located = locateHtmlWarning(message, pages, readText);
        if (located !== message && said.has(located)) return;
        said.add(located);
        warn(located, options);
      };
    },
    resolveId(id) {
      if (id === ENTRY) return themedEntry(source.config) ? THEMED_ENTRY : ENTRY_FILE;
      return source.variants.some((v) => pagePath(v) === id) ? id : undefined;
    },
    buildStart() {
      if (server) return;
      const errors = source.diagnostics();
      if (errors.length > 0) {
        this.error(
          `${errors.length} problem${errors.length > 1 ? 's' : ''} in the slides:\n${errors.map(formatDiagnostic).join('\n')}`,
        );
      }
    },
    load(id) {
      if (id === THEMED_ENTRY) return themedEntry(source.config);
      const variant = source.variants.find((v) => pagePath(v) === id);
      if (!variant) return undefined;
      const deck = source.get(variant);
      for (const dep of deck.dependencies) this.addWatchFile(join(source.root, dep));
      return source.page(variant);
    },
    // After Vite's own HTML processing, which would try to bundle the other pages' folders.
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const variant = variantFor(source.variants, ctx.path);
        if (!variant) return [];
        return source.variants
          .filter((v) => v !== variant)
          .map((v) => ({
            tag: 'link',
            attrs: { rel: 'alternate', hreflang: v.lang, href: relativePage(variant, v) },
            injectTo: 'head' as const,
          }));
      },
    },
    configureServer(dev) {
      server = dev;
      dev.watcher.add(join(source.root, source.slidesDir));
      for (const event of ['add', 'change', 'unlink'] as const) {
        dev.watcher.on(event, (file) => {
          if (source.isInput(file)) pushUpdate();
        });
      }
      dev.ws.on('connection', () => {
        const errors = source.diagnostics();
        if (errors.length > 0)
          dev.ws.send({ type: 'error', err: overlayError(source.root, errors, readText) });
      });
      dev.middlewares.use(async (req, res, next) => {
        const variant = variantFor(source.variants, req.url ?? '/');
        if (!variant || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
        try {
          const html = source.page(variant);
          const out = await dev.transformIndexHtml(req.url ?? '/', html, req.originalUrl);
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.setHeader('Cache-Control', 'no-cache');
          res.end(out);
        } catch (e) {
          next(e);
        }
      });
    },
  };
}
