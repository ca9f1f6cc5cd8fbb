/** A problem in the deck's sources, located at a 1-based line and column. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

export type Report = (d: Omit<Diagnostic, 'severity'> & { severity?: Diagnostic['severity'] }) => void;

export function collector(): { diagnostics: Diagnostic[]; report: Report } {
  const diagnostics: Diagnostic[] = [];
  return {
    diagnostics,
    report: (d) => diagnostics.push({ severity: 'error', ...d }),
  };
}

export function formatDiagnostic(d: Diagnostic): string {
  const tag = d.severity === 'warning' ? 'warning: ' : '';
  return `${d.file}:${d.line}:${d.column}: ${tag}${d.message}`;
}

/** Sorted by place, each problem once (a data file read by several blocks reports its problems once). */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  const unique = [...new Map(list.map((d) => [formatDiagnostic(d), d])).values()];
  return unique.sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}

/** Thrown by library entry points; the CLI prints it and exits with `exitCode`. */
export class DeckError extends Error {
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[] = [],
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'DeckError';
  }
}
