import { isUtf8 } from 'node:buffer';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { CompileHost, HostRead } from '../compiler/host.ts';
import { placeOf } from '../compiler/text.ts';
import { deckFontMeasure } from './metrics.ts';
import { open } from './open.ts';

export { MAX_FILE_BYTES } from './open.ts';

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
