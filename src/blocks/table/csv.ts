/** A CSV cell: its text, and where it starts (0-based line within the CSV, 0-based column on that line). */
export interface CsvCell {
  text: string;
  line: number;
  column: number;
}

/**
 * Rows of a small CSV text (RFC 4180: commas, "quoted" cells with "" for a quote); blank lines are skipped,
 * cells are trimmed. A quoted cell stays on its line: a table cell holds one line.
 */
export function parseCsv(text: string): CsvCell[][] {
  const rows: CsvCell[][] = [];
  text.split('\n').forEach((raw, line) => {
    if (raw.trim() === '') return;
    const row: CsvCell[] = [];
    let i = 0;
    while (i <= raw.length) {
      while (raw[i] === ' ') i++;
      const column = i;
      let cell = '';
      if (raw[i] === '"') {
        i++;
        while (i < raw.length && !(raw[i] === '"' && raw[i + 1] !== '"')) {
          cell += raw[i];
          i += raw[i] === '"' ? 2 : 1;
        }
        i++;
        while (i < raw.length && raw[i] !== ',') i++;
      } else {
        const end = raw.indexOf(',', i);
        cell = raw.slice(i, end < 0 ? raw.length : end).trim();
        i = end < 0 ? raw.length : end;
      }
      row.push({ text: cell, line, column });
      i++; // past the comma (or the end)
    }
    rows.push(row);
  });
  return rows;
}
