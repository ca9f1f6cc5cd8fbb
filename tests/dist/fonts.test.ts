import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { dist, pages } from './site.ts';

const assets = readdirSync(join(dist, 'assets'));

/** Text of a built page as the browser will show it: tags and entities resolved, notes included. */
function pageText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ') // the stylesheet and the faces' rules, in the page
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&[a-z]+;/g, ' ');
}

describe.each(pages)('built fonts of %s', (lang, page) => {
  const html = readFileSync(join(dist, page), 'utf8');
  const faces = assets.filter((a) => a.startsWith(`deck-sans-${lang}-`) && a.endsWith('.woff2'));
  const prefix = page.includes('/') ? '../assets/' : './assets/';

  it('come in two weights, each as a first-slide part (preloaded) and the rest (fetched when needed), declared in the page', () => {
    expect(faces.map((f) => f.replace(/-[0-9a-f]{10}\.woff2$/, '')).sort()).toEqual(
      ['first-400', 'first-700', 'print-400', 'print-700', 'rest-400', 'rest-700'].map(
        (p) => `deck-sans-${lang}-${p}`,
      ),
    );
    for (const f of faces) {
      const preload = `rel="preload" as="font" type="font/woff2" crossorigin="" href="${prefix}${f}"`;
      if (f.includes('-first-')) expect(html).toContain(preload);
      else expect(html).not.toContain(preload);
    }
    // The @font-face rules are in the page itself (no stylesheet request before the first paint).
    const css = /<style>(@font-face[\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    for (const f of faces.filter((f) => !f.includes('-print-')))
      expect(css).toMatch(
        new RegExp(`font-family:"Deck Sans";[^}]*src:url\\("${prefix}${f}"\\) format\\("woff2"\\);unicode-range:U\\+`),
      );
    expect(assets.filter((a) => a.startsWith('deck-fonts-'))).toEqual([]);
  });

  it('have one face a weight with every character for the print view, a family of its own and no range', () => {
    const css = /<style>(@font-face[\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const print = [...css.matchAll(/@font-face\{font-family:"Deck Sans Print";[^}]*\}/g)].map((m) => m[0]);
    expect(print).toHaveLength(2);
    for (const weight of [400, 700]) {
      const file = faces.find((f) => f.includes(`-print-${weight}-`))!;
      expect(print).toContain(
        `@font-face{font-family:"Deck Sans Print";font-style:normal;font-weight:${weight};font-display:block;src:url("${prefix}${file}") format("woff2")}`,
      );
      const font = fontkit.create(readFileSync(join(dist, 'assets', file)));
      const parts = faces
        .filter((f) => !f.includes('-print-') && f.includes(`-${weight}-`))
        .map((f) => fontkit.create(readFileSync(join(dist, 'assets', f))));
      const chars = [...new Set(pageText(html))].filter((c) => c.trim() !== '');
      for (const c of chars)
        if (parts.some((p) => p.hasGlyphForCodePoint(c.codePointAt(0)!)))
          expect(font.hasGlyphForCodePoint(c.codePointAt(0)!), `${c} ${weight}`).toBe(true);
    }
  });

  it('cover every character of the page between them, as TrueType outlines', () => {
    const chars = [...new Set(pageText(html))].filter((c) => c.trim() !== '');
    for (const weight of [400, 700]) {
      const fonts = faces
        .filter((f) => f.includes(`-${weight}-`) && !f.includes('-print-'))
        .map((f) => fontkit.create(readFileSync(join(dist, 'assets', f))));
      for (const font of fonts) expect('glyf' in font.directory.tables).toBe(true);
      const missing = chars.filter((c) => !fonts.some((font) => font.hasGlyphForCodePoint(c.codePointAt(0)!)));
      expect(missing, `${lang} ${weight}`).toEqual([]);
    }
  });
});
