/** 1-based line and column of a string offset. */
export function placeOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/**
 * The first character no text file holds: C0 controls but tab, line feed, form feed and carriage return; DEL
 * and the C1 controls; lone surrogates; the noncharacters U+FFFE and U+FFFF. HTML parsers reject them too.
 */
function firstNotText(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 ? c !== 9 && c !== 10 && c !== 12 && c !== 13 : c >= 0x7f && c <= 0x9f) return i;
    if (c === 0xfffe || c === 0xffff || (c >= 0xdc00 && c <= 0xdfff)) return i;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return i;
      i++; // a pair: one character
    }
  }
  return -1;
}

/**
 * Where a source stops being text: its first NUL or other control character. A markdown or YAML file with one
 * is binary data (or a file saved in UTF-16), and would otherwise pass through as garbage on a slide.
 */
export function binaryProblem(text: string): { line: number; column: number; message: string } | undefined {
  const at = firstNotText(text);
  if (at < 0) return undefined;
  const code = text.charCodeAt(at);
  const name =
    code === 0 ? 'a NUL byte' : `the character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return {
    ...placeOf(text, at),
    message: `holds ${name}, so it is binary data, not text: save it as UTF-8 text (or remove it from the deck)`,
  };
}
