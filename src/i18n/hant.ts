import { Converter } from 'opencc-js';

/**
 * 简体 → 繁體 with OpenCC's cn → hk tables (s2hk): characters only, no vocabulary rewriting. The meeting's
 * names stay as they were said (项目突破年 → 項目突破年, not s2twp's 專案突破年; 人工智能产业发展办公室 keeps
 * 人工智能, 电子信息 keeps 信息), which matters more for a record of an official briefing than Taiwan idiom.
 */
const convert = Converter({ from: 'cn', to: 'hk' });

/** Forms the tables get wrong or that 繁體 typesetting writes otherwise; applied after conversion. */
export const OVERRIDES: [from: string, to: string][] = [
  ['“', '「'],
  ['”', '」'],
  ['‘', '『'],
  ['’', '』'],
  ['着力', '著力'],
  ['着眼', '著眼'],
  ['显着', '顯著'],
  ['顯着', '顯著'],
  ['台階', '臺階'],
  ['碳化硅', '碳化矽'],
];

/**
 * Paths and URLs keep their characters: a file named in 简体 must still be found. Covers markdown links,
 * YAML `data:`/`src:` values, and the path-carrying attributes of compiled HTML.
 */
const PROTECTED =
  /\]\([^)\s]*\)|(?:data|src|href):\s*["']?[^\s"')]+|\b(?:src|href|data-source)="[^"]*"|https?:\/\/[^\s"'<>]+/g;

export function toHant(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(PROTECTED)) {
    out += convertText(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + convertText(text.slice(last));
}

function convertText(text: string): string {
  let out = convert(text);
  for (const [from, to] of OVERRIDES) out = out.split(from).join(to);
  return out;
}
