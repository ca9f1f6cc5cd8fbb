import { buildDeck } from '../node/build.ts';
import { deckAt } from './deck-dir.ts';

/** `deck build [DIR]`: checks the slides (every problem at its line, exit 1, no stack trace), then builds the site. */
export async function build(args: string[]): Promise<number> {
  await buildDeck({ config: await deckAt('build', args), force: true, verbose: true });
  return 0;
}
