import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildDeck } from '../node/build.ts';
import { deckAt } from './deck-dir.ts';

/**
 * `deck build [DIR]`: checks the slides (every problem at its line, exit 1, no stack trace), then builds the site
 * and says where, in one line: the bundler's warnings show, its list of files (staging paths) does not.
 */
export async function build(args: string[]): Promise<number> {
  const started = performance.now();
  const out = await buildDeck({ config: await deckAt('build', args), force: true, verbose: true });
  const files = listFiles(out);
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  const where = relative(process.cwd(), out) || '.';
  process.stdout.write(
    `built ${where}/: ${files.length} files, ${(bytes / 1024).toFixed(0)} KB, in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return 0;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [],
  );
}
