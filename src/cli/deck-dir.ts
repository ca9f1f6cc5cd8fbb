import { DeckError } from '../compiler/diagnostics.ts';
import { type DeckConfig, resolveDeckConfig } from '../config/index.ts';

/** `[DIR]`: the one optional argument of build, check and start; the deck's settings, resolved. */
export async function deckAt(command: string, args: string[]): Promise<DeckConfig> {
  const extra = args.filter((a) => a.startsWith('-'));
  if (extra.length > 0)
    throw new DeckError(`unknown option "${extra[0]}": usage: deck ${command} [DIR]`, [], 2);
  if (args.length > 1)
    throw new DeckError(`one deck folder at a time; got ${args.length}: usage: deck ${command} [DIR]`, [], 2);
  return resolveDeckConfig(args[0] ?? process.cwd());
}
