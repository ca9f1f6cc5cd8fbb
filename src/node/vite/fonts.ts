import { join, posix } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { pageDir, type Variant } from '../../config/index.ts';
import { uiText } from '../../i18n/ui-text.ts';
import { ENGINE_ROOT } from '../engine.ts';
import { fontFaceCss, glyphsOf, type SubsetFace, splitGlyphs, subsetFaces } from '../fonts.ts';
import type { DeckSource } from './deck-source.ts';

const DEV_PREFIX = '/@deck-fonts/';

/**
 * `deck:fonts` subsets the CJK font to exactly the glyphs of each variant's page, in two parts: the first
 * slide's (preloaded) and the rest, so no slide falls back from, and the first waits on no more than, its own glyphs.
 * A third, every glyph in one face a weight, is the print view's, so a PDF embeds each weight once.
 */
export function deckFonts(source: DeckSource, cacheDir: string): Plugin {
  const faces = new Map<string, SubsetFace[]>();
  const files = new Map<string, Buffer>();

  const facesFor = async (variant: Variant): Promise<SubsetFace[]> => {
    const ui = Object.values(uiText(variant.lang));
    const all = glyphsOf(source.page(variant), ...ui);
    const { first, rest } = splitGlyphs(
      all,
      [source.get(variant).stacks[0]?.[0]?.html ?? '', ...ui].join(''),
    );
    const firstFaces = await subsetFaces(first, cacheDir, `${variant.lang}-first`, 'first');
    const restFaces = await subsetFaces(rest, cacheDir, `${variant.lang}-rest`, 'rest');
    // With no rest, the first slide's files hold every character: the print view's rules point at them.
    const printFaces =
      restFaces.length > 0
        ? await subsetFaces(all, cacheDir, `${variant.lang}-print`, 'print')
        : firstFaces.map((f) => ({ ...f, part: 'print' as const }));
    const list = [...firstFaces, ...restFaces, ...printFaces];
    faces.set(variant.lang, list);
    for (const f of list) files.set(f.fileName, f.data);
    return list;
  };

  const preloads = (list: SubsetFace[], href: (name: string) => string) =>
    list
      .filter((f) => f.part === 'first')
      .map((f) => ({
        tag: 'link',
        attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: '', href: href(f.fileName) },
        injectTo: 'head-prepend' as const,
      }));

  let server: ViteDevServer | undefined;
  return {
    name: 'deck:fonts',
    async buildStart() {
      if (server) return;
      for (const variant of source.variants) {
        if (source.diagnostics().length > 0) return; // deck:pages reports them
        const list = await facesFor(variant);
        for (const fileName of new Set(list.map((f) => f.fileName)))
          this.emitFile({ type: 'asset', fileName: `assets/${fileName}`, source: files.get(fileName)! });
      }
    },
    configureServer(dev) {
      server = dev;
      dev.middlewares.use(async (req, res, next) => {
        if (!req.url?.startsWith(DEV_PREFIX)) return next();
        const name = req.url.slice(DEV_PREFIX.length).split('?')[0] ?? '';
        const variant = source.variants.find((v) => name === `deck-fonts-${v.lang}.css`);
        if (variant) {
          const list = await facesFor(variant);
          res.setHeader('Content-Type', 'text/css; charset=utf-8');
          res.setHeader('Cache-Control', 'no-cache');
          return res.end(fontFaceCss(list, (n) => `${DEV_PREFIX}${n}`));
        }
        const data = files.get(name);
        if (!data) return next();
        res.setHeader('Content-Type', 'font/woff2');
        res.end(data);
      });
    },
    transformIndexHtml: {
      order: 'post',
      async handler(_html, ctx) {
        const variant =
          source.variants.find((v) => `/${v.page}` === ctx.path || ctx.path === `/${pageDir(v.page)}`) ??
          source.variants[0];
        if (!variant) return [];
        if (server) {
          const list = await facesFor(variant);
          const href = (n: string) => `${DEV_PREFIX}${n}`;
          const css = `${DEV_PREFIX}deck-fonts-${variant.lang}.css`;
          return [
            ...preloads(list, href),
            { tag: 'link', attrs: { rel: 'stylesheet', href: css }, injectTo: 'head' as const },
          ];
        }
        const list = faces.get(variant.lang) ?? [];
        const depth =
          posix.dirname(variant.page) === '.' ? '' : '../'.repeat(variant.page.split('/').length - 1);
        const href = (n: string) => `./${depth}assets/${n}`.replace('./../', '../');
        // The rules in the page: a stylesheet of their own was one more request before the first paint. The
        // first slide's faces stay files, preloaded: as data: URLs (one round trip less on a phone) they were
        // decoded only after the first layout, and the heading came a frame later (bench:load, desktop LCP
        // median 148 → 120 ms as files, 13 alternating loads).
        return [
          ...preloads(list, href),
          { tag: 'style', children: fontFaceCss(list, href), injectTo: 'head' as const },
        ];
      },
    },
  };
}

/** Beside the engine's packages, whichever folder the deck is in. */
export const defaultFontCache = () => join(ENGINE_ROOT, 'node_modules', '.cache', 'deck-fonts');
