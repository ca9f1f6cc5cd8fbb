/**
 * Text width as the page will set it. The compiler cannot read font files (it is pure), so the host hands it a
 * measure over the very faces the page's CSS loads; diagrams lay their boxes out with it at build time.
 */

/** Advance width of `text` in em (1em = the font size), set in the page's font at CSS `weight` (400, 700). */
export type TextMeasure = (text: string, weight: number) => number;

/**
 * For hosts with no font (tests, tools that never show the page): a full em per character, which no glyph of
 * a CJK font exceeds, so a box sized with it holds the real text, with room to spare.
 */
export const fullEm: TextMeasure = (text) => {
  let em = 0;
  for (const c of text) em += c === ' ' ? 0.25 : 1;
  return em;
};
