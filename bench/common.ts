/** What the browser benches share: the median of a run, and this deck built into a folder of their own. */
import { join, resolve } from 'node:path';
import { build } from 'vite';

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export const repoRoot = resolve(import.meta.dirname, '..');

/** Builds this repository's deck into `outDir` (not dist/: a bench never touches the served build). */
export async function buildDeckInto(outDir: string): Promise<void> {
  await build({
    root: repoRoot,
    configFile: join(repoRoot, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir },
  });
}
