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
 * Where a source stops being text: its first NUL character. A markdown or YAML file with one is binary data
 * (or a file saved in UTF-16), and would otherwise pass through as garbage on a slide.
 */
export function binaryProblem(text: string): { line: number; column: number; message: string } | undefined {
  const at = text.indexOf('\0');
  if (at < 0) return undefined;
  return {
    ...placeOf(text, at),
    message:
      'holds a NUL byte, so it is binary data, not text: save it as UTF-8 text (or remove it from the deck)',
  };
}
