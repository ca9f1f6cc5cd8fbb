import { createHash } from 'node:crypto';
import { CONFIG_ELEMENT_ID, type DeckRuntimeConfig } from '../contracts/runtime-config.ts';

/** A built language page, as the site holds it. */
export interface BuiltPage {
  lang: string;
  label: string;
  /** The page's HTML, from the built site. */
  html: string;
}

/** What the one file is made of: the built pages (source language first), the one script, the site's files. */
export interface SingleFileInput {
  pages: BuiltPage[];
  /** The runtime as one module with no import (every block's part inlined). */
  script: string;
  /** A file of the built site (`assets/x.woff2`), or undefined when it has none. */
  file(path: string): Uint8Array | undefined;
}

const TYPES: Record<string, string> = {
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  mp4: 'video/mp4',
  webm: 'video/webm',
};

/** A reference to a built file from a page (`./assets/x`, `../assets/x`). */
const ASSET_REF = /(?:\.\.?\/)+(assets\/[A-Za-z0-9._-]+)/g;
/** The print view's faces (`deck-sans-<lang>-print-…`, src/node/fonts.ts): only `?print-pdf` draws with them. */
const PRINT_FACE_RULE = /@font-face\{[^}]*-print-\d+-[0-9a-f]+\.woff2[^}]*\}/g;
const STYLE = /<style>([\s\S]*?)<\/style>/g;
const MODULE_SCRIPT = /\s*<script type="module"[^>]*src="[^"]*"><\/script>/g;
const HEAD_LINKS = /\s*<link rel="(?:preload|alternate|modulepreload)"[^>]*>/g;
const CSP_META = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/;
const SLIDES_OPEN = '<div class="slides">';
const SLIDES_CLOSE = `</div>\n    </div>\n    <script type="application/json" id="${CONFIG_ELEMENT_ID}">`;
const TITLE = /<title>([\s\S]*?)<\/title>/;

/**
 * Chooses the language page before the runtime starts: `?lang=zh-Hant` moves that page's slides, settings,
 * faces and title out of its `<template>` (inert until then: nothing in it loads). A classic script placed
 * after the slides, so it runs as they are parsed, before the (deferred) module.
 */
const CHOOSER = `(()=>{const l=new URLSearchParams(location.search).get("lang");const t=l&&[...document.querySelectorAll("template[data-deck-page]")].find((e)=>e.dataset.deckPage===l);if(!t)return;const c=t.content;document.documentElement.lang=l;document.title=t.dataset.title;document.querySelector(".reveal .slides").replaceChildren(...c.querySelector(".slides").childNodes);document.getElementById("${CONFIG_ELEMENT_ID}").textContent=c.querySelector("script").textContent;document.getElementById("deck-faces").textContent=c.querySelector("style").textContent;})();`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * `</script` cannot appear in an inline script (the HTML parser would end it there), nor `<!--` (it changes how
 * the parser reads the rest); `\/` and `\!` mean the same in a string, a template or a regular expression.
 */
const inlineScript = (code: string) => code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
/** Text inside a `<template>` attribute value. */
const attr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

function dataUrl(path: string, data: Uint8Array): string {
  const type = TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
  return `data:${type};base64,${Buffer.from(data).toString('base64')}`;
}

/** The page's references to built files as data: URLs; one the site lacks is an error (never a broken file). */
function inlineFiles(html: string, file: SingleFileInput['file']): string {
  return html.replace(ASSET_REF, (ref, path: string) => {
    const data = file(path);
    if (!data)
      throw new Error(`the built page names ${ref}, which the site does not have: build the deck again`);
    return dataUrl(path, data);
  });
}

/** The page's pieces another page is made of in the one file. */
function pieces(html: string) {
  const open = html.indexOf(SLIDES_OPEN);
  const close = html.lastIndexOf(SLIDES_CLOSE);
  const configEnd = html.indexOf('</script>', close);
  if (open < 0 || close < 0 || configEnd < 0)
    throw new Error('a built page is not as the deck compiler writes it: build the deck again');
  const faces = [...html.matchAll(STYLE)].map((m) => m[1]!).find((css) => css.includes('@font-face'));
  return {
    title: TITLE.exec(html)?.[1] ?? '',
    slides: html.slice(open + SLIDES_OPEN.length, close),
    config: html.slice(close + SLIDES_CLOSE.length, configEnd),
    faces: faces ?? '',
  };
}

/** The page's settings with the language switch pointing inside the file, and no worker to register. */
function fileConfig(json: string, pages: BuiltPage[], lang: string): string {
  const config = JSON.parse(json) as DeckRuntimeConfig;
  config.alternates = pages
    .filter((p) => p.lang !== lang)
    .map((p) => ({ lang: p.lang, label: p.label, href: `?lang=${encodeURIComponent(p.lang)}` }));
  delete config.offline;
  return JSON.stringify(config).replace(/</g, '\\u003c');
}

/**
 * The deck as one HTML file that opens from `file://` and asks for nothing: the source language's built page
 * with its faces, images and the runtime (one module) inside it, each other language page as a `<template>`
 * the chooser swaps in (`?lang=…`, which the language switch links to). The page's policy allows exactly its
 * two scripts (by hash) and data: fonts and images: a request out of the file is refused by the browser too.
 */
export function singleFile(input: SingleFileInput): string {
  const [source, ...others] = input.pages;
  if (!source) throw new Error('the deck has no page');
  const strip = (html: string) =>
    html.replace(PRINT_FACE_RULE, '').replace(MODULE_SCRIPT, '').replace(HEAD_LINKS, '');

  let html = strip(source.html);
  const own = pieces(html);
  // Replacements are functions: a `$` in the text would otherwise be read as a pattern.
  html = html.replace(`<style>${own.faces}</style>`, () => `<style id="deck-faces">${own.faces}</style>`);
  html =
    html.slice(0, html.lastIndexOf(SLIDES_CLOSE) + SLIDES_CLOSE.length) +
    fileConfig(own.config, input.pages, source.lang) +
    html.slice(html.indexOf('</script>', html.lastIndexOf(SLIDES_CLOSE)));

  const templates = others.map((page) => {
    const p = pieces(strip(page.html));
    return inlineFiles(
      `<template data-deck-page="${attr(page.lang)}" data-title="${attr(p.title)}">` +
        `<div class="slides">${p.slides}</div>` +
        `<script type="application/json">${fileConfig(p.config, input.pages, page.lang)}</script>` +
        `<style>${p.faces}</style></template>`,
      input.file,
    );
  });
  const script = inlineScript(input.script);
  const tail = [
    ...templates,
    ...(templates.length > 0 ? [`<script>${CHOOSER}</script>`] : []),
    `<script type="module">${script}</script>`,
  ].join('\n    ');
  html = inlineFiles(html, input.file);
  const body = html.lastIndexOf('</body>');
  html = `${html.slice(0, body).trimEnd()}\n    ${tail}\n  ${html.slice(body)}`;

  const policy = [
    "default-src 'none'",
    `script-src ${[...(templates.length > 0 ? [sha256(CHOOSER)] : []), sha256(script)].join(' ')}`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'font-src data:',
    'media-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  if (!CSP_META.test(html)) throw new Error('the built page carries no policy: build the deck again');
  return html.replace(CSP_META, () => `<meta http-equiv="Content-Security-Policy" content="${policy}">`);
}
