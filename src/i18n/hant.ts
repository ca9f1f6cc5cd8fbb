import { Converter } from 'opencc-js';

/**
 * 简体 → 繁體 with OpenCC's cn → tw character tables (s2tw): Taiwan standard forms (說, 著, 為), as the
 * source article writes them, and no vocabulary rewriting (s2twp would turn 项目 into 專案 and 信息 into
 * 資訊, renaming the meeting's own terms). Not s2hk: its 説 and 着 read as simplified to a Taiwan reader.
 */
let converter: ((text: string) => string) | undefined;
/** Built on first use: its tables take a second, which a run that converts nothing (deck check) need not wait. */
const convert = (text: string) => {
  converter ??= Converter({ from: 'cn', to: 'tw' });
  return converter(text);
};

/**
 * The article's own forms where s2tw picks another (one simplified character, several traditional ones,
 * chosen by phrase), and its one vocabulary difference (人工智慧). Applied after conversion, in order.
 * tests/unit/hant.test.ts converts the article back to 简体 and forward again and expects it unchanged.
 */
export const OVERRIDES: [from: string, to: string][] = [
  ['“', '「'],
  ['”', '」'],
  ['‘', '『'],
  ['’', '』'],
  ['人工智能', '人工智慧'],
  ['佈局', '布局'],
  ['生命週期', '生命周期'],
  ['把準', '把准'],
  ['找準', '找准'],
  ['藍圖幹到底', '藍圖干到底'],
  ['臺階', '台階'],
  ['出臺', '出台'],
  ['一目瞭然', '一目了然'],
  ['瞭解', '了解'],
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
