import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { DeckError } from '../compiler/diagnostics.ts';
import { ENGINE_ROOT } from '../node/engine.ts';
import { readArgs, usageError } from './args.ts';
import { shellWord } from './shell-word.ts';

/** The starter decks, one per language: the engine's examples, which `npm test` builds and checks. */
export const STARTERS = { en: 'examples/en', 'zh-Hans': 'examples/zh-Hans' } as const;
export type StarterLang = keyof typeof STARTERS;

const USAGE = 'usage: deck init DIR [--lang en|zh-Hans]';

export function parseInitArgs(args: string[]): { dir: string; lang: StarterLang } {
  const { values, positionals } = readArgs(args, {
    flags: { lang: { type: 'string', default: 'en' } },
    usage: USAGE,
    takes: { lang: `one of ${Object.keys(STARTERS).join(', ')}` },
  });
  const [dir, ...more] = positionals;
  if (more.length > 0) throw usageError('one folder at a time', USAGE);
  if (!dir) throw usageError('say where the deck goes', USAGE);
  const lang = values.lang ?? 'en';
  if (!(lang in STARTERS))
    throw new DeckError(`--lang must be one of ${Object.keys(STARTERS).join(', ')}; got "${lang}"`, [], 2);
  return { dir, lang: lang as StarterLang };
}

/** Copies the starter deck into `dir`, which must be new or empty: nothing of the author's is overwritten. */
export function writeStarter(dir: string, lang: StarterLang, engine = ENGINE_ROOT): void {
  const target = resolve(dir);
  if (existsSync(target) && !statSync(target).isDirectory())
    throw new DeckError(`${shellWord(dir)} is a file: name a new folder for the deck`, [], 1);
  if (existsSync(target) && readdirSync(target).length > 0)
    throw new DeckError(
      `${shellWord(dir)} is not empty: pick a new folder, deck init writes into an empty one`,
      [],
      1,
    );
  const from = join(engine, STARTERS[lang]);
  cpSync(from, target, {
    recursive: true,
    filter: (src) => !/^(?:dist|exports|node_modules)(?:\/|$)/.test(relative(from, src)),
  });
  // Its own package.json makes its deck.config.js an ES module wherever it is: in a folder whose package.json is
  // CommonJS (npm init's default), Node would warn about the config on every command.
  writeFileSync(
    join(target, 'package.json'),
    `${JSON.stringify({ private: true, type: 'module' }, null, 2)}\n`,
  );
  // The config's type reference points into the engine from the example's place in it: from the new deck's.
  const config = join(target, 'deck.config.js');
  if (existsSync(config)) {
    const text = readFileSync(config, 'utf8');
    const types = configTypes(target, engine);
    writeFileSync(
      config,
      text.replace(/import\('[^']*src\/config\/types\.ts'\)/, (call) =>
        call.replace(/'.*'/, () => `'${types}'`),
      ),
    );
  }
}

/**
 * Where the new deck's config names its types from: the installed package by its name (its `exports` carry
 * them), or, for an engine run from a checkout, the source file by a path relative to the deck.
 */
function configTypes(deck: string, engine: string): string {
  if (engine.split(sep).includes('node_modules')) {
    const { name } = JSON.parse(readFileSync(join(engine, 'package.json'), 'utf8')) as { name: string };
    return name;
  }
  const types = relative(deck, join(engine, 'src/config/types.ts')).split(sep).join('/');
  return types.startsWith('.') ? types : `./${types}`;
}

/** `deck init DIR [--lang en|zh-Hans]`: a small deck that shows every block, ready to start. */
export async function init(args: string[]): Promise<number> {
  const { dir, lang } = parseInitArgs(args);
  writeStarter(dir, lang);
  process.stdout.write(initMessage(dir, lang));
  return 0;
}

/** What `deck init` prints: the commands to paste next, the folder written as one shell word in each. */
export function initMessage(dir: string, lang: StarterLang): string {
  const word = shellWord(dir);
  return [
    `a starter deck (${lang}) is in ${word}: slides/ holds its markdown, deck.config.js its settings`,
    '',
    `  npx deck start ${word}    build it and serve it (http://127.0.0.1:8080/)`,
    `  npx deck check ${word}    every problem in the slides, at its line`,
    `  npx deck build ${word}    the static site, in ${shellWord(join(dir, 'dist'))}`,
    '',
  ].join('\n');
}
