import { escapeHtml } from './html.ts';

/**
 * Dates and numbers with their units, which a line must never split (2025-/05-14, 10189.4/亿元):
 * 2025-05-14, 2025-05, 2025年5月14日, 5月14日, 2025年, 16.4%, 4.07万家次, 10场.
 */
export const UNBREAKABLE =
  /\d{4}-\d{2}(?:-\d{2})?|(?:\d{4}年)?\d{1,2}月\d{1,2}日|\d{4}年(?:\d{1,2}月)?|\d+(?:\.\d+)?(?:%|[万亿]?[元条个家场年次项]+(?:以上|左右)?)/g;

/** Escaped text with its dates and numbers-with-units kept on one line each. */
export function noBreakHtml(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(UNBREAKABLE)) {
    out += `${escapeHtml(text.slice(last, m.index))}<span class="nw">${escapeHtml(m[0])}</span>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/**
 * Text for a label that breaks only where its author chose (a `<wbr>` written in the text, for lines styled
 * `word-break: keep-all`), escaped otherwise, with dates and numbers kept whole.
 */
export function labelHtml(text: string): string {
  return noBreakHtml(text).replaceAll('&lt;wbr&gt;', '<wbr>');
}
