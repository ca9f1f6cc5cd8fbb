import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { type CompiledDeck, compileDeck, type SourceFile } from '../compiler/index.ts';
import { fsHost } from './files.ts';

export { fsHost } from './files.ts';

export interface LoadOptions {
  /** Project root; paths in diagnostics are relative to it. */
  root: string;
  /** Folder of the deck's markdown, relative to root. @default 'slides' */
  slidesDir?: string;
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

/** Reads and compiles the deck in `slides/`. */
export function loadDeck(options: LoadOptions): CompiledDeck {
  const files = readSources(options.root, options.slidesDir);
  return compileDeck(files, { host: fsHost(options.root) });
}
