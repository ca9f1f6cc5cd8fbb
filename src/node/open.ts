import { lstatSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { NOT_FOUND } from '../compiler/host.ts';

/** The largest file a deck may read or publish: an image or data file bigger than this is a mistake. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Opens a root-relative path the way a build may use it: its real path (links resolved) inside the project,
 * a regular file, at most MAX_FILE_BYTES. Returns the real path, or why the file is refused. Nothing outside
 * the project is read, so a deck written by someone else cannot publish the builder's files.
 */
export function open(realRoot: string, root: string, path: string): { file: string } | { problem: string } {
  const full = join(root, path);
  let real: string;
  try {
    real = realpathSync(full);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { problem: 'is a symbolic link that loops: point it at a file' };
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return { problem: `cannot be read (${code})` };
    const link = lstatSync(full, { throwIfNoEntry: false })?.isSymbolicLink();
    return {
      problem: link ? 'is a symbolic link to a file that does not exist: fix or delete it' : NOT_FOUND,
    };
  }
  const inside = relative(realRoot, real);
  if (inside.startsWith('..') || isAbsolute(inside))
    return {
      problem: `leads outside the project folder (to ${real}); a deck may only use files inside it (copy the file into the project)`,
    };
  const stat = statSync(real);
  if (stat.isDirectory()) return { problem: 'is a folder, not a file: name a file in it' };
  if (!stat.isFile()) return { problem: 'is not a regular file (a device, pipe or socket): name a file' };
  if (stat.size > MAX_FILE_BYTES)
    return {
      problem: `is ${(stat.size / 2 ** 20).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 2 ** 20} MB limit for a file in a deck: make it smaller`,
    };
  return { file: real };
}
