import { formatDiagnostic, sortDiagnostics } from '../compiler/diagnostics.ts';
import { fontWarnings } from '../node/coverage.ts';
import { loadDeck } from '../node/load.ts';
import { deckAt } from './deck-dir.ts';

/** `deck check [DIR]`: prints every problem, warnings included; exits 1 when there is an error. */
export async function check(args: string[]): Promise<number> {
  const config = await deckAt('check', args);
  const deck = loadDeck({ root: config.root, config });
  // Characters the bundled font lacks: shown all the same, in the system's fonts, hence a warning.
  const diagnostics = sortDiagnostics([...deck.diagnostics, ...fontWarnings(config, deck)]);
  for (const d of diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`);
  const errors = deck.diagnostics.filter((d) => d.severity === 'error').length;
  const slides = deck.stacks.flat().length;
  process.stderr.write(
    errors > 0
      ? `${errors} problem${errors > 1 ? 's' : ''} in ${slides} slides\n`
      : `${slides} slides, no problems\n`,
  );
  return errors > 0 ? 1 : 0;
}
