import { existsSync, rmdirSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { DeckError, sortDiagnostics } from '../compiler/diagnostics.ts';
import type { CompiledDeck } from '../compiler/index.ts';
import type { DeckConfig } from '../config/index.ts';
import { loadDeck } from './load.ts';
import { previousBuild, stagingDir, swapIn } from './out-dir.ts';
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
 * old site is emptied), as a DeckError the CLI prints without a stack trace. Returns the compiled deck, which
 * the build then uses: the markdown is compiled once.
 */
export function checkDeck(config: DeckConfig, again = 'run it again'): CompiledDeck {
  const deck = loadDeck({ root: config.root, config });
  const errors = deck.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    throw new DeckError(
      `${errors.length} problem${errors.length > 1 ? 's' : ''} in the slides: fix ${errors.length > 1 ? 'them' : 'it'} and ${again}`,
      sortDiagnostics(errors),
      1,
    );
  return deck;
}

function rmEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty: the build is in it.
  }
}

/** The out dir as a message names it: relative to the deck folder when inside it. */
function shownPath(root: string, out: string): string {
  const rel = relative(root, out);
  return rel && !rel.startsWith('..') ? `${rel}/` : out;
}

/** Builds the deck into its out dir when it is missing or stale; returns the folder. */
export async function buildDeck(options: BuildOptions): Promise<string> {
  const { config } = options;
  if (!options.force && !isStale(config)) return config.outDir;
  const out = config.outDir;
  const previous = previousBuild(out, shownPath(config.root, out));
  const compiled = checkDeck(config, options.again);
  // The slowest imports of all: only when building.
  const [{ build }, { viteConfig }] = await Promise.all([import('vite'), import('./vite/index.ts')]);
  // Built into a fresh folder (in the out dir), then swapped in file by file: the old site is served until
  // then, and nothing in the out dir that no build made is touched.
  const made = !existsSync(out);
  const staged = stagingDir(out);
  try {
    await build({ ...viteConfig(config, staged, compiled), logLevel: options.verbose ? 'warn' : 'error' });
    swapIn(staged, out, previous);
  } catch (e) {
    if (e instanceof DeckError) throw e;
    // Rolldown puts its stack into the message; the reader needs the first lines only.
    const message = e instanceof Error ? e.message : String(e);
    throw new DeckError(message.replace(/^\s+at .*$/gm, '').trim(), [], 1);
  } finally {
    rmSync(staged, { recursive: true, force: true });
    if (made) rmEmpty(out); // a failed first build leaves no empty folder behind
  }
  return out;
}
