import { resolve } from 'node:path';
import { DeckError, sortDiagnostics } from '../compiler/diagnostics.ts';
import { loadDeck } from './load.ts';
import { isStale } from './stale.ts';

export interface BuildOptions {
  root: string;
  /** Build even when dist/ is up to date. @default false */
  force?: boolean;
  /** Print Vite's progress. @default false */
  verbose?: boolean;
  /** What to do once the slides are fixed, for the message. @default 'run it again' */
  again?: string;
}

/**
 * Checks the slides: a broken one fails with every problem at its line before Vite starts (and before the
 * old site is emptied), as a DeckError the CLI prints without a stack trace.
 */
export function checkDeck(root: string, again = 'run it again'): void {
  const errors = loadDeck({ root }).diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    throw new DeckError(
      `${errors.length} problem${errors.length > 1 ? 's' : ''} in the slides: fix ${errors.length > 1 ? 'them' : 'it'} and ${again}`,
      sortDiagnostics(errors),
      1,
    );
}

/** Builds the deck into dist/ when it is missing or stale; returns the folder. */
export async function buildDeck(options: BuildOptions): Promise<string> {
  const outDir = resolve(options.root, process.env.DECK_OUT_DIR ?? 'dist');
  if (!options.force && !isStale(options.root)) return outDir;
  checkDeck(options.root, options.again);
  const { build } = await import('vite'); // the slowest import of all: only when building
  try {
    await build({
      root: options.root,
      configFile: resolve(options.root, 'vite.config.ts'),
      logLevel: options.verbose ? 'info' : 'error',
    });
  } catch (e) {
    // Rolldown puts its stack into the message; the reader needs the first lines only.
    const message = e instanceof Error ? e.message : String(e);
    throw new DeckError(message.replace(/^\s+at .*$/gm, '').trim(), [], 1);
  }
  return outDir;
}
