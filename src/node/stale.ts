import { existsSync, readdirSync, statSync } from 'node:fs';
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

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
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
