import { escapeHtml } from './html.ts';

/**
 * Units a number keeps on its line when the deck names none (its config's `text.noBreakUnits`), by the primary
 * language of the slides: for Chinese the common measure words, for other languages none (a space before a
 * unit is where such a language breaks; `%` always stays).
 */
const DEFAULT_UNITS: Readonly<Record<string, readonly string[]>> = {
  zh: ['元', '个', '人', '家', '年', '次', '天', '倍'],
};

/** The units a deck in `lang` keeps with their numbers by default. */
export function defaultNoBreakUnits(lang: string): readonly string[] {
  return DEFAULT_UNITS[lang.toLowerCase().split('-')[0] ?? ''] ?? [];
}

/** A global pattern of the text runs a line must never split; matched with matchAll (or lastIndex reset). */
export type NoBreakRule = RegExp;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Dates and numbers with their units, which a line must never split (2025-/05-14, 10189.4/亿元):
 * 2025-05-14, 2025-05, 2025年5月14日, 5月14日, 2025年, 16.4%, and a number followed by one or more of `units`
 * (4.07万家次, 10场 with 家, 次, 场 among them; in Chinese with 万 or 亿 before them and 以上 or 左右 after).
 */
export function noBreakRule(lang: string, units: readonly string[] = defaultNoBreakUnits(lang)): NoBreakRule {
  const zh = /^zh(?:-|$)/i.test(lang);
  const list = [...new Set(units)].sort((a, b) => b.length - a.length).map(escapeRegex);
  const unit = list.length
    ? `|${zh ? '[万亿]?' : ''}(?:${list.join('|')})+${zh ? '(?:以上|左右)?' : ''}`
    : '';
  return new RegExp(
    `\\d{4}-\\d{2}(?:-\\d{2})?|(?:\\d{4}年)?\\d{1,2}月\\d{1,2}日|\\d{4}年(?:\\d{1,2}月)?|\\d+(?:\\.\\d+)?(?:%${unit})`,
    'g',
  );
}

/** Escaped text with its dates and numbers-with-units (by `rule`) kept on one line each. */
export function noBreakHtml(text: string, rule: NoBreakRule): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(rule)) {
    out += `${escapeHtml(text.slice(last, m.index))}<span class="nw">${escapeHtml(m[0])}</span>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/**
 * Text for a label that breaks only where its author chose (a `<wbr>` written in the text, for lines styled
 * `word-break: keep-all`), escaped otherwise, with dates and numbers kept whole.
 */
export function labelHtml(text: string, rule: NoBreakRule): string {
  return noBreakHtml(text, rule).replaceAll('&lt;wbr&gt;', '<wbr>');
}
