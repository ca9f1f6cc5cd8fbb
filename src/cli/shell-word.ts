/**
 * Characters a terminal must not get raw from a path: C0 and C1 controls, DEL, and the bidirectional marks,
 * embeddings, overrides and isolates (U+202E would draw the rest of the line backwards, hiding what it says).
 */
const UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** Characters a POSIX shell reads as part of a word as they are. */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * `text` as one shell word to print in a command the reader will paste: as it is when it is plain, in single
 * quotes when it holds spaces or shell characters, and in `$'…'` (bash, zsh, ksh) with `\uXXXX` escapes when it
 * holds a control or bidirectional character, so that the terminal shows each of them rather than obeying it.
 */
export function shellWord(text: string): string {
  if (PLAIN.test(text)) return text;
  if (!UNSAFE.test(text)) return `'${text.replaceAll("'", `'\\''`)}'`;
  const escaped = text
    .replace(/[\\']/g, (c) => `\\${c}`)
    .replace(new RegExp(UNSAFE.source, 'gu'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `$'${escaped}'`;
}
