import { toHant } from '../i18n/hant.ts';

/** A language variant of the deck: one HTML page each. */
export interface Variant {
  lang: 'zh-Hans' | 'zh-Hant';
  /** The name of the variant in its own script, for the switch. */
  label: string;
  /** The page's path in the built site, relative to its root. */
  page: string;
  /** Converts the deck's source text for this variant (identity for the source language). */
  convert?: (text: string) => string;
}

/** The source language first: its diagnostics are the deck's. */
export const VARIANTS: Variant[] = [
  { lang: 'zh-Hans', label: '简体', page: 'index.html' },
  { lang: 'zh-Hant', label: '繁體', page: 'zh-Hant/index.html', convert: toHant },
];

/** The URL of `to`'s page relative to `from`'s, for links between variants that work on any static host. */
export function relativePage(from: Variant, to: Variant): string {
  const up = '../'.repeat(from.page.split('/').length - 1);
  const dir = to.page.replace(/index\.html$/, '');
  return `${up}${dir}` || './';
}
