import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { configFrom, resolveDeckConfig } from '../../src/config/index.ts';
import { deck } from '../../src/node/vite/index.ts';

const root = mkdtempSync(join(tmpdir(), 'deck-glyphs-'));
mkdirSync(join(root, 'slides'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Builds the temporary deck and returns, per font file, whether it has each character asked about. */
async function buildAndAsk(chars: string): Promise<Record<string, boolean>> {
  const outDir = join(root, 'dist');
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [deck({ config: configFrom(root, { lang: 'zh-Hans' }, undefined, {}) })],
    build: { outDir, emptyOutDir: true },
  });
  const fonts = readdirSync(join(outDir, 'assets'))
    .filter((f) => f.startsWith('deck-sans-zh-Hans-') && f.includes('-400-'))
    .map((f) => fontkit.create(readFileSync(join(outDir, 'assets', f))));
  return Object.fromEntries(
    [...chars].map((c) => [c, fonts.some((f) => f.hasGlyphForCodePoint(c.codePointAt(0)!))]),
  );
}

describe('font subsets follow the slides', () => {
  it('a character added to a slide is in the next build’s font', async () => {
    writeFileSync(join(root, 'slides/01.md'), '# 济南\n\n---\n\n## 第二页\n');
    expect(await buildAndAsk('济南第鑫淼')).toEqual({ 济: true, 南: true, 第: true, 鑫: false, 淼: false });
    // One on the first slide, one on a later slide: both must come in.
    writeFileSync(join(root, 'slides/01.md'), '# 济南鑫\n\n---\n\n## 第二页淼\n');
    expect(await buildAndAsk('鑫淼')).toEqual({ 鑫: true, 淼: true });
  }, 60_000);
});

describe.each([
  ['fonts-emoji', '😀𠀀🎉', 'Hello'],
  ['fonts-thai', 'สวัสดี', 'ABC'],
])('a deck with characters the bundled font lacks (%s)', (name, lacking, has) => {
  it('builds faces that each hold glyphs, none claiming those characters', async () => {
    const outDir = mkdtempSync(join(tmpdir(), `deck-${name}-`));
    const fixture = fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
    try {
      await build({
        root: fixture,
        configFile: false,
        logLevel: 'silent',
        plugins: [deck({ config: { ...(await resolveDeckConfig(fixture)), outDir } })],
        build: { outDir, emptyOutDir: true },
      });
      const faces = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.woff2'));
      expect(faces.length).toBeGreaterThan(0);
      for (const file of faces) {
        const font = fontkit.create(readFileSync(join(outDir, 'assets', file)));
        // A face without outlines is refused by the browser ("glyf: zero-length table"), and the page with it.
        expect(font.numGlyphs, file).toBeGreaterThan(1);
        expect(
          [...has].every((c) => font.hasGlyphForCodePoint(c.codePointAt(0)!)),
          file,
        ).toBe(true);
      }
      const html = readFileSync(join(outDir, 'index.html'), 'utf8');
      const ranges = [...html.matchAll(/unicode-range:([^}]*)/g)].map((m) => m[1]).join(',');
      for (const c of lacking)
        expect(ranges).not.toContain(`U+${c.codePointAt(0)!.toString(16).toUpperCase()}`);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 60_000);
});
