import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import type { TextMeasure } from '../compiler/measure.ts';
import { FONT_FACES } from './fonts.ts';

const require = createRequire(import.meta.url);

interface Face {
  weight: number;
  font: fontkit.Font;
  /** Widths in em by text: diagrams measure the same characters and words over and over. */
  widths: Map<string, number>;
}

let faces: Face[] | undefined;

/** The faces the page's @font-face rules load (FONT_FACES), opened on first use: a deck without diagrams never pays. */
function open(): Face[] {
  faces ??= FONT_FACES.map((f) => ({
    weight: f.weight,
    font: fontkit.create(readFileSync(require.resolve(f.file))),
    widths: new Map(),
  }));
  return faces;
}

/** The face the browser picks for a CSS weight: the nearest one, bolder for 600 and up (CSS font matching). */
function faceFor(weight: number): Face {
  const list = open();
  const bold = weight >= 600;
  const side = list.filter((f) => (bold ? f.weight >= 600 : f.weight < 600));
  const pool = side.length > 0 ? side : list;
  return pool.reduce((a, b) => (Math.abs(b.weight - weight) < Math.abs(a.weight - weight) ? b : a));
}

/** Shaped advance in em (kerning included), a character the face lacks counted a full em (a fallback font draws it). */
function shape(face: Face, text: string): number {
  const { font } = face;
  const chars = [...text];
  if (chars.every((c) => font.hasGlyphForCodePoint(c.codePointAt(0)!)))
    return font.layout(text).advanceWidth / font.unitsPerEm;
  return chars.reduce(
    (em, c) =>
      em + (font.hasGlyphForCodePoint(c.codePointAt(0)!) ? font.layout(c).advanceWidth / font.unitsPerEm : 1),
    0,
  );
}

/**
 * Text width in the page's own font, for the compiler's host: the TrueType faces the page's subsets are cut
 * from (a subset keeps each glyph's advance and the kerning between kept glyphs), shaped by fontkit.
 */
export const deckFontMeasure: TextMeasure = (text, weight) => {
  const face = faceFor(weight);
  let em = face.widths.get(text);
  if (em === undefined) {
    em = shape(face, text);
    if (face.widths.size > 50_000) face.widths.clear();
    face.widths.set(text, em);
  }
  return em;
};
