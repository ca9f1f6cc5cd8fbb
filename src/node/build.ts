import { DeckError, sortDiagnostics } from '../compiler/diagnostics.ts';
import type { DeckConfig } from '../config/index.ts';
import { loadDeck } from './load.ts';
import { isStale } from './stale.ts';

export interface BuildOptions {
  config: DeckConfig;
  /** Build even when the built site is up to date. @default false */
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
export function checkDeck(config: DeckConfig, again = 'run it again'): void {
  const errors = loadDeck({ root: config.root, config }).diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    throw new DeckError(
      `${errors.length} problem${errors.length > 1 ? 's' : ''} in the slides: fix ${errors.length > 1 ? 'them' : 'it'} and ${again}`,
      sortDiagnostics(errors),
      1,
    );
}

/** Builds the deck into its out dir when it is missing or stale; returns the folder. */
export async function buildDeck(options: BuildOptions): Promise<string> {
  const { config } = options;
  if (!options.force && !isStale(config)) return config.outDir;
  checkDeck(config, options.again);
  // The slowest imports of all: only when building.
  const [{ build }, { viteConfig }] = await Promise.all([import('vite'), import('./vite/index.ts')]);
  try {
    await build({ ...viteConfig(config), logLevel: options.verbose ? 'info' : 'error' });
  } catch (e) {
    // Rolldown puts its stack into the message; the reader needs the first lines only.
    const message = e instanceof Error ? e.message : String(e);
    throw new DeckError(message.replace(/^\s+at .*$/gm, '').trim(), [], 1);
  }
  return config.outDir;
}
