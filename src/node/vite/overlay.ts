import { join } from 'node:path';
import { formatDiagnostic } from '../../compiler/diagnostics.ts';
import type { Diagnostic } from '../../compiler/index.ts';

/** A code frame around a diagnostic's line, as Vite's overlay shows it. */
export function codeFrame(text: string, line: number, column: number): string {
  const lines = text.split(/\r?\n/);
  const from = Math.max(1, line - 2);
  const to = Math.min(lines.length, line + 2);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${lines[n - 1] ?? ''}`);
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return out.join('\n');
}

/** The payload of Vite's error overlay for the deck's diagnostics: the first one located, all listed. */
export function overlayError(
  root: string,
  diagnostics: Diagnostic[],
  readText: (file: string) => string | undefined,
) {
  const first = diagnostics[0]!;
  const file = join(root, first.file);
  return {
    message: diagnostics.map(formatDiagnostic).join('\n'),
    stack: '',
    id: file,
    plugin: 'deck:markdown',
    frame: codeFrame(readText(first.file) ?? '', first.line, first.column),
    loc: { file, line: first.line, column: first.column },
  };
}
