import { type ParseArgsConfig, parseArgs } from 'node:util';
import { DeckError } from '../compiler/diagnostics.ts';
import { didYouMean } from '../compiler/suggest.ts';

/** A command's flags as node:util's parseArgs declares them: `{ out: { type: 'string' }, notes: { type: 'boolean' } }`. */
export type Flags = NonNullable<ParseArgsConfig['options']>;

export interface ArgsSpec<F extends Flags> {
  flags: F;
  /** The command's usage, printed under a usage error. */
  usage: string;
  /** What a flag's value is, for the error when it is missing (`{ out: 'a path' }`). @default "a value" */
  takes?: Partial<Record<keyof F, string>>;
  /** Whose flag it is, in the error: `for export pdf`. */
  of?: string;
}

/**
 * A command's words read by node:util's parseArgs: the positionals (the deck folder, an export's format) and
 * the flags (`--out FILE`, `--out=FILE`, `--notes`). A flag that is not the command's, a flag without its
 * value or a switch given one is a usage error (exit 2) that names the nearest flag, the allowed ones and the
 * usage.
 */
export function readArgs<F extends Flags>(args: string[], spec: ArgsSpec<F>) {
  try {
    return parseArgs({ args, options: spec.flags, allowPositionals: true, strict: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const named = /'(-[^' ]*)/.exec((e as Error).message)?.[1] ?? '';
    const known = Object.keys(spec.flags).map((name) => `--${name}`);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const allowed = known.length > 0 ? `allowed: ${known.join(', ')}` : 'it takes none';
      const of = spec.of ? ` for ${spec.of}` : '';
      throw usageError(`unknown option "${named}"${of}; ${didYouMean(named, known)}${allowed}`, spec.usage);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = named.replace(/^--/, '') as keyof F & string;
      if (spec.flags[name]?.type === 'boolean')
        throw usageError(`${named} takes no value; leave it out to turn it off`, spec.usage);
      throw usageError(`${named} takes ${spec.takes?.[name] ?? 'a value'}`, spec.usage);
    }
    throw e;
  }
}

/** A mistake in the command line: said with the usage, exit 2. */
export const usageError = (message: string, usage: string) => new DeckError(`${message}\n${usage}`, [], 2);
