import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { glyphsOf, subsetFaces } from '../../src/node/fonts.ts';

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
