import type { DeckConfigInput } from './src/config/index.ts';
import { toHant } from './src/i18n/hant.ts';

/** This repository's deck: written in 简体, with a 繁體 page converted from it (OpenCC s2tw, the article's forms). */
export default {
  lang: 'zh-Hans',
  label: '简体',
  variants: [{ lang: 'zh-Hant', label: '繁體', convert: toHant }],
} satisfies DeckConfigInput;
