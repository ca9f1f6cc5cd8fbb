import { createRequire } from 'node:module';

type Locale = 'cn' | 'tw' | 'twp' | 'hk' | 'hkp' | 't' | 'jp';

/**
 * The Chinese script converters a variant may name (`convert: 's2tw'`), by OpenCC's config names, with the
 * opencc-js locales each one is. s2tw: Taiwan standard forms (說, 著, 為) without rewriting vocabulary, as
 * s2twp does (项目 → 專案, 信息 → 資訊).
 */
export const CONVERTERS = {
  s2tw: ['cn', 'tw'],
  s2twp: ['cn', 'twp'],
  s2hk: ['cn', 'hk'],
  s2hkp: ['cn', 'hkp'],
  s2t: ['cn', 't'],
  t2s: ['t', 'cn'],
  tw2s: ['tw', 'cn'],
  tw2sp: ['twp', 'cn'],
  hk2s: ['hk', 'cn'],
  hk2sp: ['hkp', 'cn'],
  t2tw: ['t', 'tw'],
  t2hk: ['t', 'hk'],
  tw2t: ['tw', 't'],
  hk2t: ['hk', 't'],
} as const satisfies Record<string, [from: Locale, to: Locale]>;

export type ConverterName = keyof typeof CONVERTERS;
export const CONVERTER_NAMES = Object.keys(CONVERTERS) as ConverterName[];

/** After conversion, each key written as its value, in order: the forms a deck's own text uses. */
export type Phrases = Record<string, string>;

/**
 * Paths and URLs keep their characters: a file named in 简体 must still be found. Covers markdown links,
 * YAML `data:`/`src:` values, and the path-carrying attributes of compiled HTML.
 */
const PROTECTED =
  /\]\([^)\s]*\)|(?:data|src|href):\s*["']?[^\s"')]+|\b(?:src|href|data-source)="[^"]*"|https?:\/\/[^\s"'<>]+/g;

/** Converts the text between paths and URLs, which are kept as written. */
export function keepingPaths(convert: (text: string) => string): (text: string) => string {
  return (text) => {
    let out = '';
    let last = 0;
    for (const m of text.matchAll(PROTECTED)) {
      out += convert(text.slice(last, m.index)) + m[0];
      last = m.index + m[0].length;
    }
    return out + convert(text.slice(last));
  };
}

/**
 * A variant's text conversion: a named OpenCC converter (or the deck's own function), then its phrases, with
 * paths and URLs kept. OpenCC's tables are built on first use: they take a second, which a run that converts
 * nothing (deck check) need not wait.
 */
export function textConverter(
  convert: ConverterName | ((text: string) => string),
  phrases: Phrases = {},
): (text: string) => string {
  let tables: ((text: string) => string) | undefined;
  const base =
    typeof convert === 'function'
      ? convert
      : (text: string) => {
          const [from, to] = CONVERTERS[convert];
          // Required on first use, not imported: a deck that converts nothing never loads OpenCC (~35 ms).
          tables ??= (createRequire(import.meta.url)('opencc-js') as typeof import('opencc-js')).Converter({
            from,
            to,
          });
          return tables(text);
        };
  const fixes = Object.entries(phrases);
  return keepingPaths((text) => {
    let out = base(text);
    for (const [from, to] of fixes) out = out.split(from).join(to);
    return out;
  });
}
