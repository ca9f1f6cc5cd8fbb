/**
 * A fence's info string as reveal.js's markdown plugin reads it: `lang [lines]`, `[lines]` alone,
 * `[offset: lines]` and `[offset:]`, where lines are `1,4-8` and steps are separated by `|`.
 */
export interface CodeInfo {
  /** What is left of the info string without the line spec: the `<code>`'s class, as reveal.js writes it. */
  lang: string;
  /** `data-line-numbers`: present (maybe empty) when the info string has a `[…]` spec. */
  lineNumbers?: string;
  /** `data-ln-start-from`: the number before the colon. */
  startFrom?: string;
}

// reveal.js 6 plugin/markdown/plugin.js: CODE_LINE_NUMBER_REGEX
const LINE_SPEC = /\[\s*((\d*):)?\s*([\s\d,|-]*)\]/;

export function parseCodeInfo(info: string): CodeInfo {
  const match = LINE_SPEC.exec(info);
  if (!match) return { lang: info.trim() };
  const out: CodeInfo = { lang: info.replace(LINE_SPEC, '').trim(), lineNumbers: (match[3] ?? '').trim() };
  if (match[2]) out.startFrom = match[2].trim();
  return out;
}
