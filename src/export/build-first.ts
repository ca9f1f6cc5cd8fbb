import { DeckError, sortDiagnostics } from '../compiler/diagnostics.ts';

/**
 * Builds the deck (the caller asks only when the built site is stale). The slides are checked first, so a
 * broken one fails with every problem at its line before Vite starts, and before the old site is emptied.
 * The compiler and Vite load only here: they are the slowest imports of all.
 */
export async function buildDeck(root: string): Promise<void> {
  const { loadDeck } = await import('../node/load.ts');
  const errors = loadDeck({ root }).diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    throw new DeckError(
      `${errors.length} problem${errors.length > 1 ? 's' : ''} in the slides: fix ${errors.length > 1 ? 'them' : 'it'} and export again`,
      sortDiagnostics(errors),
      1,
    );
  const vite = await import('../node/build.ts');
  await vite.buildDeck({ root, force: true });
}
