import { buildDeck } from '../node/build.ts';

/** `deck build`: checks the slides (every problem at its line, exit 1, no stack trace), then builds dist/. */
export async function build(_args: string[]): Promise<number> {
  await buildDeck({ root: process.cwd(), force: true, verbose: true });
  return 0;
}
