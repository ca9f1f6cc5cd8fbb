import type { Block } from '../blocks/define.ts';
import type { CspAllowance, MarkdownConfig } from '../compiler/deck-options.ts';
import type { ConverterName, Phrases } from '../i18n/convert.ts';

/** Another language page, converted from the source's text (paths and URLs kept). */
export interface VariantInput {
  /** BCP 47 language tag of the page. */
  lang: string;
  /** Its name in the language switch. */
  label: string;
  /** An OpenCC converter by name (`'s2tw'`, `'s2hk'`, `'t2s'` …: src/i18n/convert.ts), or a function from text to text. */
  convert?: ConverterName | ((text: string) => string);
  /** After conversion, each key written as its value, in order: the forms the deck's own text uses. */
  phrases?: Phrases;
}

/** A language variant of the deck: one HTML page each, the source language's first. */
export interface Variant {
  /** BCP 47 language tag: the page's `<html lang>`. */
  lang: string;
  /** The variant's name in its own script, for the language switch. */
  label: string;
  /** The page's path in the built site, relative to its root: `index.html`, `zh-Hant/index.html`. */
  page: string;
  /** Converts the compiled source text for this variant (its converter and phrases); none for the source language. */
  convert?: (text: string) => string;
}

/** What a deck may say in `deck.config.{ts,js,mjs}` (export default) or `deck.config.json`: every key is optional. */
export interface DeckConfigInput {
  /** The deck's title: page title, banner, PDF metadata. @default front matter `title:`, else the first slide's */
  title?: string;
  /** The name of exported files (`<name>.pdf`). @default package.json "name", else "deck" */
  name?: string;
  /** The language the slides are written in. @default front matter `lang:`, else "en" */
  lang?: string;
  /** The source language's label in the language switch (only shown when there are variants). */
  label?: string;
  /** Other language pages, each converted from the source. @default none: one page */
  variants?: VariantInput[];
  /** The built site, relative to the deck folder. @default "dist" ($DECK_OUT_DIR overrides) */
  outDir?: string;
  /** The markdown files' folder, relative to the deck folder. @default "slides" */
  slidesDir?: string;
  /** The facts file blocks read figures from, relative to the deck folder. @default `<slidesDir>/data/facts.yaml` */
  facts?: string;
  /**
   * The built-in theme, `'light'` or `'dark'`, and/or a stylesheet applied after it, relative to the deck folder:
   * `'dark'`, `'theme.css'`, `['dark', 'theme.css']`. @default 'light', no stylesheet
   */
  theme?: 'light' | 'dark' | string | string[];
  /**
   * The deck's own browser modules, relative to the deck folder, bundled with it: each is imported before
   * reveal.js starts (`Reveal.on('ready', …)` works), and its default export, a function, is called with
   * `{ deck, print }` once the deck is ready. Refused under --untrusted. @default none
   */
  scripts?: string[];
  /** `deck start` serves the follow-along relay. @default true */
  relay?: boolean;
  /** The built pages install a service worker that keeps the deck offline after the first load. @default true */
  offline?: boolean;
  /** Off-origin hosts for images, media and frames (added to front matter `csp:`). */
  csp?: CspAllowance;
  /** reveal.js markdown options (front matter `markdown:` overrides them key by key). */
  markdown?: MarkdownConfig;
  /** The deck's own blocks (`defineBlock`), beside the engine's. @default none */
  blocks?: Block[];
  /** `'required'`: a chart without `source:` is a problem. @default 'optional' */
  sources?: SourcePolicy;
  /** How the slides' text is set. */
  text?: TextInput;
  /** The IANA time zone `deck export` renders the page in (`Europe/Berlin`). @default the machine's */
  timezone?: string;
}

/** How the slides' text is set. */
export interface TextInput {
  /**
   * Units a number keeps on its line (`["元", "家", "次"]` keeps 10元 and 4.07万家次 whole; in Chinese with 万 or 亿
   * before them): replaces the language's list. Dates and `%` are always kept. @default for `zh` 元 个 人 家 年 次 天
   * 倍; for other languages none
   */
  noBreakUnits?: string[];
}

/** Whether every chart must name its source. */
export type SourcePolicy = 'required' | 'optional';

/** The deck's settings, resolved once from defaults, the first file's front matter and the config file. */
export interface DeckConfig {
  /** The deck folder, absolute. */
  root: string;
  /** The config file, absolute, when the deck has one. */
  file?: string;
  name: string;
  /** Undefined when neither the config nor the front matter names it (the page then takes the first slide's). */
  title?: string;
  lang: string;
  /** The source language first; just that one when the deck has no variants. */
  variants: Variant[];
  /** Absolute. */
  outDir: string;
  /** Relative to root, with forward slashes. */
  slidesDir: string;
  /** Relative to root, with forward slashes. */
  facts: string;
  /** The deck's own stylesheet (config `theme: 'x.css'`), relative to root, with forward slashes. */
  theme?: string;
  /** The built-in theme (config `theme: 'dark'`). */
  scheme: 'light' | 'dark';
  /** The deck's own browser modules, relative to root, with forward slashes, in order. */
  scripts: string[];
  relay: boolean;
  offline: boolean;
  csp: CspAllowance;
  markdown?: MarkdownConfig;
  /** The deck's own blocks (the engine's are added where the deck is compiled). */
  blocks: Block[];
  sources: SourcePolicy;
  /** Units a number keeps on its line; undefined: the language's (src/compiler/nowrap.ts). */
  noBreakUnits?: string[];
  /** IANA time zone. */
  timezone: string;
  /** `--untrusted` / `DECK_UNTRUSTED=1`: no code of the deck runs (no config code, no `<script>` in slides). */
  untrusted?: boolean;
  /** Where the config file sets each `markdown` key, for a problem with its pattern found while compiling. */
  markdownAt?: Partial<Record<string, { file: string; line: number; column: number }>>;
}
