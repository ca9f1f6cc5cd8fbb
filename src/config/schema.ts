import * as v from 'valibot';
import type { Block } from '../blocks/define.ts';
import { CspSchema, LangSchema as lang, MarkdownSchema } from '../compiler/deck-options.ts';
import { CONVERTER_NAMES, CONVERTERS, type ConverterName } from '../i18n/convert.ts';

const text = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'));
/** A path inside the deck folder, written with forward slashes. */
const innerPath = v.pipe(
  v.string(),
  v.nonEmpty('must not be empty'),
  v.check(
    (p) => !p.startsWith('/') && !/^[A-Za-z]:/.test(p) && !p.split(/[\\/]/).includes('..'),
    'must be a path inside the deck folder, such as "slides" (no "..", not absolute)',
  ),
);
/** A converter's name, or the deck's own function. */
const converter = v.custom<ConverterName | ((text: string) => string)>(
  (c) => typeof c === 'function' || (typeof c === 'string' && Object.hasOwn(CONVERTERS, c)),
  (issue) =>
    `must name a converter: one of ${CONVERTER_NAMES.join(', ')} (OpenCC's), or be a function from text to text; got ${JSON.stringify(issue.input) ?? String(issue.input)}`,
);
/** Converted text → the deck's own form, applied after the converter. */
const phrases = v.record(v.pipe(v.string(), v.nonEmpty('must not be empty')), v.string());

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The built-in themes: `light` (the default) and `dark`, each the same rules over its own colour tokens. */
export const THEME_NAMES = ['light', 'dark'] as const;
export type ThemeName = (typeof THEME_NAMES)[number];
/** A built-in theme's name, or the deck's own stylesheet (loaded after the built-in theme). */
const THEME_VALUE =
  'must be "light" or "dark" (the built-in themes), a .css file in the deck folder, or both as ["dark", "theme.css"]';
const themeEntry = v.custom<string>(
  (t) =>
    typeof t === 'string' &&
    ((THEME_NAMES as readonly string[]).includes(t) || (/\.css$/.test(t) && v.is(innerPath, t))),
  THEME_VALUE,
);
const THEME_PAIR = 'must hold at most one built-in theme and one stylesheet, such as ["dark", "theme.css"]';
const oneOfEach = (list: string[]) =>
  list.length <= 2 &&
  list.filter((t) => (THEME_NAMES as readonly string[]).includes(t)).length <= 1 &&
  list.filter((t) => t.endsWith('.css')).length <= 1;

/** A block made by defineBlock (src/blocks/define.ts). */
const block = v.custom<Block>(
  (b) =>
    typeof b === 'object' &&
    b !== null &&
    typeof (b as Block).name === 'string' &&
    typeof (b as Block).render === 'function' &&
    typeof (b as Block).narrow === 'string',
  'must be a block made by defineBlock({ name, schema, render, narrow })',
);

/** A unit written right after a number (`元`, `家`, `km`): kept on the number's line. */
const unit = v.pipe(
  v.string(),
  v.nonEmpty('must not be empty'),
  v.check(
    (u) => !/[\d\s]/.test(u),
    (issue) =>
      `must be a unit as written right after a number, such as "元" or "km" (no digits, no spaces); got ${JSON.stringify(issue.input)}`,
  ),
);

/** `deck.config.*`'s default export; unknown keys are mistakes. */
export const DeckConfigSchema = v.strictObject({
  title: v.optional(text),
  name: v.optional(
    v.pipe(v.string(), v.regex(/^[^\\/:*?"<>|\s][^\\/:*?"<>|]*$/, 'must be usable as a file name')),
  ),
  lang: v.optional(lang),
  label: v.optional(text),
  variants: v.optional(
    v.array(
      v.strictObject({ lang, label: text, convert: v.optional(converter), phrases: v.optional(phrases) }),
    ),
  ),
  outDir: v.optional(v.pipe(v.string(), v.nonEmpty('must not be empty'))),
  slidesDir: v.optional(innerPath),
  facts: v.optional(innerPath),
  theme: v.optional(
    v.union([themeEntry, v.pipe(v.array(themeEntry), v.check(oneOfEach, THEME_PAIR))], THEME_VALUE),
  ),
  scripts: v.optional(
    v.array(
      v.pipe(
        innerPath,
        v.regex(/\.(?:js|mjs|ts|mts)$/, 'must be a JavaScript or TypeScript module (.js, .mjs, .ts, .mts)'),
      ),
    ),
  ),
  relay: v.optional(v.boolean()),
  offline: v.optional(v.boolean()),
  csp: v.optional(CspSchema),
  markdown: v.optional(MarkdownSchema),
  blocks: v.optional(v.array(block)),
  timezone: v.optional(
    v.pipe(
      v.string(),
      v.check(
        isTimeZone,
        (issue) =>
          `must be an IANA time zone such as "Europe/Berlin" or "UTC"; got ${JSON.stringify(issue.input)}`,
      ),
    ),
  ),
  text: v.optional(v.strictObject({ noBreakUnits: v.optional(v.array(unit)) })),
  sources: v.optional(
    v.picklist(
      ['required', 'optional'],
      (issue) => `must be "required" or "optional"; got ${JSON.stringify(issue.input)}`,
    ),
  ),
});
