import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Block } from '../blocks/define.ts';
import { defaultBlocks } from '../blocks/registry.ts';
import { type CompiledDeck, type CompileOptions, compileDeck, type SourceFile } from '../compiler/index.ts';
import { configFrom, type DeckConfig, findConfigFile } from '../config/index.ts';
import { fsHost } from './files.ts';

export { fsHost } from './files.ts';

export interface LoadOptions {
  /** The deck folder; paths in diagnostics are relative to it. */
  root: string;
  /** The deck's resolved settings (resolveDeckConfig); without them, a deck with no config file is read. */
  config?: DeckConfig;
}

const toPosix = (p: string) => p.split(sep).join('/');

/**
 * The deck's markdown files: every `*.md` directly in the slides folder, in code-point order of name. Folders
 * are skipped; links are listed and checked when read (one to nowhere or out of the project is a problem).
 */
export function listSlideFiles(root: string, slidesDir = 'slides'): string[] {
  const dir = join(root, slidesDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.name.endsWith('.md') && !e.name.startsWith('.') && !e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => toPosix(relative(root, join(dir, name))));
}

/** The deck's markdown, each file read through the host: one that cannot be used says why, at its place. */
export function readSources(root: string, slidesDir?: string): SourceFile[] {
  const host = fsHost(root);
  return listSlideFiles(root, slidesDir).map((path) => {
    const read = host.read(path);
    if ('text' in read) return { path, text: read.text };
    const { problem, line = 1, column = 1 } = read;
    return { path, text: '', refused: { line, column, message: problem } };
  });
}

/** What the compiler takes from the deck's settings. */
export function compileOptions(config: DeckConfig): CompileOptions {
  return {
    host: fsHost(config.root),
    lang: config.lang,
    slidesDir: config.slidesDir,
    facts: config.facts,
    sources: config.sources,
    ...(config.noBreakUnits ? { noBreakUnits: config.noBreakUnits } : {}),
    markdown: config.markdown,
    blocks: deckBlocks(config),
    untrusted: config.untrusted ?? false,
    ...(config.markdownAt ? { markdownAt: config.markdownAt } : {}),
  };
}

/** The blocks a deck may use: the engine's, then the deck's own (its config's `blocks`). */
export function deckBlocks(config: DeckConfig): Block[] {
  return [...defaultBlocks, ...config.blocks];
}

/** Reads and compiles the deck's markdown. */
export function loadDeck(options: LoadOptions): CompiledDeck {
  const config = options.config ?? defaultConfig(options.root);
  return compileDeck(readSources(config.root, config.slidesDir), compileOptions(config));
}

/** The settings of a deck without a config file; one with a file must be resolved first (it may be TypeScript). */
function defaultConfig(root: string): DeckConfig {
  const file = findConfigFile(root);
  if (file) throw new Error(`${file} exists: pass loadDeck the config from resolveDeckConfig`);
  return configFrom(root, {});
}
