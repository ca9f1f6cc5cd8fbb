import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Everything a build reads, relative to the project root. */
export const BUILD_INPUTS = [
  'slides',
  'src',
  'assets',
  'package.json',
  'package-lock.json',
  'vite.config.ts',
];

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

/** Whether `dist/` is missing or older than any source it was built from. */
export function isStale(root: string, outDir = process.env.DECK_OUT_DIR ?? 'dist'): boolean {
  const built = join(root, outDir, 'index.html');
  if (!existsSync(built)) return true;
  const at = statSync(built).mtimeMs;
  return BUILD_INPUTS.some((p) => newest(join(root, p)) > at);
}
