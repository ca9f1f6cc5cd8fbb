import { type DeckConfig, resolveDeckConfig } from '../config/index.ts';
import { readArgs, usageError } from './args.ts';

/** `[DIR]`: the one optional argument of build, check, dev and start; the deck's settings, resolved. */
export async function deckAt(command: string, args: string[]): Promise<DeckConfig> {
  const usage = `usage: deck ${command} [DIR]`;
  const { positionals } = readArgs(args, { flags: {}, usage });
  if (positionals.length > 1) throw usageError(`one deck folder at a time; got ${positionals.length}`, usage);
  return resolveDeckConfig(positionals[0] ?? process.cwd());
}
