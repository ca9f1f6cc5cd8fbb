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
 * Characters no text file holds: C0 controls but tab, line feed, form feed and carriage return; DEL and the C1
 * controls; lone surrogates; the noncharacters U+FFFE and U+FFFF. HTML parsers reject them too.
 */
const NOT_TEXT = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Where a source stops being text: its first NUL or other control character. A markdown or YAML file with one
 * is binary data (or a file saved in UTF-16), and would otherwise pass through as garbage on a slide.
 */
export function binaryProblem(text: string): { line: number; column: number; message: string } | undefined {
  const match = NOT_TEXT.exec(text);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0);
  const name = code === 0 ? 'a NUL byte' : `the character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return {
    ...placeOf(text, match.index),
    message: `holds ${name}, so it is binary data, not text: save it as UTF-8 text (or remove it from the deck)`,
  };
}
