/** A language variant of the deck: one HTML page each. */
export interface Variant {
  lang: 'zh-Hans' | 'zh-Hant';
  /** The page's path in the built site, relative to its root. */
  page: string;
  /** Converts the deck's source text for this variant (identity for the source language). */
  convert?: (text: string) => string;
}

export const VARIANTS: Variant[] = [{ lang: 'zh-Hans', page: 'index.html' }];
