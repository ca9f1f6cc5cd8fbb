declare module 'fontkit' {
  export interface Font {
    familyName: string;
    numGlyphs: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    /** Tables by tag, e.g. `glyf` for TrueType outlines, `CFF ` for PostScript ones. */
    directory: { tables: Record<string, unknown> };
    unitsPerEm: number;
    /** Shapes `text` (kerning included); the advance is in font units. */
    layout(text: string): { advanceWidth: number };
  }
  export function create(buffer: Buffer): Font;
}
