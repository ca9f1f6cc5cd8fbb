import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { type CompiledDeck, type CompileHost, compileDeck, type SourceFile } from '../compiler/index.ts';

export interface LoadOptions {
  /** Project root; paths in diagnostics are relative to it. */
  root: string;
  /** Folder of the deck's markdown, relative to root. @default 'slides' */
  slidesDir?: string;
}

const toPosix = (p: string) => p.split(sep).join('/');

/** The deck's markdown files: every `*.md` directly in the slides folder, in code-point order of name. */
export function listSlideFiles(root: string, slidesDir = 'slides'): string[] {
  const dir = join(root, slidesDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && !name.startsWith('.') && statSync(join(dir, name)).isFile())
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => toPosix(relative(root, join(dir, name))));
}

export function fsHost(root: string): CompileHost {
  return {
    exists: (path) => existsSync(join(root, path)),
    readText: (path) => {
      try {
        return readFileSync(join(root, path), 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

export function readSources(root: string, slidesDir?: string): SourceFile[] {
  return listSlideFiles(root, slidesDir).map((path) => ({
    path,
    text: readFileSync(join(root, path), 'utf8'),
  }));
}

/** Reads and compiles the deck in `slides/`. */
export function loadDeck(options: LoadOptions): CompiledDeck {
  const files = readSources(options.root, options.slidesDir);
  return compileDeck(files, { host: fsHost(options.root) });
}
