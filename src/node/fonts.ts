import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);

/** The deck's CJK font: Noto Sans SC as TrueType outlines (glyf), which Chromium embeds in PDFs as CID TrueType. */
export const FONT_FAMILY = 'Deck Sans';
/** The bundled font's own name, for messages. */
export const FONT_NAME = 'Noto Sans SC';
/**
 * The family of the print view's faces: every character of the page in one face per weight, so a PDF embeds
 * each weight once (the first-slide and rest parts were two fonts a weight). Only the print view uses it.
 */
export const PRINT_FAMILY = `${FONT_FAMILY} Print`;
export const FONT_FACES = [
  { weight: 400, file: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf' },
  { weight: 700, file: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf' },
] as const;

/** Printable ASCII and a few marks the runtime draws, always in the subset. */
const ALWAYS = `${Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('')}·—–…“”‘’、，。：；！？（）《》〔〕【】％×→←↑↓`;

/** Part of each subset's cache key: bump it when the subsetting options change. */
const SUBSET_VERSION = 'woff2-no-layout-closure';

export interface SubsetFace {
  weight: number;
  fileName: string;
  data: Buffer;
  /** The characters the file holds, for the face's unicode-range. */
  glyphs: string;
  /**
   * `first`: the first slide's characters, preloaded and fetched before anything else; `rest`: the others,
   * fetched once the first are in; `print`: all of them, in the family PRINT_FAMILY, for the print view only.
   */
  part: FacePart;
}

export type FacePart = 'first' | 'rest' | 'print';

let opened: fontkit.Font[] | undefined;

/**
 * Whether every bundled face has a glyph for the character. Those it lacks (emoji, Han beyond the basic
 * plane, scripts Noto Sans SC does not cover) are drawn with the system's fonts: no face claims them.
 */
export function bundledFontHas(ch: string): boolean {
  opened ??= FONT_FACES.map((f) => fontkit.create(readFileSync(require.resolve(f.file))));
  const code = ch.codePointAt(0)!;
  return opened.every((font) => font.hasGlyphForCodePoint(code));
}

/** The characters of `glyphs` the font has, and those it lacks. */
export function splitCoverage(
  glyphs: string,
  has: (ch: string) => boolean = bundledFontHas,
): { covered: string; missing: string } {
  let covered = '';
  let missing = '';
  for (const ch of glyphs) {
    if (has(ch)) covered += ch;
    else missing += ch;
  }
  return { covered, missing };
}

/** The characters a page needs: its text (tags included, harmlessly ASCII) with entities decoded. */
export function glyphsOf(...texts: string[]): string {
  const set = new Set<string>(ALWAYS);
  for (const text of texts) {
    const decoded = text.replace(/&#(x[0-9a-f]+|\d+);/gi, (_m, n: string) =>
      String.fromCodePoint(n[0] === 'x' || n[0] === 'X' ? Number.parseInt(n.slice(1), 16) : Number(n)),
    );
    for (const ch of decoded) if (ch >= ' ') set.add(ch);
  }
  return [...set].sort().join('');
}

/**
 * Subsets each face to the characters of `wanted` the font has, as WOFF2 with its TrueType outlines kept.
 * None when it has none of them: a subset without glyphs is no font (Chromium refuses it, "glyf: zero-length
 * table", and the page's fonts fail). Results are cached on disk by content, so an unchanged deck costs
 * nothing on the next build.
 */
export async function subsetFaces(
  wanted: string,
  cacheDir: string,
  tag: string,
  part: FacePart = 'first',
): Promise<SubsetFace[]> {
  const glyphs = splitCoverage(wanted).covered;
  if (!glyphs) return [];
  mkdirSync(cacheDir, { recursive: true });
  return Promise.all(
    FONT_FACES.map(async (face) => {
      const source = require.resolve(face.file);
      const hash = createHash('sha256')
        .update(`${face.file}\0${SUBSET_VERSION}\0`)
        .update(glyphs)
        .digest('hex')
        .slice(0, 10);
      const fileName = `deck-sans-${tag}-${face.weight}-${hash}.woff2`;
      const cached = join(cacheDir, fileName);
      if (existsSync(cached))
        return { weight: face.weight, fileName, data: readFileSync(cached), glyphs, part };
      // No layout closure: glyphs reachable only through OpenType features (alternates, vertical forms)
      // triple a small subset's size, and horizontal slides do not use them.
      const data = await subsetFont(readFileSync(source), glyphs, {
        targetFormat: 'woff2',
        noLayoutClosure: true,
      });
      const tmp = `${cached}.${process.pid}.tmp`;
      writeFileSync(tmp, data);
      renameSync(tmp, cached);
      return { weight: face.weight, fileName, data, glyphs, part };
    }),
  );
}

/**
 * Splits a page's glyphs in two: those of the first slide (with ASCII and the UI's), and the rest. The
 * browser fetches a face only when laid-out text needs a character in its unicode-range, so the first slide
 * waits on a small file and the rest arrives while it is shown.
 */
export function splitGlyphs(all: string, firstSlide: string): { first: string; rest: string } {
  const first = new Set(glyphsOf(firstSlide));
  const rest = [...all].filter((c) => !first.has(c));
  return { first: [...first].sort().join(''), rest: rest.join('') };
}

/** A CSS unicode-range for a set of characters, consecutive code points merged. */
export function unicodeRange(glyphs: string): string {
  const points = [...new Set([...glyphs].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < points.length; ) {
    let j = i;
    while (j + 1 < points.length && points[j + 1] === points[j]! + 1) j++;
    const hex = (n: number) => n.toString(16).toUpperCase();
    ranges.push(j > i ? `U+${hex(points[i]!)}-${hex(points[j]!)}` : `U+${hex(points[i]!)}`);
    i = j + 1;
  }
  return ranges.join(',');
}

/**
 * The @font-face rules of the faces. A print face needs no unicode-range: nothing fetches it but the print
 * view, which uses it for every character, and the page is the smaller without its range.
 */
export function fontFaceCss(faces: SubsetFace[], urlOf: (fileName: string) => string): string {
  return faces
    .filter((f) => f.glyphs.length > 0)
    .map(
      (f) =>
        `@font-face{font-family:"${f.part === 'print' ? PRINT_FAMILY : FONT_FAMILY}";font-style:normal;font-weight:${f.weight};` +
        `font-display:block;src:url("${urlOf(f.fileName)}") format("woff2")` +
        (f.part === 'print' ? '}' : `;unicode-range:${unicodeRange(f.glyphs)}}`),
    )
    .join('\n');
}
