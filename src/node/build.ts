import { resolve } from 'node:path';
import { build } from 'vite';
import { DeckError } from '../compiler/diagnostics.ts';
import { isStale } from './stale.ts';

export interface BuildOptions {
  root: string;
  /** Build even when dist/ is up to date. @default false */
  force?: boolean;
  /** Print Vite's progress. @default false */
  verbose?: boolean;
}

/** Builds the deck into dist/ when it is missing or stale; returns the folder. */
export async function buildDeck(options: BuildOptions): Promise<string> {
  const outDir = resolve(options.root, process.env.DECK_OUT_DIR ?? 'dist');
  if (!options.force && !isStale(options.root)) return outDir;
  try {
    await build({
      root: options.root,
      configFile: resolve(options.root, 'vite.config.ts'),
      logLevel: options.verbose ? 'info' : 'error',
    });
  } catch (e) {
    throw new DeckError(e instanceof Error ? e.message : String(e), [], 1);
  }
  return outDir;
}
