import * as v from 'valibot';
import type { Block } from '../compiler/blocks/define.ts';
import { CspSchema, LangSchema as lang, MarkdownSchema } from '../compiler/deck-options.ts';

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
const converter = v.custom<(text: string) => string>(
  (f) => typeof f === 'function',
  'must be a function from text to text, such as (text) => text',
);

/** A block made by defineBlock (src/compiler/blocks/define.ts). */
const block = v.custom<Block>(
  (b) =>
    typeof b === 'object' &&
    b !== null &&
    typeof (b as Block).name === 'string' &&
    typeof (b as Block).render === 'function' &&
    typeof (b as Block).narrow === 'string',
  'must be a block made by defineBlock({ name, schema, render, narrow })',
);

/** `deck.config.*`'s default export; unknown keys are mistakes. */
export const DeckConfigSchema = v.strictObject({
  title: v.optional(text),
  name: v.optional(
    v.pipe(v.string(), v.regex(/^[^\\/:*?"<>|\s][^\\/:*?"<>|]*$/, 'must be usable as a file name')),
  ),
  lang: v.optional(lang),
  label: v.optional(text),
  variants: v.optional(v.array(v.strictObject({ lang, label: text, convert: v.optional(converter) }))),
  outDir: v.optional(v.pipe(v.string(), v.nonEmpty('must not be empty'))),
  slidesDir: v.optional(innerPath),
  facts: v.optional(innerPath),
  theme: v.optional(v.pipe(innerPath, v.regex(/\.css$/, 'must be a .css file'))),
  relay: v.optional(v.boolean()),
  csp: v.optional(CspSchema),
  markdown: v.optional(MarkdownSchema),
  blocks: v.optional(v.array(block)),
});
