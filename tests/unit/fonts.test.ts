import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { uncoveredWarnings } from '../../src/node/coverage.ts';
import { fontFaceCss, glyphsOf, splitCoverage, subsetFaces } from '../../src/node/fonts.ts';
import { familyNames, printFamilyList } from '../../src/runtime/faces.ts';

describe('font subsetting', () => {
  it('keeps exactly the glyphs asked for, with TrueType outlines', async () => {
    const glyphs = glyphsOf('<p>济南&#x5DE5;业 &#24378;市</p>');
    expect(glyphs).toContain('工');
    expect(glyphs).toContain('强');
    const dir = mkdtempSync(join(tmpdir(), 'deck-fonts-'));
    const faces = await subsetFaces(glyphs, dir, 'test');
    expect(faces.map((f) => f.weight)).toEqual([400, 700]);
    for (const face of faces) {
      const font = fontkit.create(face.data);
      for (const ch of '济南工业强市A9') expect(font.hasGlyphForCodePoint(ch.codePointAt(0)!), ch).toBe(true);
      expect(font.hasGlyphForCodePoint('鑫'.codePointAt(0)!)).toBe(false);
      expect('glyf' in font.directory.tables).toBe(true);
      expect(face.data.length).toBeLessThan(60_000);
      // A second call is served from the cache, byte for byte.
      expect(readFileSync(join(dir, face.fileName)).equals(face.data)).toBe(true);
    }
  });
});

describe('characters the bundled font lacks', () => {
  const lacking = '😀𠀀สวัสดีनमस्ते';

  it('are told apart from those it has: emoji, Han beyond the basic plane, Thai, Devanagari', () => {
    expect(splitCoverage(`济南A${lacking}`)).toEqual({ covered: '济南A', missing: lacking });
  });

  it('never make a subset: none without a glyph, and the others hold only what the font has', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deck-fonts-'));
    expect(await subsetFaces(lacking, dir, 'none', 'rest')).toEqual([]);
    const faces = await subsetFaces(`济${lacking}`, dir, 'some', 'rest');
    expect(faces.map((f) => [f.weight, f.glyphs])).toEqual([
      [400, '济'],
      [700, '济'],
    ]);
    for (const face of faces) expect(fontkit.create(face.data).hasGlyphForCodePoint(0x6d4e)).toBe(true);
    // No rule claims a character the face cannot draw: the browser goes down the family list for it.
    const css = fontFaceCss(faces, (n) => n);
    expect(css).toContain('unicode-range:U+6D4E}');
    expect(css).not.toMatch(/1F600|20000/);
  });

  it('are warned about once each, at their first place, a line’s together', () => {
    const files = [
      { path: 'slides/01.md', text: "---\ntitle: 'Hello 😀 𠀀'\n---\n\n# Hello 😀️\n" },
      { path: 'slides/02.md', text: '## สวัสดี\n\n济南 🎉\n' },
    ];
    const has = (ch: string) => splitCoverage(ch).covered === ch;
    const warnings = uncoveredWarnings(`Hello 济南 😀\u{fe0f}\u200d𠀀สวัสดี🎉`, files, has);
    expect(warnings.map((w) => `${w.file}:${w.line}:${w.column}: ${w.severity}: ${w.message}`)).toEqual([
      "slides/01.md:2:15: warning: U+1F600 😀, U+20000 𠀀 are not in the bundled font (Noto Sans SC): they will be drawn with the system's fonts, which differ from machine to machine",
      "slides/02.md:1:4: warning: U+0E2A ส, U+0E27 ว, U+0E31 ั, U+0E14 ด, U+0E35 ี are not in the bundled font (Noto Sans SC): they will be drawn with the system's fonts, which differ from machine to machine",
      "slides/02.md:3:4: warning: U+1F389 🎉 is not in the bundled font (Noto Sans SC): it will be drawn with the system's fonts, which differ from machine to machine",
    ]);
    expect(uncoveredWarnings('济南 Hello', files, has)).toEqual([]);
  });
});

describe('the print view’s faces', () => {
  it('replace each family that has them, and leave the others and a list without them as they are', () => {
    const declared = new Set(['Deck Sans', 'Deck Sans Print', 'Other']);
    expect(familyNames(`"Deck Sans", 'My Font', serif`)).toEqual(['Deck Sans', 'My Font', 'serif']);
    expect(printFamilyList('"Deck Sans"', declared)).toBe('"Deck Sans Print"');
    expect(printFamilyList(`'My Font', "Deck Sans", sans-serif`, declared)).toBe(
      `'My Font', "Deck Sans Print", sans-serif`,
    );
    expect(printFamilyList('"Other", serif', declared)).toBe('"Other", serif');
  });
});
