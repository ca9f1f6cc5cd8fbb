import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { memoryHost } from '../../src/compiler/host.ts';
import { compileDeck } from '../../src/compiler/index.ts';
import type { FuzzCase } from './generate.ts';

export interface CaseResult {
  ms: number;
  diagnostics: number;
  errors: number;
  /** What went wrong with the compiler itself: a throw, or a diagnostic that is not located in a file read. */
  failures: string[];
}

/**
 * Compiles a case and checks the compiler's contract: it returns (never throws), every diagnostic names a file
 * it read, at a line and column inside that file, with a message, and the HTML is a string.
 */
export function runCase(c: FuzzCase): CaseResult {
  const started = performance.now();
  const failures: string[] = [];
  let diagnostics = 0;
  let errors = 0;
  try {
    const deck = compileDeck(c.files, { host: memoryHost(c.host) });
    diagnostics = deck.diagnostics.length;
    errors = deck.diagnostics.filter((d) => d.severity === 'error').length;
    if (typeof deck.html !== 'string') failures.push('html is not a string');
    for (const d of deck.diagnostics) {
      const text = c.host[d.file];
      const lines = text === undefined ? 0 : text.split('\n').length;
      const located =
        text !== undefined &&
        Number.isInteger(d.line) &&
        Number.isInteger(d.column) &&
        d.line >= 1 &&
        d.column >= 1 &&
        d.line <= lines + 1 &&
        d.message.length > 10 &&
        !/undefined|\[object Object\]|NaN:/.test(d.message);
      if (!located) failures.push(`not located: ${formatDiagnostic(d)}`);
    }
  } catch (e) {
    failures.push(`threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  return { ms: performance.now() - started, diagnostics, errors, failures };
}
