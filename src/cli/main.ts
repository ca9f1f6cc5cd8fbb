import { DeckError, formatDiagnostic } from '../compiler/diagnostics.ts';
import { didYouMean } from '../compiler/suggest.ts';

// Each command loads only when run: `start` pulls in Vite, which `export` of a built deck never needs. A new
// command is one entry here (and a line in USAGE); its flags are read by readArgs (args.ts, node:util parseArgs).
const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  check: async (args) => (await import('./check.ts')).check(args),
  start: async (args) => (await import('./start.ts')).start(args),
  dev: async (args) => (await import('./dev.ts')).dev(args),
  build: async (args) => (await import('./build.ts')).build(args),
  export: async (args) => (await import('./export.ts')).exportCommand(args),
  init: async (args) => (await import('./init.ts')).init(args),
};

const USAGE = `usage: deck <command> [DIR] [options]

DIR is the deck folder (its slides/ and, optionally, deck.config.ts); the current folder by default.

--untrusted (or DECK_UNTRUSTED=1), with any command: the deck is someone else's: no code of it runs (a
deck.config.js/.ts is refused, deck.config.json is read; no <script> in the slides) and no path it names
leaves its folder.

commands:
  init      DIR [--lang en|zh-Hans]: write a starter deck that shows every block
  start     build the deck when stale, serve it and print its URL (PORT, HOST from the environment)
  dev       Vite's dev server on the deck: a saved slide updates in place, problems in its overlay (PORT, HOST)
  build     check the slides (every problem at its line, exit 1), then build DIR/dist/
  check     validate the slides; print every problem as file:line:column: message
  export    pdf|png|pptx|html [DIR] [--out …] [--lang LANG] [--notes] [--fragments] [--scale N]: the deck as a PDF, PNGs, PPTX or one HTML file`;

/** The one top-level catch: a DeckError prints its message and exits with its code. */
export async function main(argv: string[]): Promise<number> {
  // Said on the command line or in the environment, it reaches every command the same way, and the builds
  // they start.
  if (argv.includes('--untrusted')) process.env.DECK_UNTRUSTED = '1';
  const [name, ...args] = argv.filter((a) => a !== '--untrusted');
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    const help = name === '--help' || name === '-h' || name === 'help';
    if (help) process.stdout.write(`${USAGE}\n`);
    else {
      const near = name ? didYouMean(name, Object.keys(COMMANDS)) : '';
      process.stderr.write(
        `${name ? `unknown command "${name}"${near ? `: ${near.trim()}` : ''}\n` : ''}${USAGE}\n`,
      );
    }
    return help ? 0 : 2;
  }
  try {
    return await command(args);
  } catch (e) {
    if (e instanceof DeckError) {
      for (const d of e.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
      process.stderr.write(`deck ${name}: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}
