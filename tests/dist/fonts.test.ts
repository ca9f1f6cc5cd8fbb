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
    .replace(/<style>[\s\S]*?<\/style>/g, ' ') // the stylesheet and the faces, in the page
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&[a-z]+;/g, ' ');
}

/** The @font-face rules in a built page: each face's weight and source (a file under assets/, or a data: URL). */
function faceRules(html: string): { weight: number; src: string; range: string }[] {
  const css = /<style>(@font-face[\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  return [...css.matchAll(/font-weight:(\d+);[^}]*src:url\("([^"]+)"\) format\("woff2"\);unicode-range:([^}]+)\}/g)].map(
    (m) => ({ weight: Number(m[1]), src: m[2]!, range: m[3]! }),
  );
}

describe.each(pages)('built fonts of %s', (lang, page) => {
  const html = readFileSync(join(dist, page), 'utf8');
  const files = assets.filter((a) => a.startsWith(`deck-sans-${lang}-`) && a.endsWith('.woff2'));
  const prefix = page.includes('/') ? '../assets/' : './assets/';
  const rules = faceRules(html);
  const bytesOf = (src: string) =>
    src.startsWith('data:font/woff2;base64,')
      ? Buffer.from(src.slice(src.indexOf(',') + 1), 'base64')
      : readFileSync(join(dist, 'assets', src.slice(prefix.length)));

  it('come in two weights, each as a first-slide part (in the page, a data: URL) and the rest (a file, fetched when needed)', () => {
    expect(files.map((f) => f.replace(/-[0-9a-f]{10}\.woff2$/, '')).sort()).toEqual(
      ['rest-400', 'rest-700'].map((p) => `deck-sans-${lang}-${p}`),
    );
    expect(rules.map((r) => r.weight).sort()).toEqual([400, 400, 700, 700]);
    for (const weight of [400, 700]) {
      const of = (data: boolean) => rules.filter((r) => r.weight === weight && r.src.startsWith('data:') === data);
      expect(of(true)).toHaveLength(1);
      expect(of(false)).toHaveLength(1);
      expect(of(false)[0]!.src).toBe(`${prefix}${files.find((f) => f.includes(`-rest-${weight}-`))}`);
    }
    expect(html).not.toContain('rel="preload"');
    expect(assets.filter((a) => a.startsWith('deck-fonts-'))).toEqual([]);
  });

  it('cover every character of the page between them, as TrueType outlines', () => {
    const chars = [...new Set(pageText(html))].filter((c) => c.trim() !== '');
    for (const weight of [400, 700]) {
      const fonts = rules.filter((r) => r.weight === weight).map((r) => fontkit.create(bytesOf(r.src)));
      for (const font of fonts) expect('glyf' in font.directory.tables).toBe(true);
      const missing = chars.filter((c) => !fonts.some((font) => font.hasGlyphForCodePoint(c.codePointAt(0)!)));
      expect(missing, `${lang} ${weight}`).toEqual([]);
    }
  });
});
