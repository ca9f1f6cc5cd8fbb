import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DeckConfig } from '../config/index.ts';
import { ENGINE_ROOT } from './engine.ts';

/** What a build reads besides the deck's own files: the engine, relative to its folder. */
export const ENGINE_INPUTS = ['src', 'assets', 'package.json', 'package-lock.json', 'vite.config.ts'];

/** Everything a build of `config`'s deck reads, absolute. */
export function buildInputs(config: DeckConfig, engine = ENGINE_ROOT): string[] {
  const deck = [config.slidesDir, config.facts, config.theme, ...config.scripts, config.file, 'package.json'];
  return [
    ...ENGINE_INPUTS.map((p) => join(engine, p)),
    ...deck.filter((p): p is string => Boolean(p)).map((p) => resolve(config.root, p)),
  ];
}

/**
 * The newest modification time under `path`. Links count by what they point at, but a link to a folder is
 * not walked into: two links to `.` would otherwise make the walk exponential (and the deck reads only files
 * directly in slides/, and data files the compiler checks to be inside the project).
 */
function newest(path: string): number {
  const link = lstatSync(path, { throwIfNoEntry: false });
  if (!link) return 0;
  if (link.isSymbolicLink()) {
    let target: number;
    try {
      const stat = statSync(path);
      target = stat.isFile() ? stat.mtimeMs : 0;
    } catch {
      target = 0; // a link to nowhere, or one that loops
    }
    return Math.max(link.mtimeMs, target);
  }
  if (!link.isDirectory()) return link.mtimeMs;
  let max = link.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

/** Whether the built site is missing or older than any source it was built from. */
export function isStale(config: DeckConfig, engine = ENGINE_ROOT): boolean {
  const built = join(config.outDir, 'index.html');
  if (!existsSync(built)) return true;
  const at = statSync(built).mtimeMs;
  return buildInputs(config, engine).some((p) => newest(p) > at);
}
