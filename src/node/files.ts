import { isUtf8 } from 'node:buffer';
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { type CompileHost, type HostRead, NOT_FOUND } from '../compiler/host.ts';
import { placeOf } from '../compiler/text.ts';
import { deckFontMeasure } from './metrics.ts';

/** The largest file a deck may read or publish: an image or data file bigger than this is a mistake. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Opens a root-relative path the way a build may use it: its real path (links resolved) inside the project,
 * a regular file, at most MAX_FILE_BYTES. Returns the real path, or why the file is refused. Nothing outside
 * the project is read, so a deck written by someone else cannot publish the builder's files.
 */
function open(realRoot: string, root: string, path: string): { file: string } | { problem: string } {
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

/** Offset of the first byte that is not part of a valid UTF-8 sequence (the buffer is known to be invalid). */
function firstBadByte(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (n === 0 || !isUtf8(bytes.subarray(i, i + n))) return i;
    i += n;
  }
  return i;
}

/** A file's bytes as text, or where they stop being UTF-8. */
export function decodeText(bytes: Buffer): HostRead {
  if (isUtf8(bytes)) return { text: bytes.toString('utf8') };
  const at = firstBadByte(bytes);
  const before = bytes.subarray(0, at).toString('utf8');
  return {
    ...placeOf(before, before.length),
    problem: `is not UTF-8 text (byte 0x${bytes[at]?.toString(16).padStart(2, '0')} at offset ${at}): save it as UTF-8, or remove it if it is not text`,
  };
}

/**
 * The compiler's host over the file system: every read and every published file goes through `open`; text is
 * measured in the page's font.
 */
export function fsHost(root: string): CompileHost {
  const realRoot = realpathSync(root);
  return {
    measure: deckFontMeasure,
    check: (path) => {
      const opened = open(realRoot, root, path);
      return 'problem' in opened ? opened.problem : undefined;
    },
    read: (path) => {
      const opened = open(realRoot, root, path);
      return 'problem' in opened ? opened : decodeText(readFileSync(opened.file));
    },
    list: (dir) => {
      let folder: string;
      try {
        folder = realpathSync(join(root, dir));
      } catch {
        return undefined;
      }
      const inside = relative(realRoot, folder);
      if (inside.startsWith('..') || isAbsolute(inside)) return undefined;
      try {
        return readdirSync(folder, { withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => e.name);
      } catch {
        return undefined;
      }
    },
  };
}
