import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';

const dist = resolve(fileURLToPath(new URL('../..', import.meta.url)), process.env.DECK_OUT_DIR ?? 'dist');
const assets = readdirSync(join(dist, 'assets'));

/** Text of a built page as the browser will show it: tags and entities resolved, notes included. */
function pageText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&[a-z]+;/g, ' ');
}

describe.each([
  ['zh-Hans', 'index.html'],
  ['zh-Hant', 'zh-Hant/index.html'],
])('built fonts of %s', (lang, page) => {
  const html = readFileSync(join(dist, page), 'utf8');
  const faces = assets.filter((a) => a.startsWith(`deck-sans-${lang}-`) && a.endsWith('.woff2'));

  it('are linked from the page and preloaded', () => {
    expect(faces.length).toBe(2);
    const prefix = page.includes('/') ? '../assets/' : './assets/';
    for (const f of faces) {
      expect(html).toContain(`rel="preload" as="font" type="font/woff2" crossorigin="" href="${prefix}${f}"`);
    }
  });

  it('cover every character of the page, as TrueType outlines', () => {
    const chars = [...new Set(pageText(html))].filter((c) => c.trim() !== '');
    for (const face of faces) {
      const font = fontkit.create(readFileSync(join(dist, 'assets', face)));
      expect('glyf' in font.directory.tables).toBe(true);
      const missing = chars.filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!));
      expect(missing, face).toEqual([]);
    }
  });
});
