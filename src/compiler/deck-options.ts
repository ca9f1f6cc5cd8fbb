import * as v from 'valibot';
import { DECK_DEFAULTS, type MarkdownOptions, OPTION_KEYS, REVEAL_DEFAULTS } from './markdown/options.ts';

const regexSource = v.pipe(
  v.string(),
  v.check((s) => {
    try {
      new RegExp(s, 'gm');
      return true;
    } catch {
      return false;
    }
  }, "must be a valid regular expression, as in reveal.js's data-* attribute (write \\n for a line break)"),
);

/** Front matter `markdown:` — reveal.js's parsing options, by their `data-*` names without `data-`. */
export const MarkdownSchema = v.strictObject({
  /** Which defaults the keys left out take: this engine's (`deck`) or reveal.js's own (`reveal`). */
  defaults: v.optional(v.picklist(['deck', 'reveal'])),
  ...(Object.fromEntries(Object.keys(OPTION_KEYS).map((k) => [k, v.optional(regexSource)])) as Record<
    keyof typeof OPTION_KEYS,
    v.OptionalSchema<typeof regexSource, undefined>
  >),
});

/** A BCP 47 language tag as pages use them: `en`, `zh-Hans`, `pt-BR`. */
export const LANG_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

export const LangSchema = v.pipe(
  v.string(),
  v.regex(LANG_TAG, 'must be a language tag such as "en", "zh-Hans" or "pt-BR"'),
);

// A CSP host source: scheme://host[:port][/path], host with an optional leading `*.`, or a scheme alone.
export const CSP_HOST =
  /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:\d{1,5}|\*))?(?:\/[^\s;,'"]*)?$|^https?:$/i;
const hosts = v.array(
  v.pipe(
    v.string(),
    v.regex(
      CSP_HOST,
      'must be a host such as "https://images.example.com" or "*.example.com" (no quotes, no ";")',
    ),
  ),
);

/** Front matter `csp:` — hosts the page may load images, audio/video and frames from (none by default). */
export const CspSchema = v.strictObject({
  img: v.optional(hosts),
  media: v.optional(hosts),
  frame: v.optional(hosts),
});

export type MarkdownConfig = v.InferOutput<typeof MarkdownSchema>;
export type CspAllowance = v.InferOutput<typeof CspSchema>;

/** The markdown options a deck's front matter asks for, its unset keys from the chosen defaults. */
export function markdownOptions(config: MarkdownConfig | undefined): MarkdownOptions {
  const base = config?.defaults === 'reveal' ? REVEAL_DEFAULTS : DECK_DEFAULTS;
  const out = { ...base };
  for (const [key, name] of Object.entries(OPTION_KEYS)) {
    const value = config?.[key as keyof typeof OPTION_KEYS];
    if (value !== undefined) out[name] = value;
  }
  return out;
}
