import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { configFrom } from '../../src/config/index.ts';
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
