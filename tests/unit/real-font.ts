import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { FONT_FACES } from '../../src/node/fonts.ts';

const require = createRequire(import.meta.url);
const fonts = new Map<number, fontkit.Font>(
  FONT_FACES.map((f) => [f.weight, fontkit.create(readFileSync(require.resolve(f.file)))]),
);

/**
 * Width in px of one line as the browser sets it: the page's font file at that weight, the line shaped whole by
 * fontkit. Independent of the layout's own measuring (word by word, through the compile host), so a measure that
 * runs short shows as text wider than its box.
 */
export function realWidth(text: string, size: number, weight: 400 | 700): number {
  const font = fonts.get(weight)!;
  return (font.layout(text).advanceWidth / font.unitsPerEm) * size;
}
